"""Managers' screens: venues, halls, rates, extras and closures."""
