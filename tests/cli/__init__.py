"""The command line end to end, one file per command, and the promises every command that reads tables keeps."""
