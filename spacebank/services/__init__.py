"""Use cases: one public method = one user action = one transaction, returning DTOs."""
