"""Sharing a credit over VAT rates: the parts always add up to the penny."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacebank.domain.money import split_in_proportion, vat_pence
from spacebank.services.invoice_service import allocate_credit

RATES = st.sampled_from([0, 500, 2000])
weights = st.dictionaries(st.integers(0, 20), st.integers(0, 1_000_000), min_size=1, max_size=6)
#: {rate: (net, vat)} as an invoice has them: VAT per line at that rate.
remaining = st.dictionaries(RATES, st.integers(0, 2_000_000), min_size=1, max_size=3).map(
    lambda nets: {rate: (net, vat_pence(net, rate)) for rate, net in nets.items()}
)


@given(weights, st.data())
def test_split_sums_exactly_and_stays_within_weights(
    w: dict[int, int], data: st.DataObject
) -> None:
    total = sum(w.values())
    amount = data.draw(st.integers(0, total))
    shares = split_in_proportion(amount, w)
    assert set(shares) == set(w)
    assert sum(shares.values()) == amount
    assert all(0 <= shares[k] <= w[k] for k in w)
    # Never more than a penny from the exact proportion.
    if total:
        assert all(abs(shares[k] * total - amount * w[k]) < total for k in w)


@given(weights)
def test_splitting_everything_returns_the_weights(w: dict[int, int]) -> None:
    assert split_in_proportion(sum(w.values()), w) == w


def test_split_refuses_what_cannot_be_split() -> None:
    with pytest.raises(ValueError):
        split_in_proportion(-1, {1: 5})
    with pytest.raises(ValueError):
        split_in_proportion(1, {1: 0})
    assert split_in_proportion(0, {1: 0}) == {1: 0}


@given(remaining, st.data())
def test_credit_parts_sum_to_the_amount(
    rem: dict[int, tuple[int, int]], data: st.DataObject
) -> None:
    total = sum(net + vat for net, vat in rem.values())
    if total == 0:
        return
    amount = data.draw(st.integers(1, total))
    parts = allocate_credit(amount, rem)
    assert sum(net + vat for net, vat in parts.values()) == amount
    for rate, (net, vat) in parts.items():
        left_net, left_vat = rem[rate]
        assert 0 <= net <= left_net
        assert 0 <= vat <= left_vat
        assert net + vat > 0


@given(remaining, st.lists(st.integers(1, 10**7), max_size=8))
def test_successive_credits_end_exactly_at_the_invoice(
    rem: dict[int, tuple[int, int]], wishes: list[int]
) -> None:
    """However an invoice is credited in parts, the last credit leaves exactly zero."""
    left = dict(rem)
    for wish in wishes:
        total = sum(net + vat for net, vat in left.values())
        if total == 0:
            break
        amount = min(wish, total)
        for rate, (net, vat) in allocate_credit(amount, left).items():
            left_net, left_vat = left[rate]
            left[rate] = (left_net - net, left_vat - vat)
        assert all(net >= 0 and vat >= 0 for net, vat in left.values())
    total = sum(net + vat for net, vat in left.values())
    if total:
        final = allocate_credit(total, left)
        assert final == {rate: nv for rate, nv in left.items() if nv != (0, 0)}


def test_vat_fraction_of_a_partial_credit() -> None:
    # £10.01 against £100 exempt + £60 (incl. £10 VAT): 626 exempt, 375 of which 63 VAT.
    parts = allocate_credit(1001, {0: (10000, 0), 2000: (5000, 1000)})
    assert parts == {0: (626, 0), 2000: (312, 63)}


def test_over_credit_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        allocate_credit(16001, {0: (10000, 0), 2000: (5000, 1000)})
    with pytest.raises(ValueError):
        allocate_credit(0, {0: (10000, 0)})
