"""Engine, sessions and migrations for SQLite (embedded) and PostgreSQL (shared)."""
