"""Usage reports (utilisation, income, hirers, cancellations) and their exports.

Queries aggregate in SQL on SQLite and PostgreSQL and return frozen dataclasses;
nothing here imports Qt.
"""
