"""kongchuo (控辍保学): compulsory-education indicators, judged exactly, with the returns needed to close each gap."""

__version__ = "0.1.0"
