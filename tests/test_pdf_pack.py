"""The PDF plan pack, read back from the file: what a steering committee member gets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.model import Demand, Department, Objective, Phase
from planner.report import Section
from tests import pdf_helpers as pdf
from ui.pdf import writer as pdf_writer
from ui.pdf.options import ExportCancelled, ExportOptions, Paper
from ui.pdf.writer import export_pdf

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def sample_pack(qapp, tmp_path_factory) -> tuple[Path, int]:
    from planner.store import PlanStore
    from planner.template import fill, template_data

    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    path = tmp_path_factory.mktemp("pack") / "sample.pdf"
    pages = export_pdf(store, path, ExportOptions(today=TODAY))
    store.close()
    return path, pages


def test_every_phase_objective_and_department_is_in_the_text(sample_pack, sample_store):
    path, _ = sample_pack
    text = pdf.text(path)
    names = [p.title for p in sample_store.rows(Phase)]
    names += [o.title for o in sample_store.rows(Objective)]
    names += [d.name for d in sample_store.rows(Department)]
    missing = [n for n in names if " ".join(n.split()) not in text]
    assert missing == []


def test_nordic_letters_extract_as_typed(sample_pack):
    text = pdf.text(sample_pack[0])
    for word in ("Ragnhild Sæther", "Linnéa Strömberg", "Tromsø", "Århus", "Göteborg"):
        assert word in text


def test_body_text_has_no_ligatures(sample_pack):
    # Copying "official" from the pack must give "official", not "oﬃcial".
    import subprocess

    raw = subprocess.run(["pdftotext", "-l", "3", str(sample_pack[0]), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "fi" in raw and "ﬁ" not in raw and "ﬀ" not in raw


def test_every_font_is_embedded(sample_pack):
    fonts = pdf.fonts(sample_pack[0])
    assert fonts, "no fonts: the text would be paths or missing"
    assert [name for name, embedded in fonts if not embedded] == []


def test_contents_page_numbers_point_at_their_sections(sample_pack):
    path, pages = sample_pack
    entries = pdf.contents(path)
    titles = [t for t, _ in entries]
    assert titles[:4] == ["Business objectives", "Roadmap", "Department load", "Phases"]
    assert "Open warnings" in titles and "Backlog — the next course" in titles
    assert [n for _, n in entries] == sorted(n for _, n in entries)
    for title, number in entries:
        clean = title.split(". ", 1)[-1]  # phase entries are numbered
        if title == "Phases":  # a heading over the phase pages: points at the first one
            clean = "Phase 1 of 7"
        assert clean in pdf.text(path, number), (title, number)
    assert len(PdfReader(path).pages) == pages
    assert f"Page {pages} of {pages}" in pdf.text(path, pages)


def test_page_count_follows_the_sections(qapp, sample_store, tmp_path):
    # Cover + contents + one page per phase (each sample phase fits on its page).
    path = tmp_path / "phases.pdf"
    pages = export_pdf(sample_store, path,
                       ExportOptions(sections=frozenset({Section.PHASES}), today=TODAY))
    assert pages == 2 + 7 == len(PdfReader(path).pages)
    for n, phase in enumerate(sorted(sample_store.rows(Phase), key=lambda p: p.position), 3):
        assert f"Phase {n - 2} of 7" in pdf.text(path, n)
        assert phase.title in pdf.text(path, n)
    assert "Open warnings" not in pdf.text(path)


def test_roadmap_pages_are_landscape_when_asked(qapp, sample_store, tmp_path):
    sizes = {}
    for landscape in (True, False):
        path = tmp_path / f"roadmap-{landscape}.pdf"
        export_pdf(sample_store, path, ExportOptions(
            paper=Paper.LETTER, sections=frozenset({Section.ROADMAP}),
            landscape_roadmap=landscape, today=TODAY))
        reader = PdfReader(path)
        sizes[landscape] = [(round(p.mediabox.width), round(p.mediabox.height))
                            for p in reader.pages]
        assert "Phases at a glance" in pdf.text(path)
    assert sizes[True][:2] == [(612, 792)] * 2  # cover and contents stay portrait
    assert (792, 612) in sizes[True][2:]
    assert set(sizes[False]) == {(612, 792)}


def _plan_with_markup(store) -> None:
    from planner.commands.entities import new_row

    def fill(rec) -> None:  # noqa: ANN001
        dept = new_row(rec, Department, {"name": "<i>Sales</i> & Co"})
        objective = new_row(rec, Objective, {"title": "<table>", "measure": "a < b"})
        long_title = " ".join(["Customer-overview-for-the-sellers"] * 5) + " " + "x" * 130
        phase = new_row(rec, Phase, {
            "title": "<h1>Phase</h1> " + "word " * 35,
            "start_date": dt.date(2027, 1, 4), "end_date": dt.date(2027, 1, 29),
        })
        new_row(rec, Demand, {"title": "<b>bold</b>", "department_id": dept.id,
                              "phase_id": phase.id, "objective_id": objective.id,
                              "effort": 3})
        new_row(rec, Demand, {"title": long_title[:300], "department_id": dept.id,
                              "phase_id": phase.id, "effort": 2})
        new_row(rec, Demand, {"title": "<script>alert(1)</script>", "department_id": dept.id,
                              "effort": 1})

    store.execute(fill)


def test_user_text_prints_as_typed_and_long_titles_wrap(qapp, store, tmp_path):
    _plan_with_markup(store)
    path = tmp_path / "markup.pdf"
    export_pdf(store, path, ExportOptions(today=TODAY))
    text = pdf.text(path)
    # Compared without spaces: extractors guess spaces from gaps, and "a < b" can come out
    # as "a<b". What matters is that the markup printed as characters.
    squeezed = text.replace(" ", "")
    for literal in ("<b>bold</b>", "<i>Sales</i>&Co", "<table>", "a<b",
                    "<script>alert(1)</script>", "<h1>Phase</h1>"):
        assert literal in squeezed
    assert "Customer-overview-for-the-sellers" in text
    assert pdf.words_outside(path) == []


def test_a_big_plan_is_summarised_not_dumped(qapp, store, tmp_path):
    from planner.commands.entities import new_row

    def fill(rec) -> None:  # noqa: ANN001
        dept = new_row(rec, Department, {"name": "Sales"})
        phase = new_row(rec, Phase, {"title": "Everything", "start_date": dt.date(2027, 1, 4),
                                     "end_date": dt.date(2027, 1, 29)})
        for i in range(300):
            new_row(rec, Demand, {"title": f"Wish {i}", "department_id": dept.id,
                                  "phase_id": phase.id, "effort": 1})
        for i in range(600):
            new_row(rec, Demand, {"title": f"Later {i}", "department_id": dept.id, "effort": 1})

    store.execute(fill)
    path = tmp_path / "big.pdf"
    pages = export_pdf(store, path, ExportOptions(
        sections=frozenset({Section.PHASES, Section.BACKLOG}), today=TODAY))
    text = pdf.text(path)
    assert "... and 285 more wishes of lower priority" in text
    assert "... and 480 more wishes of lower priority" in text
    assert pages <= 8


def test_a_cancelled_export_leaves_no_file(qapp, sample_store, tmp_path):
    target = tmp_path / "pack.pdf"
    seen = []

    def progress(done: int, total: int, what: str) -> bool:
        seen.append(what)
        return not what.startswith("Page 3 ")

    with pytest.raises(ExportCancelled):
        export_pdf(sample_store, target, ExportOptions(today=TODAY), progress)
    assert "Page 2 of" in seen[-2]
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_previous_pack(qapp, sample_store, tmp_path, monkeypatch):
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"%PDF- the previous pack")

    def broken(ctx):  # noqa: ANN001
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(pdf_writer.SECTION_BUILDERS, Section.BACKLOG, broken)
    with pytest.raises(RuntimeError):
        export_pdf(sample_store, target, ExportOptions(today=TODAY))
    assert target.read_bytes() == b"%PDF- the previous pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]
