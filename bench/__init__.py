"""Benchmarks: Spacebank's services timed against raw-SQL floors on the demo database.

Run with `./run bench` (or `python -m bench`); `--list` names the benchmarks.
"""
