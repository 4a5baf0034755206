"""Property tests: wrong values written into random columns of random tables of the sample
plan, and random byte damage beyond the header. Whatever the damage, the file is refused with
a PlanError that names what is wrong, or it opens and info, check, the report data and the
repair all run; every refused file that is said to be repairable opens once repaired.

Counts (examples, refused, opened, repaired) are printed at the end of each test (-s)."""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from integrity_support import exercise

from planner.integrity import table_specs
from planner.template import create_from_template

pytestmark = pytest.mark.slow

EXAMPLES = int(__import__("os").environ.get("FUZZ_EXAMPLES", "2000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pristine") / "sample.rollout"
    create_from_template(path, "crm").close()
    return path.read_bytes()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "damaged.rollout"


class Invalid(bytes):
    """Bytes written as TEXT, so SQLite stores text that is not UTF-8."""


_not_utf8 = st.binary(min_size=1, max_size=12).filter(lambda b: not _decodes(b)).map(Invalid)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


WRONG_VALUES = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),  # wrong type, out of range, dangling
    st.sampled_from([0, 1, 2, -1, 7, 999_999]),  # plausible ids and counts, most dangling
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
    st.text(max_size=30),
    st.sampled_from(["", " ", "urgent!!", "bogus", "lots", "9x9x9x9", "#12345", "MUST"]),
    st.sampled_from(["9999-12-01", "0001-01-01", "2026-13-45", "not a date", "2026-02-30",
                     "1899-12-31", "2201-01-01", "2027-03-15", "2027-03-15 10:00:00"]),
    st.sampled_from([301, 5_000, 1_000_000]).map(lambda n: "x" * n),  # huge
    st.binary(max_size=40),  # BLOB
    _not_utf8,  # invalid UTF-8
    st.none(),
)

# The plan's records (the team server's change_log and row_version, keyed otherwise and empty
# in a file, are checked by their column rules but not drawn here).
TABLES = [
    (spec.name, [c.name for c in spec.columns if c.name != "id"])
    for spec in table_specs()
    if "id" in spec.column_names
]


@st.composite
def value_damage(draw: st.DrawFn) -> list[tuple[str, str, int, object]]:
    writes = []
    for _ in range(draw(st.integers(1, 3))):
        table, columns = draw(st.sampled_from(TABLES))
        writes.append(
            (table, draw(st.sampled_from(columns)), draw(st.integers(0, 200)), draw(WRONG_VALUES))
        )
    return writes


def _write_values(path: Path, writes: list[tuple[str, str, int, object]]) -> int:
    """Write each value as a tool outside the app could: constraints SQLite can be told to
    ignore are ignored. Returns how many writes landed (NOT NULL cannot be switched off)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    landed = 0
    try:
        for table, column, row, value in writes:
            ids = [r[0] for r in conn.execute(f'SELECT id FROM "{table}" ORDER BY id')]
            if not ids:
                continue
            target = ids[row % len(ids)]
            sql_value = "CAST(? AS TEXT)" if isinstance(value, Invalid) else "?"
            param = bytes(value) if isinstance(value, Invalid) else value
            try:
                conn.execute(
                    f'UPDATE "{table}" SET "{column}" = {sql_value} WHERE id = ?', (param, target)
                )
                landed += 1
            except sqlite3.IntegrityError:
                pass  # NULL into NOT NULL, a repeated unique pair: SQLite refuses to write it
        conn.commit()
    finally:
        conn.close()
    return landed


@pytest.fixture(scope="module")
def counts() -> Counter[str]:
    return Counter()


def _report(name: str, counts: Counter[str]) -> None:
    print(
        f"\n{name}: {counts['examples']} examples, {counts['refused']} refused, "
        f"{counts['opened']} opened, {counts['repaired']} repaired, "
        f"{counts['unrepairable']} refused by the repair too (SQLite cannot read the schema), "
        "failures 0"
    )


def test_wrong_values_in_random_columns(pristine: bytes, work: Path) -> None:
    counts: Counter[str] = Counter()

    @FUZZ
    @given(value_damage())
    def run(writes: list[tuple[str, str, int, object]]) -> None:
        work.write_bytes(pristine)
        _write_values(work, writes)
        counts["examples"] += 1
        exercise(work, counts, repair_opened=False)

    run()
    _report("wrong values", counts)
    assert counts["examples"] >= EXAMPLES
    # Both outcomes must occur, or the test is not testing what it says.
    assert counts["refused"] > EXAMPLES // 4 and counts["opened"] > 0
    assert counts["repaired"] == counts["refused"]


@st.composite
def byte_damage(draw: st.DrawFn, size: int) -> list[tuple[int, bytes]]:
    # Offsets from a (shrinkable) Random: hypothesis' own integers favour small values, which
    # would put most damage into the first page, SQLite's schema, instead of the rows.
    rng = draw(st.randoms(use_true_random=False))
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        offset = rng.randrange(100, size)  # the 100-byte header is checked apart
        length = draw(st.sampled_from([1, 1, 1, 2, 4, 16, 64]))
        edits.append((offset, draw(st.binary(min_size=length, max_size=length))))
    return edits


def test_random_byte_damage(pristine: bytes, work: Path) -> None:
    counts: Counter[str] = Counter()

    @FUZZ
    @given(byte_damage(len(pristine)))
    def run(edits: list[tuple[int, bytes]]) -> None:
        data = bytearray(pristine)
        for offset, chunk in edits:
            data[offset : offset + len(chunk)] = chunk
        work.write_bytes(bytes(data[: len(pristine)]))
        counts["examples"] += 1
        exercise(work, counts, repair_opened=False)

    run()
    _report("byte damage", counts)
    assert counts["examples"] >= EXAMPLES
    assert counts["refused"] > 0 and counts["opened"] > 0
