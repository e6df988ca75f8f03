"""`settled_from`: never a day on or after which money was owed, for any order of
payments, refunds and credits, back-dated or not."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spacebank.domain.invoice import settled_from

ISSUED = date(2026, 4, 10)

#: (days after issue, pence off the balance): payments and credits positive, refunds
#: negative; some dated before the invoice, as a back-dated entry can be.
events_st = st.lists(
    st.tuples(st.integers(-10, 40), st.integers(-5_000, 12_000).filter(bool)), max_size=8
)


def owed_on(gross: int, events: list[tuple[int, int]], offset: int) -> int:
    return gross - sum(pence for day, pence in events if day <= offset)


@given(gross=st.integers(0, 10_000), events=events_st)
def test_nothing_owed_from_the_settled_day_on(gross: int, events: list[tuple[int, int]]) -> None:
    dated = [(ISSUED + timedelta(days=d), p) for d, p in events]
    settled = settled_from(ISSUED, gross, dated)
    for offset in range(0, 50):
        day = ISSUED + timedelta(days=offset)
        if owed_on(gross, events, offset) > 0:
            assert settled is None or settled > day
    assert (settled is None) == (owed_on(gross, events, 10**6) > 0)


@given(gross=st.integers(0, 10_000), events=events_st)
def test_settled_day_is_the_first_of_the_last_run_owing_nothing(
    gross: int, events: list[tuple[int, int]]
) -> None:
    """Tight, so the income report's filter lets few settled invoices through."""
    dated = [(ISSUED + timedelta(days=d), p) for d, p in events]
    settled = settled_from(ISSUED, gross, dated)
    if settled is None:
        return
    assert settled >= ISSUED
    offset = (settled - ISSUED).days
    assert owed_on(gross, events, offset) <= 0
    if settled > ISSUED:
        assert owed_on(gross, events, offset - 1) > 0


def test_examples() -> None:
    day = ISSUED + timedelta(days=5)
    assert settled_from(ISSUED, 0, []) == ISSUED
    assert settled_from(ISSUED, 100, []) is None
    assert settled_from(ISSUED, 100, [(ISSUED - timedelta(days=3), 100)]) == ISSUED
    assert settled_from(ISSUED, 100, [(day, 60), (day, 40)]) == day
    # Paid, refunded in part a week later, credited back the same day: settled again.
    later = day + timedelta(days=7)
    assert settled_from(ISSUED, 100, [(day, 100), (later, -30), (later, 30)]) == day
    assert settled_from(ISSUED, 100, [(day, 100), (later, -30)]) is None
