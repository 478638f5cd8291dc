"""kongchuo's tests, organised like src/kongchuo_cli: one folder per stage, helpers/ for generators and shared data."""
