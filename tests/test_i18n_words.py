"""Words that came from somewhere other than our catalogue until now: argparse's own
("usage:", "options", its error messages) and the month and day names of the Gantt's
header and dates, which came from strftime (English, or whatever locale the process had)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )


def test_help_is_norwegian_down_to_argparses_own_words() -> None:
    run = _cli("--lang", "nb", "--help")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("bruk: rollout-planner")
    assert "\nposisjonsargumenter:\n" in out and "\nvalg:\n" in out
    assert "vis denne hjelpeteksten og avslutt" in out
    assert "usage:" not in out and "options:" not in out and "show this help" not in out


def test_argparse_errors_are_norwegian_and_still_exit_2() -> None:
    missing = _cli("--lang", "nb", "check")
    assert missing.returncode == 2
    assert "følgende argumenter er påkrevd: file" in missing.stderr, missing.stderr
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    choice = _cli("new", "x.rollout", "--template", "nope", "--lang=nb")
    assert choice.returncode == 2
    assert "ugyldig valg: 'nope' (velg blant 'crm', 'blank')" in choice.stderr, choice.stderr
    unknown = _cli("--lang", "fi", "info", "a.rollout", "--frobnicate")
    assert unknown.returncode == 2 and "tunnistamattomat argumentit: --frobnicate" in unknown.stderr


def test_english_argparse_is_argparse() -> None:
    run = _cli("check")
    assert run.returncode == 2
    assert "the following arguments are required: file" in run.stderr
    assert _cli("--help").stdout.startswith("usage: rollout-planner")


def _header_labels(language: str, px_per_day: float) -> tuple[list[str], list[str]]:
    from ui.gantt.header import tiers
    from ui.gantt.timescale import TimeScale

    i18n.set_language(language)
    scale = TimeScale(dt.date(2026, 11, 2), dt.date(2027, 1, 31), px_per_day)
    upper, lower = tiers(scale, scale.origin, scale.end)
    return [label for *_x, label in upper], [label for *_x, label in lower]


def test_the_gantt_header_names_months_in_the_chosen_language() -> None:
    # Zoomed in: months over weeks; the widest zoom writes the month out.
    upper, lower = _header_labels("nb", 20)
    assert upper == ["november 2026", "desember 2026", "januar 2027"]
    assert "Uke 49 · 30. nov." in lower
    # Middle zoom: abbreviated months, as the language abbreviates them ("des.").
    upper, _lower = _header_labels("nb", 3)
    assert upper[:3] == ["nov. 2026", "des. 2026", "jan. 2027"]
    upper, lower = _header_labels("nb", 1)
    assert lower[:3] == ["nov.", "des.", "jan."]
    # Finnish stand-alone names: "joulukuu" alone, not the "joulukuuta" of a date.
    upper, _lower = _header_labels("fi", 20)
    assert upper == ["marraskuu 2026", "joulukuu 2026", "tammikuu 2027"]
    upper, _lower = _header_labels("fi", 1)
    assert _lower[:3] == ["marras", "joulu", "tammi"]


def test_the_gantt_header_in_english_is_as_before() -> None:
    upper, lower = _header_labels("en", 20)
    assert upper == ["November 2026", "December 2026", "January 2027"]
    assert "Week 49 · 30 Nov" in lower
    upper, lower = _header_labels("en", 3)
    assert upper[:2] == ["Nov 2026", "Dec 2026"] and lower[:2] == ["45", "46"]
    assert _header_labels("en", 5)[1][:2] == ["W45", "W46"]
    upper, lower = _header_labels("en", 1)
    assert upper[0] == "Q4 2026" and lower[:3] == ["Nov", "Dec", "Jan"]


def test_english_dates_keep_english_names_whatever_the_process_locale() -> None:
    """Qt sets the system's locale at start-up; strftime's %b would follow it."""
    from planner.i18n.formats import english_strftime, local_date

    day = dt.date(2026, 9, 1)
    assert english_strftime(day, "%a %d %b %Y, %A %B") == "Tue 01 Sep 2026, Tuesday September"
    i18n.set_language("sv")
    assert local_date(day, "%d %b %Y", skeleton="yMMMd") == "1 sep. 2026"
    i18n.set_language("fi")
    assert local_date(day, "%d %b %Y", skeleton="yMMMd") == "1.9.2026"


def _english_words(text: str, data: list[str]) -> list[str]:
    """Plain English words left in output of the pseudo-language, once data is taken out."""
    import re

    text = " ".join(text.split())
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    text = re.sub(r"\[[a-z]+(?:-[a-z]+)+\]", " ", text)  # warning codes
    text = re.sub(r"\S+\.(?:rollout|csv)\b", " ", text)  # file names
    return sorted(set(re.findall(r"(?<![\w~])[A-Za-z]{3,}(?![\w])", text)))


def test_diff_and_import_leave_no_plain_english_in_the_pseudo_language(
    tmp_path: Path, capsys  # noqa: ANN001
) -> None:
    from test_i18n import _data_strings, _sample

    from app.cli import main

    before = _sample(tmp_path)
    after = tmp_path / "after.rollout"
    after.write_bytes(before.read_bytes())
    table = tmp_path / "wishes.csv"
    table.write_text(
        "Title,Department,Effort,Priority,Phase\nPricing rules,Sales,2,must,Nowhere phase\n"
        "Odd one,Nowhere team,3,should,\n",
        encoding="utf-8",
    )
    assert main(["import", str(after), str(table), "--create-missing"]) == 0
    capsys.readouterr()
    data = _data_strings(after) + ["Title", "Department", "Effort", "Priority", "Phase",
                                   "Pricing rules", "Odd one", "Nowhere team", "Nowhere phase"]
    assert main(["diff", str(before), str(after), "--lang", "pseudo"]) == 1
    out = capsys.readouterr().out
    assert "Ŵîšĥéš" in out  # the heading, translated
    assert not _english_words(out, data), out
    main(["import", str(before), str(table), "--dry-run", "--lang", "pseudo"])
    out = capsys.readouterr().out
    assert not _english_words(out, data), out
