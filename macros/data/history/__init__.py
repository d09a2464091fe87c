"""Each program's history, read from the Git log."""
