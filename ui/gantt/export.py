"""The chart to a PNG or an SVG file: the same marks the view and the PDF draw."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from planner.i18n import N_, _
from ui.gantt.chart import Chart
from ui.gantt.render import paint_chart

FORMATS = {".png": N_("PNG image"), ".svg": N_("SVG drawing")}
MAX_PIXELS = 80_000_000  # beyond this a PNG is scaled down rather than eat gigabytes


class ExportError(Exception):
    """The file could not be written; the message says why, for the user."""


def export_png(chart: Chart, path: Path, scale: float = 2.0) -> QSize:
    """Write the chart as a PNG at `scale` pixels per chart unit (2 = sharp on slides)."""
    bounds = chart.bounds
    pixels = bounds.width() * bounds.height() * scale * scale
    if pixels > MAX_PIXELS:
        scale *= math.sqrt(MAX_PIXELS / pixels)
    size = QSize(max(1, math.ceil(bounds.width() * scale)),
                 max(1, math.ceil(bounds.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(scale * 96 / 0.0254))
    image.setDotsPerMeterY(round(scale * 96 / 0.0254))
    image.fill(chart.palette.background)
    painter = QPainter(image)
    try:
        paint_chart(painter, chart, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise ExportError(
            _("Could not write {name}: check the folder exists and is writable.").format(
                name=path.name
            )
        )
    return size


def export_svg(chart: Chart, path: Path, title: str = N_("Roadmap")) -> None:
    from PySide6.QtSvg import QSvgGenerator  # only loaded when someone exports an SVG

    bounds = chart.bounds
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(math.ceil(bounds.width()), math.ceil(bounds.height())))
    generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
    generator.setTitle(title)
    generator.setDescription(_("Rollout Planner roadmap"))
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(
            _("Could not write {name}: check the folder exists and is writable.").format(
                name=path.name
            )
        )
    try:
        paint_chart(painter, chart, QRectF(0, 0, bounds.width(), bounds.height()))
    finally:
        painter.end()
    if not path.exists():
        raise ExportError(_('Could not write {name}.').format(name=path.name))


def export_chart(chart: Chart, path: Path, title: str = N_("Roadmap")) -> None:
    """By the file's suffix: .png or .svg."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        export_png(chart, path)
    elif suffix == ".svg":
        export_svg(chart, path, title)
    else:
        raise ExportError(
            _("Cannot export to '{value}': choose a .png or .svg file.").format(
                value=path.suffix or path.name
            )
        )
