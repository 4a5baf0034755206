"""`rollout-planner import PLAN SOURCE`: exit 0 when every row came in, 1 when some were
skipped (listed), 2 when nothing could be imported (one line on stderr, plan untouched)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from planner.model import Demand, Department, Phase
from planner.store import PlanStore
from planner.template import create_from_template

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.rollout"
    create_from_template(path, "crm").close()
    return path


def _count(path: Path) -> int:
    store = PlanStore.open(path, read_only=True)
    try:
        return store.count(Demand)
    finally:
        store.close()


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_every_row_in_exit_0(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    source = _write(tmp_path, "wishes.csv",
                    "Ønske;Avdeling;Innsats;Prioritet\r\nKundekort;Sales;2,5;Må\r\n"
                    "Rapport;Finance;1;Bør\r\n", "cp1252")
    before = _count(plan)
    assert main(["import", str(plan), str(source)]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 wishes" in out and "Windows-1252" in out
    assert _count(plan) == before + 2


def test_some_rows_skipped_exit_1_and_listed(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    source = _write(tmp_path, "wishes.csv",
                    "Title,Department,Effort\nGood,Sales,2\nBad,Sales,a lot\nAlso good,Sales,\n")
    before = _count(plan)
    assert main(["import", str(plan), str(source)]) == 1
    out = capsys.readouterr().out
    assert "row 3, Effort: 'a lot' is not a number." in out
    assert _count(plan) == before + 2


def test_nothing_importable_exit_2_one_line_plan_untouched(plan: Path, tmp_path, capsys) -> None:  # noqa: ANN001
    source = _write(tmp_path, "wishes.csv", "Title,Department\nA,Nowhere\nB,Nowhere\n")
    data = plan.read_bytes()
    assert main(["import", str(plan), str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing imported" in err[0] and "'Nowhere'" in err[0]
    assert plan.read_bytes() == data


def test_dry_run_changes_nothing(plan: Path, capsys) -> None:  # noqa: ANN001
    data = plan.read_bytes()
    code = main(["import", str(plan), str(FIXTURES / "jira_server_excerpt.csv"), "--dry-run",
                 "--create-missing", "--department", "Sales", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["imported"] == 0 and report["wishes"] == 7
    assert "DATABOTS_KANBAN" in report["new_departments"]
    assert plan.read_bytes() == data


def test_map_and_create_missing(plan: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, "w.tsv", "Wat\tWie\tFase\nKoppeling ERP\tInkoop\tPilot\n")
    assert main(["import", str(plan), str(source), "--map", "Wat=title", "--map", "B=department",
                 "--create-missing"]) == 0
    store = PlanStore.open(plan, read_only=True)
    try:
        assert "Inkoop" in {d.name for d in store.rows(Department)}
        assert "Pilot" in {p.title for p in store.rows(Phase)}
    finally:
        store.close()


def test_reads_by_content_not_extension(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    book = openpyxl.Workbook()
    book.active.append(["Title", "Department", "Effort"])
    book.active.append(["From a workbook", "Sales", 3])
    out = io.BytesIO()
    book.save(out)
    source = tmp_path / "looks-like.csv"
    source.write_bytes(out.getvalue())
    assert main(["import", str(plan), str(source)]) == 0
    assert "Excel workbook" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (bytes(range(256)) * 8, "binary data"),
        (b"Kundekort;Salg;2,5\r\n", "no header row"),
        (b"Farge;Storleik\r\nraud;stor\r\n", "none of its columns has a name"),
    ],
)
def test_bad_input_exit_2(  # noqa: ANN001
    plan: Path, tmp_path: Path, capsys, content: bytes, expected: str
) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    data = plan.read_bytes()
    assert main(["import", str(plan), str(source)]) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err
    assert plan.read_bytes() == data


def test_zip_and_password_protected_workbooks_exit_2(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "hello")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(archive.getvalue())
    assert main(["import", str(plan), str(fake)]) == 2
    assert "not an Excel workbook" in capsys.readouterr().err
    assert main(["import", str(plan), str(FIXTURES / "password_protected.xlsx")]) == 2
    assert "protected with a password" in capsys.readouterr().err


def test_unknown_department_option(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    source = _write(tmp_path, "w.csv", "Title\nA\n")
    assert main(["import", str(plan), str(source), "--department", "Legal"]) == 2
    assert "--create-missing" in capsys.readouterr().err
    assert main(["import", str(plan), str(source), "--department", "Legal",
                 "--create-missing"]) == 0


def test_mspdi_dispatch(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """MS Project XML is recognised by content and goes to the MSPDI importer: one with no
    tasks is refused (exit 2, plan untouched); a real ProjectLibre file adds its phases."""
    empty = tmp_path / "project.txt"
    empty.write_text('<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/'
                     'project"><Tasks/></Project>', "utf-8")
    before = plan.read_bytes()
    assert main(["import", str(plan), str(empty)]) == 2
    assert "no tasks" in capsys.readouterr().err.lower()
    assert plan.read_bytes() == before

    store = PlanStore.open(plan, read_only=True)
    phases_before = len(store.rows(Phase))
    store.close()
    real = Path(__file__).parent / "fixtures" / "mspdi" / "msproject2019_task_links.xml"
    assert main(["import", str(plan), str(real)]) == 0
    assert "phase" in capsys.readouterr().out
    store = PlanStore.open(plan, read_only=True)
    try:
        assert len(store.rows(Phase)) > phases_before
    finally:
        store.close()


def test_value_meanings(plan: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    source = _write(tmp_path, "w.csv", "Title;Department;Priority\nA;Salg;Top\nB;Sales;Must\n")
    assert main(["import", str(plan), str(source), "--dry-run"]) == 1
    capsys.readouterr()
    assert main(["import", str(plan), str(source), "--value", "priority:Top=must",
                 "--value", "department:Salg=Sales"]) == 0
    store = PlanStore.open(plan, read_only=True)
    try:
        wish = next(d for d in store.rows(Demand) if d.title == "A")
        sales = next(d for d in store.rows(Department) if d.name == "Sales")
        assert (wish.priority.value, wish.department_id) == ("must", sales.id)
    finally:
        store.close()
    assert main(["import", str(plan), str(source), "--value", "priority:Top=urgent"]) == 2
    assert "'urgent' is not a priority" in capsys.readouterr().err
