"""Formula escaping of text cells: safe for spreadsheets, and nothing lost on the way."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from spacebank.reports.cells import FORMULA_STARTS, escape_formula, unescape_formula
from spacebank.reports.export_csv import write_csv
from spacebank.reports.view import Column, ReportView, Section

texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)


@given(texts)
def test_escaped_text_never_starts_a_formula_and_round_trips(text: str) -> None:
    escaped = escape_formula(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert unescape_formula(escaped) == text


@given(st.lists(texts.filter(lambda t: "\x00" not in t), min_size=1, max_size=5))
def test_csv_text_cells_read_back_after_unescaping(names: list[str]) -> None:
    view = ReportView("t", "s", "x", (Section("n", (Column("Name"),), tuple((n,) for n in names)),))
    out = io.BytesIO()
    write_csv(view, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))
    assert [unescape_formula(r[0]) for r in rows[5 : 5 + len(names)]] == names
