"""Calendar data in and out: CSV import of bookings, iCalendar export."""
