"""Money as integer pence: parsing what a clerk types, rounding, display."""

from __future__ import annotations

import pytest

from spacebank.domain.errors import MoneyError
from spacebank.domain.money import (
    MAX_AMOUNT_PENCE,
    check_amount,
    format_pence,
    hourly_charge,
    parse_pounds,
    ratio_pence,
    vat_pence,
)


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("£1,234.50", 123450),
        ("1234.5", 123450),
        ("  £12 ", 1200),
        ("0.01", 1),
        ("0", 0),
        ("-5", -500),
        ("100000", MAX_AMOUNT_PENCE),
        ("12.30", 1230),
    ],
)
def test_parse_pounds(text: str, pence: int) -> None:
    result = parse_pounds(text)
    assert result == pence
    assert isinstance(result, int)


@pytest.mark.parametrize("text", ["12.345", "0.001", "1e-3", "1e-9999999"])
def test_more_than_two_decimal_places_refused(text: str) -> None:
    with pytest.raises(MoneyError) as err:
        parse_pounds(text, field="price", label="Price")
    assert err.value.field == "price"
    assert "more than two decimal places" in err.value.user_message
    assert "Price" in err.value.user_message


@pytest.mark.parametrize("text", ["abc", "", "12,34.5.6", "£", "ten pounds", "1/2"])
def test_not_money_refused(text: str) -> None:
    with pytest.raises(MoneyError) as err:
        parse_pounds(text)
    assert "is not an amount of money" in err.value.user_message
    assert err.value.field == "amount"


@pytest.mark.parametrize("text", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf"])
def test_special_values_refused(text: str) -> None:
    with pytest.raises(MoneyError, match="not an amount of money"):
        parse_pounds(text)


@pytest.mark.parametrize("text", ["100000.01", "-100000.01", "99999999999", "1e9", "1e999999"])
def test_absurd_amounts_refused(text: str) -> None:
    with pytest.raises(MoneyError) as err:
        parse_pounds(text)
    assert "limit" in err.value.user_message


@pytest.mark.parametrize(
    ("pence", "text"),
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (100, "£1.00"),
        (123450, "£1,234.50"),
        (100_000_000, "£1,000,000.00"),
        (-5, "-£0.05"),
        (-123450, "-£1,234.50"),
    ],
)
def test_format_pence(pence: int, text: str) -> None:
    assert format_pence(pence) == text


@pytest.mark.parametrize(
    ("net", "rate", "vat"),
    [
        (1000, 2000, 200),
        (1002, 2000, 200),  # 200.4 down
        (1003, 2000, 201),  # 200.6 up
        (10, 500, 1),  # 0.5 rounds half up (banker's rounding would give 0)
        (30, 500, 2),  # 1.5 up
        (-10, 500, -1),  # half away from zero for credits
        (12345, 0, 0),
    ],
)
def test_vat_pence_rounding(net: int, rate: int, vat: int) -> None:
    assert vat_pence(net, rate) == vat


def test_ratio_and_hourly_charge() -> None:
    assert ratio_pence(5, 2) == 3 and ratio_pence(-5, 2) == -3 and ratio_pence(7, 3) == 2
    assert hourly_charge(1000, 50) == 833
    assert hourly_charge(1010, 3) == 51  # 50.5p
    assert hourly_charge(1500, 90) == 2250


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (-1, {}, "cannot be negative (-£0.01)"),
        (0, {"allow_zero": False}, "cannot be zero"),
        (MAX_AMOUNT_PENCE + 1, {}, "limit"),
        (-MAX_AMOUNT_PENCE - 1, {"allow_negative": True}, "limit"),
        (True, {}, "whole number of pence"),
        (1.5, {}, "whole number of pence"),
    ],
)
def test_check_amount_refusals(value: object, kwargs: dict[str, bool], text: str) -> None:
    with pytest.raises(MoneyError) as err:
        check_amount(value, field="deposit", label="Deposit", **kwargs)  # type: ignore[arg-type]
    assert text in err.value.user_message
    assert err.value.field == "deposit"


def test_check_amount_accepts() -> None:
    assert check_amount(0, field="x", label="X") == 0
    assert check_amount(-500, field="x", label="X", allow_negative=True) == -500
    assert check_amount(MAX_AMOUNT_PENCE, field="x", label="X") == MAX_AMOUNT_PENCE
