"""The phone console: the clerk's first screen (is a hall free? book it)."""
