"""Entities, value objects and errors of the halls domain (no Qt, no sessions)."""
