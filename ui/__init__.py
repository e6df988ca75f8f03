"""Qt desktop front end (built in the desktop issue)."""
