"""CSV files of bookings as the team's spreadsheets have them, for the import tests."""

from __future__ import annotations

HEADER = (
    "Hall,Venue,Date,Start,End,Hirer,Organisation,Type,Phone,Email,Postcode,Purpose,"
    "Attendees,Status,Notes\r\n"
)
GOOD = (
    HEADER
    + "Garden Room,,2027-01-12,10:00,12:00,Zoë O'Brien-Smith,,resident,07700 900123,,SE15 5AB,"
    'Book club,12,confirmed,"Needs chairs\r\nand a table"\r\n'
    "\r\n"
    "Reading Room,Dulwich Library Hall,14/01/2027,18:00,20:00,Amal Hussein,,private,"
    "07700 900777,amal@example.org,SE22 8HJ,Birthday party,30,provisional,\r\n"
)
#: (ok, problem kind) by line of the one-bad-row-of-each-kind file both import tests build.
BAD_FILE_OUTCOMES = {
    2: (False, "hall"),
    3: (False, "date"),
    4: (False, "clash"),
    5: (True, ""),
    6: (False, "clash"),
    7: (False, "capacity"),
    8: (True, ""),
    9: (False, "duplicate"),
    10: (False, "closed"),
    11: (False, "time"),
}
