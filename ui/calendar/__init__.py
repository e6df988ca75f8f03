"""The calendar: a day view of halls by time, a week view and a month overview.

Kept free of Qt imports so the pure geometry (`layout`, `period`) tests without Qt.
"""
