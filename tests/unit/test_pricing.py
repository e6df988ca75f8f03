"""Pricing a booking: time bands, DST, rounding, extras, discounts, VAT, deposit."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacebank.domain.clock import to_utc
from spacebank.domain.enums import ChargeKind, DiscountKind, RateType, TimeBand
from spacebank.domain.errors import ApprovalRequiredError, MoneyError, ValidationError
from spacebank.domain.money import ratio_pence, vat_pence
from spacebank.domain.policy import Policy
from spacebank.domain.pricing import (
    Discount,
    PricedExtra,
    Quote,
    band_minutes,
    format_percent,
    price_booking,
)

COMMUNITY = {TimeBand.WEEKDAY_DAYTIME: 1000, TimeBand.EVENING_WEEKEND: 1500}
POLICY = Policy()
DAY = TimeBand.WEEKDAY_DAYTIME
EVE = TimeBand.EVENING_WEEKEND


def quote(
    start: datetime,
    end: datetime,
    *,
    rates: dict[TimeBand, int] = COMMUNITY,
    rate_type: RateType = RateType.COMMUNITY,
    bank_holiday: bool = False,
    extras: tuple[PricedExtra, ...] = (),
    discount: Discount | None = None,
    policy: Policy = POLICY,
    deposit: int = 15000,
) -> Quote:
    return price_booking(
        start=to_utc(start),
        end=to_utc(end),
        rate_type=rate_type,
        rates=rates,
        bank_holiday=bank_holiday,
        extras=extras,
        discount=discount,
        hall_deposit_pence=deposit,
        policy=policy,
        hall_name="Main Hall",
    )


def hire(q: Quote) -> dict[str, int]:
    return {line.description: line.amount_pence for line in q.lines if line.kind is ChargeKind.HIRE}


def test_weekday_split_at_17_00() -> None:
    q = quote(datetime(2026, 12, 15, 15, 0), datetime(2026, 12, 15, 19, 0))  # Tuesday
    assert [(line.unit_pence, line.quantity, line.amount_pence) for line in q.lines] == [
        (1000, "2 h", 2000),
        (1500, "2 h", 3000),
    ]
    assert "weekday daytime" in q.lines[0].description
    assert "evening/weekend" in q.lines[1].description
    assert q.total_pence == 5000
    assert q.deposit_pence == 0  # community rate: no deposit


def test_evening_boundary_is_london_wall_clock_in_summer() -> None:
    # 16:00–18:00 BST is 15:00–17:00 UTC: one hour each side of 17:00 London time.
    q = quote(datetime(2027, 6, 15, 16, 0), datetime(2027, 6, 15, 18, 0))
    assert [line.amount_pence for line in q.lines] == [1000, 1500]


@pytest.mark.parametrize(
    ("start", "end", "bands"),
    [
        (datetime(2026, 12, 15, 9, 0), datetime(2026, 12, 15, 17, 0), {DAY: 480}),
        (datetime(2026, 12, 15, 17, 0), datetime(2026, 12, 15, 23, 0), {EVE: 360}),
        (datetime(2026, 12, 15, 16, 15), datetime(2026, 12, 15, 17, 45), {DAY: 45, EVE: 45}),
    ],
)
def test_band_minutes_on_a_weekday(
    start: datetime, end: datetime, bands: dict[TimeBand, int]
) -> None:
    assert (
        band_minutes(to_utc(start), to_utc(end), bank_holiday=False, evening_starts_min=17 * 60)
        == bands
    )


def test_evening_start_follows_the_policy() -> None:
    policy = Policy(evening_starts_min=18 * 60)
    q = quote(datetime(2026, 12, 15, 15, 0), datetime(2026, 12, 15, 19, 0), policy=policy)
    assert [line.amount_pence for line in q.lines] == [3000, 1500]


def test_weekend_is_all_evening_band() -> None:
    q = quote(datetime(2026, 12, 12, 10, 0), datetime(2026, 12, 12, 14, 0))  # Saturday
    assert [line.amount_pence for line in q.lines] == [4 * 1500]
    q = quote(datetime(2026, 12, 13, 10, 0), datetime(2026, 12, 13, 12, 0))  # Sunday
    assert [line.amount_pence for line in q.lines] == [2 * 1500]


def test_bank_holiday_is_all_evening_band() -> None:
    q = quote(datetime(2027, 3, 29, 10, 0), datetime(2027, 3, 29, 14, 0), bank_holiday=True)
    assert list(hire(q).values()) == [4 * 1500]
    assert "evening/weekend" in q.lines[0].description


def test_dst_days_are_charged_by_real_elapsed_minutes() -> None:
    # 00:30–03:30 on the spring-forward Sunday is two real hours...
    spring = quote(datetime(2027, 3, 28, 0, 30), datetime(2027, 3, 28, 3, 30))
    assert spring.lines[0].quantity == "2 h" and spring.total_pence == 2 * 1500
    # ...and on the autumn Sunday four.
    autumn = quote(datetime(2027, 10, 31, 0, 30), datetime(2027, 10, 31, 3, 30))
    assert autumn.lines[0].quantity == "4 h" and autumn.total_pence == 4 * 1500


def test_fifty_minutes_at_ten_pounds_rounds_to_833p() -> None:
    q = quote(datetime(2026, 12, 15, 10, 0), datetime(2026, 12, 15, 10, 50))
    assert q.lines[0].quantity == "50 min"
    assert q.lines[0].amount_pence == 833  # 833.33...


def test_half_pennies_round_up() -> None:
    # £10.10/h for 3 minutes is 50.5p: half-up gives 51p (banker's rounding would give 50p).
    q = quote(
        datetime(2026, 12, 15, 10, 0), datetime(2026, 12, 15, 10, 3), rates={DAY: 1010, EVE: 1010}
    )
    assert q.lines[0].amount_pence == 51
    # Likewise 1 h 10 min at £10 is 1166.67p -> 1167p, with a readable quantity.
    q = quote(datetime(2026, 12, 15, 10, 0), datetime(2026, 12, 15, 11, 10))
    assert (q.lines[0].quantity, q.lines[0].amount_pence) == ("1 h 10 min", 1167)


def test_extras_are_charged_per_quantity_at_the_extras_vat_rate() -> None:
    q = quote(
        datetime(2026, 12, 12, 10, 0),
        datetime(2026, 12, 12, 12, 0),
        extras=(PricedExtra("Kitchen use", 2500), PricedExtra("Chairs", 150, 40)),
        policy=Policy(vat_extra_bp=2000),
    )
    extras = [line for line in q.lines if line.kind is ChargeKind.EXTRA]
    assert [
        (e.description, e.quantity, e.unit_pence, e.amount_pence, e.vat_rate_bp) for e in extras
    ] == [("Kitchen use", "1", 2500, 2500, 2000), ("Chairs", "40", 150, 6000, 2000)]
    assert q.net_pence == 3000 + 2500 + 6000
    assert q.vat_pence == 500 + 1200
    assert q.total_pence == 3000 + 8500 + 1700


def discount(kind: DiscountKind, value: int, approver: str = "A. Manager") -> Discount:
    return Discount(kind, value, "Resident priority", approver)


SAT_10, SAT_14 = datetime(2026, 12, 12, 10, 0), datetime(2026, 12, 12, 14, 0)  # £60 hire


@pytest.mark.parametrize(
    ("given_discount", "amount", "label"),
    [
        (discount(DiscountKind.PERCENT, 2500), 1500, "Discount 25%"),
        (discount(DiscountKind.PERCENT, 1250), 750, "Discount 12.5%"),
        (discount(DiscountKind.AMOUNT, 700), 700, "Discount"),
        (discount(DiscountKind.AMOUNT, 6000), 6000, "Discount"),
        (discount(DiscountKind.WAIVER, 0), 6000, "Waiver"),
    ],
)
def test_discounts(given_discount: Discount, amount: int, label: str) -> None:
    q = quote(SAT_10, SAT_14, discount=given_discount)
    lines = [line for line in q.lines if line.kind is ChargeKind.DISCOUNT]
    assert len(lines) == 1
    assert lines[0].amount_pence == -amount
    assert lines[0].description.startswith(f"{label}: Resident priority")
    assert "approved by A. Manager" in lines[0].description
    assert q.discount_pence == amount
    assert q.total_pence == 6000 - amount


def test_discount_larger_than_the_charge_refused() -> None:
    with pytest.raises(MoneyError) as err:
        quote(SAT_10, SAT_14, discount=discount(DiscountKind.AMOUNT, 6001))
    assert err.value.field == "discount_value"
    assert "£60.01" in err.value.user_message and "£60.00" in err.value.user_message


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (DiscountKind.PERCENT, 0),
        (DiscountKind.PERCENT, 10001),
        (DiscountKind.AMOUNT, 0),
        (DiscountKind.AMOUNT, -100),
    ],
)
def test_discount_values_out_of_range(kind: DiscountKind, value: int) -> None:
    with pytest.raises(MoneyError) as err:
        quote(SAT_10, SAT_14, discount=discount(kind, value))
    assert err.value.field == "discount_value"


@pytest.mark.parametrize("approver", ["", "   "])
def test_discount_without_approver_needs_approval(approver: str) -> None:
    with pytest.raises(ApprovalRequiredError) as err:
        quote(SAT_10, SAT_14, discount=discount(DiscountKind.WAIVER, 0, approver))
    assert err.value.field == "discount_approved_by"


def test_discount_without_reason_refused() -> None:
    with pytest.raises(ValidationError) as err:
        quote(SAT_10, SAT_14, discount=Discount(DiscountKind.WAIVER, 0, " ", "A. Manager"))
    assert err.value.field == "discount_reason"


def test_discount_split_across_vat_rates_sums_exactly() -> None:
    # Hire £10.00 at 0% and extras £20.00 at 20%: £1 off splits 33p / 67p.
    q = quote(
        datetime(2026, 12, 15, 10, 0),
        datetime(2026, 12, 15, 11, 0),
        extras=(PricedExtra("Projector", 2000),),
        policy=Policy(vat_extra_bp=2000),
        discount=discount(DiscountKind.AMOUNT, 100),
    )
    lines = {
        line.vat_rate_bp: line.amount_pence for line in q.lines if line.kind is ChargeKind.DISCOUNT
    }
    assert lines == {0: -33, 2000: -67}
    assert q.net_pence == 3000 - 100
    assert q.vat_pence == 400 + vat_pence(-67, 2000) == 400 - 13
    assert q.total_pence == 2900 + 387


def test_waiver_with_mixed_vat_rates_costs_nothing() -> None:
    q = quote(
        datetime(2026, 12, 15, 10, 0),
        datetime(2026, 12, 15, 11, 0),
        extras=(PricedExtra("Projector", 2000),),
        policy=Policy(vat_extra_bp=2000),
        discount=discount(DiscountKind.WAIVER, 0),
    )
    assert q.net_pence == 0 and q.vat_pence == 0 and q.total_pence == 0
    assert q.discount_pence == 3000


def test_missing_rate_names_the_band() -> None:
    with pytest.raises(ValidationError) as err:
        quote(
            datetime(2026, 12, 15, 15, 0),
            datetime(2026, 12, 15, 19, 0),
            rates={DAY: 1000},
            rate_type=RateType.COMMERCIAL,
        )
    assert err.value.field == "rate_type"
    assert "evening/weekend" in err.value.user_message
    assert "commercial" in err.value.user_message and "Main Hall" in err.value.user_message
    # A daytime-only booking needs no evening rate.
    assert (
        quote(
            datetime(2026, 12, 15, 10, 0), datetime(2026, 12, 15, 12, 0), rates={DAY: 1000}
        ).total_pence
        == 2000
    )


@pytest.mark.parametrize(
    ("rate_type", "deposit"),
    [(RateType.COMMUNITY, 0), (RateType.PRIVATE, 15000), (RateType.COMMERCIAL, 15000)],
)
def test_deposit_only_for_private_and_commercial(rate_type: RateType, deposit: int) -> None:
    q = quote(SAT_10, SAT_14, rate_type=rate_type)
    assert q.deposit_pence == deposit
    assert q.total_pence == 6000  # the deposit is not part of the hire total


def test_deposit_rate_types_follow_the_policy() -> None:
    policy = Policy(deposit_rate_types=(RateType.COMMERCIAL,))
    assert quote(SAT_10, SAT_14, rate_type=RateType.PRIVATE, policy=policy).deposit_pence == 0


@pytest.mark.parametrize(
    ("bp", "text"),
    [(2500, "25%"), (1250, "12.5%"), (5, "0.05%"), (10000, "100%"), (3333, "33.33%")],
)
def test_format_percent(bp: int, text: str) -> None:
    assert format_percent(bp) == text


# -- properties -------------------------------------------------------------------------

VAT_RATES = st.sampled_from([0, 500, 2000])


@st.composite
def priced(draw: st.DrawFn) -> tuple[Policy, tuple[PricedExtra, ...], datetime, datetime]:
    policy = Policy(vat_hire_bp=draw(VAT_RATES), vat_extra_bp=draw(VAT_RATES))
    extras = tuple(
        PricedExtra(f"Extra {i}", draw(st.integers(1, 20_000)), draw(st.integers(1, 50)))
        for i in range(draw(st.integers(0, 4)))
    )
    start_minute = draw(st.integers(9 * 60, 20 * 60)) // 5 * 5
    length = draw(st.integers(60, 23 * 60 - start_minute))
    day = datetime(2026, 12, draw(st.integers(14, 20)))  # Monday to Sunday
    start = day.replace(hour=start_minute // 60, minute=start_minute % 60)
    end = day.replace(hour=(start_minute + length) // 60, minute=(start_minute + length) % 60)
    return policy, extras, start, end


@settings(max_examples=150, deadline=None)
@given(
    case=priced(),
    rates=st.tuples(st.integers(0, 20_000), st.integers(0, 20_000)),
    kind=st.sampled_from(list(DiscountKind)),
    fraction=st.integers(1, 10_000),
)
def test_discount_lines_add_up_and_total_never_negative(
    case: tuple[Policy, tuple[PricedExtra, ...], datetime, datetime],
    rates: tuple[int, int],
    kind: DiscountKind,
    fraction: int,
) -> None:
    policy, extras, start, end = case
    band_rates = {DAY: rates[0], EVE: rates[1]}
    plain = quote(start, end, rates=band_rates, extras=extras, policy=policy)
    subtotal = plain.net_pence
    if kind is DiscountKind.AMOUNT:
        if subtotal == 0:
            return
        value = max(1, subtotal * fraction // 10_000)
        expected = value
    elif kind is DiscountKind.PERCENT:
        value = fraction
        expected = ratio_pence(subtotal * fraction, 10_000)
    else:
        value, expected = 0, subtotal
    q = quote(
        start, end, rates=band_rates, extras=extras, policy=policy, discount=discount(kind, value)
    )
    lines = [line for line in q.lines if line.kind is ChargeKind.DISCOUNT]
    assert -sum(line.amount_pence for line in lines) == expected == q.discount_pence
    assert all(line.amount_pence < 0 for line in lines)
    # No VAT rate is discounted below zero, so neither is the total.
    for rate in {line.vat_rate_bp for line in q.lines}:
        assert sum(line.amount_pence for line in q.lines if line.vat_rate_bp == rate) >= 0
    assert q.net_pence == subtotal - expected
    # Discounts on VAT-able lines mirror each line, so VAT never goes below zero.
    assert q.vat_pence >= 0
    assert q.total_pence >= 0
    if kind is DiscountKind.WAIVER:
        assert q.total_pence == 0


def test_waiver_of_several_lines_at_one_vat_rate_costs_nothing() -> None:
    q = quote(
        datetime(2026, 12, 15, 10, 0),
        datetime(2026, 12, 15, 11, 0),
        extras=(PricedExtra("Projector", 1002), PricedExtra("PA system", 1002)),
        policy=Policy(vat_extra_bp=2000),
        discount=discount(DiscountKind.WAIVER, 0),
    )
    assert q.net_pence == 0
    assert q.total_pence == 0
