"""The roadmap without a window: render_roadmap into a PDF (vector, searchable text), the
size hint and page ranges for the plan pack, PNG/SVG export, and the main-window hook."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ui.gantt.chart import ChartOptions, build_chart
from ui.gantt.data import read_plan
from ui.gantt.export import ExportError, export_chart
from ui.gantt.render import page_ranges, render_roadmap, roadmap_size_hint

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)"),
]

ROOT = Path(__file__).resolve().parents[1]


def pdf_text(path: Path, page: int = 0) -> str:
    """A page's text with its spacing normalised (pypdf gives tabs, ligatures as one glyph)."""
    return " ".join(unicodedata.normalize("NFKC", PdfReader(path).pages[page].extract_text())
                    .split())


def write_pdf(path: Path, store, **kwargs) -> float:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    painter = QPainter(writer)
    try:
        return render_roadmap(painter, QRectF(0, 0, writer.width(), writer.height()), store,
                              **kwargs)
    finally:
        painter.end()


def test_the_pdf_roadmap_is_vector_with_searchable_text(qapp, sample_store, tmp_path):
    path = tmp_path / "roadmap.pdf"
    scale = write_pdf(path, sample_store, today=dt.date(2026, 11, 22), warnings=[])
    assert scale > 0
    page = PdfReader(path).pages[0]
    text = pdf_text(path)
    for words in ("Pipeline and Monday forecast", "Change load", "Milestones", "Marketing"):
        assert words in text
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", {})
    images = [k for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"]
    assert images == []  # drawn, not pasted in as a picture


def test_a_date_range_renders_only_its_phases(qapp, sample_store, tmp_path):
    path = tmp_path / "spring.pdf"
    write_pdf(path, sample_store, start=dt.date(2027, 4, 1), end=dt.date(2027, 7, 31),
              layout="departments", warnings=[])
    text = pdf_text(path)
    assert "Leads from web" in text
    assert "Customer overview for sellers" not in text


def test_size_hint_grows_with_the_dates_and_the_rows(qapp, sample_store):
    short = roadmap_size_hint(sample_store, dt.date(2027, 1, 1), dt.date(2027, 3, 31),
                              warnings=[])
    long = roadmap_size_hint(sample_store, dt.date(2026, 8, 1), dt.date(2027, 8, 31),
                             warnings=[])
    assert long.width() > short.width()
    assert long.height() > short.height()  # more phases in range, more rows


def test_page_ranges_cover_the_plan_in_whole_months_that_fit(qapp, sample_store):
    ranges = page_ranges(sample_store, 500)
    data = read_plan(sample_store, warnings=None)
    first, last = data.date_span()
    assert ranges[0][0] <= first and ranges[-1][1] >= last
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        assert start == end + dt.timedelta(days=1)
    assert all(start.day == 1 for start, _ in ranges)
    assert len(ranges) > 1


def test_render_needs_no_widgets(sample_file, tmp_path):
    """Headless with just a QGuiApplication, as the command line makes the plan pack."""
    out = tmp_path / "roadmap.png"
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QGuiApplication, QImage, QPainter
        app = QGuiApplication([])
        from planner.store import PlanStore
        from ui.gantt.render import render_roadmap
        store = PlanStore.open({str(sample_file)!r})
        image = QImage(1200, 700, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        render_roadmap(painter, QRectF(0, 0, 1200, 700), store, style="screen")
        painter.end()
        image.save({str(out)!r})
        print("PySide6.QtWidgets" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                                        "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"  # no widget module was even loaded
    image = QImage(str(out))
    assert image.width() == 1200
    # Painted: far from all white.
    colours = {image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 700, 23)}
    assert len(colours) > 5


def test_export_png_and_svg(qapp, sample_store, tmp_path):
    chart = build_chart(read_plan(sample_store, warnings=lambda _s: []),
                        ChartOptions(legend=True))
    png, svg = tmp_path / "r.png", tmp_path / "r.svg"
    export_chart(chart, png)
    export_chart(chart, svg)
    image = QImage(str(png))
    assert image.width() == pytest.approx(chart.bounds.width() * 2, abs=2)
    content = svg.read_text(encoding="utf-8")
    assert "<svg" in content and "Pipeline and Monday forecast" in content
    with pytest.raises(ExportError, match="png or .svg"):
        export_chart(chart, tmp_path / "r.gif")
    assert not (tmp_path / "r.gif").exists()


def test_the_main_window_gets_the_tab_and_the_export(qtbot, sample_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from planner.store import PlanStore
    from ui.app_window import window_for_store

    window = window_for_store(PlanStore.open(sample_file))
    qtbot.addWidget(window)
    assert "Gantt" in window.view_titles()
    target = tmp_path / "view.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "SVG drawing (*.svg)"))
    action = next(a for a in window.export_menu.actions() if a.objectName() == "export_gantt_view")
    action.trigger()
    assert "<svg" in target.read_text(encoding="utf-8")
