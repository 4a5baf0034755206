"""Any table of wishes, written in any dialect a spreadsheet uses (encoding, delimiter,
decimal mark, line ends, quoting), reads back to the same wishes without being told the
dialect."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.commands import CreateRow, UndoHistory
from planner.exchange.tabular import read_table
from planner.exchange.wish_import import build_preview, default_mapping
from planner.model import Department
from planner.store import PlanStore

DEPARTMENTS = ("Salg", "Økonomi", "Kundeservice", "Ledelse")
PRIORITIES = {"Må": "must", "Bør": "should", "Kan": "could", "Skal ikke": "wont"}

# Letters every one of the three encodings can hold (Windows-1252 has no 'ő', say), plus the
# characters that make CSV hard: delimiters, quotes and line breaks inside a cell.
_TEXT = st.text(
    alphabet=st.sampled_from(list("abcæøåäöÆØÅÄÖ éüß-'") + [",", ";", '"', "\n", "\t"]),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and t.strip() == t)

wish = st.tuples(
    _TEXT,
    st.sampled_from(DEPARTMENTS),
    # A fraction in every effort, so the decimal mark is there to be found.
    st.integers(min_value=0, max_value=4999).map(lambda n: n / 10 if n % 10 else n / 10 + 0.5),
    st.sampled_from(sorted(PRIORITIES)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wishes=st.lists(wish, min_size=3, max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    decimal=st.sampled_from([",", "."]),
    line_end=st.sampled_from(["\r\n", "\n"]),
)
def test_any_dialect_reads_back(wishes, encoding, delimiter, decimal, line_end) -> None:  # noqa: ANN001
    if decimal == "," and delimiter == ",":
        decimal = "."  # no spreadsheet writes decimal commas into comma-separated files
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(["Ønske", "Avdeling", "Innsats", "Prioritet"])
    for title, department, effort, priority in wishes:
        writer.writerow([title, department, str(effort).replace(".", decimal), priority])
    data = out.getvalue().encode(encoding)

    store = PlanStore.in_memory()
    try:
        history = UndoHistory(store)
        for name in DEPARTMENTS:
            history.push(CreateRow(Department, {"name": name}))
        table = read_table(data, "w.csv")
        assert table.delimiter == delimiter
        assert table.decimal == decimal
        preview = build_preview(store, table, default_mapping(store, table))
        assert not preview.problems
        got = [(w.title, w.department, w.effort, w.priority.value) for w in preview.wishes]
        want = [(t, d, e, PRIORITIES[p]) for t, d, e, p in wishes]
        assert got == want
    finally:
        store.close()
