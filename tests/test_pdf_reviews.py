"""The plan pack for a review: the changes section counts from the baseline chosen in the
export dialog (default the latest) and says which; the cover's status and the section "Did
the last course go down well?" report the benefit checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.baseline import TakeBaseline
from planner.benefit import RecordBenefitCheck
from planner.commands import ShiftPhase
from planner.model import Baseline, Department, Phase
from planner.report import Section, build_pack
from planner.store import PlanStore
from tests import pdf_helpers as pdf
from ui.pdf.options import ExportOptions
from ui.pdf.writer import export_pdf

TODAY = dt.date(2026, 12, 1)


def reviewed(store: PlanStore) -> tuple[int, int]:
    """Two baselines, a phase moved after each; Sales answers for the first two go-lives."""
    first = TakeBaseline("Steering review 1", dt.datetime(2026, 10, 5, 15, 0))
    first.do(store)
    leads = next(p for p in store.rows(Phase) if p.title.startswith("Leads"))
    ShiftPhase(leads.id, 7).do(store)
    second = TakeBaseline("Steering review 2", dt.datetime(2026, 11, 30, 15, 0))
    second.do(store)
    ShiftPhase(leads.id, 7).do(store)
    sales = next(d for d in store.rows(Department) if d.name == "Sales")
    phases = sorted(store.rows(Phase), key=lambda p: p.position)
    RecordBenefitCheck(phases[0].id, sales.id, {"result": "met", "note": "Used daily",
                                                "measured_value": "82 %"}).do(store)
    RecordBenefitCheck(phases[1].id, sales.id, {"result": "not_yet",
                                                "note": "Forecast still in Excel"}).do(store)
    return first.row_id, second.row_id


def test_changes_from_the_latest_baseline_by_default(sample_store: PlanStore) -> None:
    reviewed(sample_store)
    pack = build_pack(sample_store, today=TODAY)
    assert pack.changes is not None and pack.changes.baseline == "Steering review 2"
    assert pack.changes.latest
    [moved] = pack.changes.phases_moved
    assert (moved.after[0] - moved.before[0]).days == 7


def test_changes_from_a_chosen_baseline(sample_store: PlanStore) -> None:
    first, _ = reviewed(sample_store)
    pack = build_pack(sample_store, today=TODAY, baseline_id=first)
    assert pack.changes.baseline == "Steering review 1" and not pack.changes.latest
    [moved] = pack.changes.phases_moved
    assert (moved.after[0] - moved.before[0]).days == 14
    assert sample_store.find(Baseline, first) is not None


def test_benefits_section_and_cover(sample_store: PlanStore) -> None:
    reviewed(sample_store)
    pack = build_pack(sample_store, today=TODAY)
    assert Section.BENEFITS in pack.sections
    checks = pack.benefits
    assert [p.phase for p in checks.phases] == ["Pipeline and Monday forecast",
                                                "Customer overview for sellers"]
    pipeline = checks.phases[0]
    assert pipeline.question.startswith("Do sales managers see their team's pipeline")
    assert {(r.department, r.result, r.note) for r in pipeline.rows} == {
        ("Sales", "not yet", "Forecast still in Excel"),
        ("Management", "not asked yet", "")}  # due 21 Dec, after the pack's date
    assert checks.counts == {"met": 1, "not yet": 1, "not asked yet": 1}
    assert pack.cover.status.endswith(
        "Asked after go-live whether they feel the promised benefit, the departments "
        "answered: 1 met, 1 not yet.")
    later = build_pack(sample_store, today=dt.date(2027, 1, 4))
    assert later.benefits.counts["overdue"] == 1  # Management's check, due 21 Dec
    assert "1 check is overdue" in later.cover.status


def test_the_pdf_says_which_baseline_and_reports_the_checks(
    qapp, sample_store: PlanStore, tmp_path: Path  # noqa: ANN001
) -> None:
    first, _ = reviewed(sample_store)
    target = tmp_path / "pack.pdf"
    export_pdf(sample_store, target, ExportOptions(today=TODAY, baseline_id=first))
    text = " ".join(pdf.text(target).split())
    assert ("Compared with the baseline chosen for this pack, “Steering review 1” of "
            "5 Oct 2026.") in text
    assert "Did the last course go down well?" in text
    assert "Pipeline and Monday forecast — live since 23 Nov 2026" in text
    assert "Forecast still in Excel" in text and "82 %" in text
    export_pdf(sample_store, target, ExportOptions(today=TODAY))
    text = " ".join(pdf.text(target).split())
    assert "Compared with the latest baseline, “Steering review 2” of 30 Nov 2026." in text


def test_the_export_dialog_offers_the_baselines_latest_first(
    qtbot, sample_store: PlanStore, tmp_path: Path  # noqa: ANN001
) -> None:
    from ui.pdf.dialog import ExportDialog, baseline_choices

    first, second = reviewed(sample_store)
    sample_store.execute(lambda rec: rec.insert(
        Baseline, name="Broken", created_at=dt.datetime(2026, 12, 1), snapshot="{"))
    dialog = ExportDialog(None, tmp_path / "p.pdf", True, baseline_choices(sample_store))
    qtbot.addWidget(dialog)
    combo = dialog.baseline_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Steering review 2 — 2026-11-30 15:00", "Steering review 1 — 2026-10-05 15:00"]
    assert dialog.options().baseline_id == second
    combo.setCurrentIndex(1)
    assert dialog.options().baseline_id == first


def test_export_since_a_named_baseline(sample_file: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from app.cli import main

    store = PlanStore.open(sample_file)
    reviewed(store)
    store.close()
    out = tmp_path / "pack.pdf"
    assert main(["export", str(sample_file), "--pdf", str(out), "--since",
                 "Steering review 1"]) == 0
    assert "“Steering review 1” of 5 Oct 2026" in " ".join(pdf.text(out).split())
    assert main(["export", str(sample_file), "--pdf", str(out), "--since", "Nope"]) == 2
    assert capsys.readouterr().err == (
        "rollout-planner: The plan has no readable baseline 'Nope'.\n")
