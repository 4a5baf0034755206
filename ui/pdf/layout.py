"""What a section needs to lay itself out, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPagedPaintDevice

from planner.report import PlanPack
from planner.store import PlanStore
from ui.pdf.flow import Page, flow_pages
from ui.pdf.frame import Frame
from ui.pdf.options import ExportOptions


@dataclass
class Part:
    """A run of pages with its entry in the table of contents. A part without pages (the
    "Phases" heading) points at the page that follows it."""

    title: str
    pages: list[Page] = field(default_factory=list)
    level: int = 0


@dataclass
class Context:
    pack: PlanPack
    store: PlanStore
    device: QPagedPaintDevice
    options: ExportOptions

    def frame(self, landscape: bool = False) -> Frame:
        return Frame(self.options.paper, landscape)

    def size(self, landscape: bool = False) -> QSizeF:
        return self.frame(landscape).content_size

    def flow(self, html: str, landscape: bool = False, min_scale: float = 1.0) -> list[Page]:
        return flow_pages(html, self.device, self.size(landscape), landscape=landscape,
                          min_scale=min_scale)
