"""Whatever a clerk starts typing of a hirer's name, phone or postcode finds them.

The stored terms come from `hirer_search_terms`; the query side is the hirer service's
`query_terms` plus a prefix range `term >= p AND term < prefix_upper_bound(p)`. These
properties check that the two sides agree, without a database.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spacebank.domain.hirer_terms import hirer_search_terms
from spacebank.domain.text import normalise_postcode
from spacebank.services.hirer_service import prefix_upper_bound, query_terms

EXAMPLES = settings(max_examples=50, deadline=None)

# Letters (any script, with combining marks) and the punctuation names carry.
word = st.text(
    alphabet=st.one_of(
        st.characters(categories=["Lu", "Ll", "Lt", "Lo", "Mn"]),
        st.sampled_from("'-.’"),
    ),
    min_size=1,
    max_size=15,
)
name = st.lists(word, min_size=1, max_size=4).map(" ".join)


def in_range(term: str, prefix: str) -> bool:
    """What the database's range predicate selects (code-point order)."""
    bound = prefix_upper_bound(prefix)
    return prefix <= term and (bound is None or term < bound)


def found_by(query: str, terms: set[str]) -> bool:
    """Every term of the query matches (by range) at least one stored term."""
    groups = query_terms(query)
    return bool(groups) and all(
        any(in_range(term, prefix) for prefix in group for term in terms) for group in groups
    )


@EXAMPLES
@given(person=name, organisation=st.one_of(st.just(""), name), data=st.data())
def test_every_word_is_found_by_each_of_its_prefixes(
    person: str, organisation: str, data: st.DataObject
) -> None:
    terms = hirer_search_terms(person, organisation, "", "", "")
    for typed in (person + " " + organisation).split():
        prefix = typed[: data.draw(st.integers(1, len(typed)), label="prefix length")]
        if query_terms(prefix):  # "-" or a lone accent asks for nothing
            assert found_by(prefix, terms), (prefix, sorted(terms))


@EXAMPLES
@given(person=name)
def test_the_whole_name_typed_finds_the_hirer(person: str) -> None:
    terms = hirer_search_terms(person, "", "", "", "")
    if query_terms(person):
        assert found_by(person, terms)
        # text.fold keeps the Turkish dotless "ı", which upper-cases to a plain "I".
        if "ı" not in person:
            assert found_by(person.upper(), terms)


national_number = st.sampled_from(["20", "161", "1632", "7700", "113"]).flatmap(
    lambda area: st.text(
        alphabet="0123456789", min_size=10 - len(area), max_size=10 - len(area)
    ).map(lambda rest: "0" + area + rest)
)


def typed_as(number: str, separators: list[str]) -> str:
    """The digits with a separator typed after each one ("" mostly)."""
    return "".join(d + s for d, s in zip(number, separators, strict=False)).strip()


@EXAMPLES
@given(
    number=national_number,
    stored_as=st.sampled_from(["{0}{rest}", "+44 {rest}", "+44 (0){rest}", "0044 {rest}"]),
    data=st.data(),
)
def test_a_phone_is_found_by_any_prefix_typed_any_way(
    number: str, stored_as: str, data: st.DataObject
) -> None:
    stored = stored_as.format("0", rest=number[1:])
    terms = hirer_search_terms("Ann", "", stored, "", "")
    separators = st.lists(st.sampled_from(["", "", "", " ", "-"]), min_size=13, max_size=13)
    # The clerk types the national form, with or without the leading 0, or the
    # international form, spaced any way, and stops anywhere.
    for form in (number, number[1:], "44" + number[1:]):
        typed = typed_as(form, data.draw(separators, label="separators"))
        if form.startswith("44"):
            typed = "+" + typed
        cut = data.draw(st.integers(1, len(typed)), label="cut")
        query = typed[:cut]
        # "+4" or "+44" alone cannot tell a country code from the start of a number.
        if sum(c.isdigit() for c in query) > (2 if form.startswith("44") else 0):
            assert found_by(query, terms), (stored, query, sorted(terms))


postcode = st.builds(
    lambda area, district, extra, sector, unit: normalise_postcode(
        f"{area}{district}{extra} {sector}{unit}"
    ),
    st.sampled_from(["SE", "N", "E", "EC", "SW", "M", "B", "CF", "LS"]),
    st.integers(1, 9),
    st.sampled_from(["", "", "A", "5"]),
    st.integers(0, 9),
    st.text(alphabet="ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2),
)


@EXAMPLES
@given(code=postcode, lower=st.booleans(), compact=st.booleans(), data=st.data())
def test_a_postcode_is_found_by_any_prefix(
    code: str, lower: bool, compact: bool, data: st.DataObject
) -> None:
    terms = hirer_search_terms("Ann", "", "", "", code)
    typed = code.replace(" ", "") if compact else code
    typed = typed.lower() if lower else typed
    query = typed[: data.draw(st.integers(1, len(typed)), label="cut")]
    assert found_by(query, terms), (code, query)


@EXAMPLES
@given(
    prefix=st.text(min_size=1, max_size=4),
    term=st.text(max_size=6),
)
def test_the_range_is_exactly_the_prefix_match(prefix: str, term: str) -> None:
    for candidate in (term, prefix + term):
        assert in_range(candidate, prefix) == candidate.startswith(prefix)


def test_range_bound_edge_cases() -> None:
    assert prefix_upper_bound("zoe") == "zof"
    assert prefix_upper_bound("schultz") == "schult{"
    assert prefix_upper_bound("a\U0010ffff") == "b"
    assert prefix_upper_bound("\U0010ffff") is None
    assert prefix_upper_bound("\ud7ff") == "\ue000"  # never a lone surrogate
