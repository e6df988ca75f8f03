"""Booking dialog, bookings list and the needs-attention panel."""
