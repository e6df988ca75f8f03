"""The settings dialog: organisation details, booking policy and database."""
