"""The session summary on screen, in workshop type, with a button to export it as a PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

from planner.i18n import N_, _, ngettext
from ui.document import PlanDocument
from ui.pdf.options import ExportError
from ui.workshop import theme as th
from ui.workshop.page import Page
from ui.workshop.session import WorkshopSession
from ui.workshop.summary import collect, summary_html
from ui.workshop.summary_pdf import export_summary_pdf


class SummaryPage(Page):
    title = N_("Summary")

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: th.Theme) -> None:
        super().__init__(document, session, theme)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.export_button = QPushButton(_("Export PDF…"))
        self.export_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.export_button.clicked.connect(self.export)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        document.undo_stack.indexChanged.connect(self._stack_moved)
        self.setFocusProxy(self.browser)

    def _stack_moved(self, _index: int) -> None:
        self._on_changed([])  # the dots are read from the undo stack

    def _style_sheet(self) -> str:
        t = self.theme
        pad = t.spacing()
        return (
            f"body {{ color: {th.INK}; font-size: {t.px('body')}px; }}"
            f"h1 {{ font-size: {t.px('title')}px; margin-bottom: {pad}px; }}"
            f"h2 {{ font-size: {t.px('large')}px; margin-top: {pad * 2}px;"
            f" margin-bottom: {pad}px; }}"
            f"p {{ margin-bottom: {pad}px; }}"
            f"th {{ background-color: {th.PANEL}; text-align: left; }}"
            f".muted {{ color: {th.MUTED}; }}"
            f".over {{ color: {th.PROBLEM}; font-weight: bold; }}"
        )

    def html(self) -> str:
        return summary_html(collect(self.document, self.session))

    def refresh(self) -> None:
        scroll = self.browser.verticalScrollBar().value()
        self.browser.document().setDefaultStyleSheet(self._style_sheet())
        self.browser.document().setDefaultFont(self.theme.font("body"))
        self.browser.setHtml(self.html())
        self.browser.verticalScrollBar().setValue(scroll)

    def apply_theme(self) -> None:
        if self.isVisible():
            self.refresh()

    def export(self) -> Path | None:
        default = Path.home() / _("{title} - workshop.pdf").format(
            title=self.document.store.plan.title
        )
        if self.document.store.path is not None:
            default = self.document.store.path.with_name(
                _('{stem} - workshop.pdf').format(stem=self.document.store.path.stem)
            )
        name, _unused = QFileDialog.getSaveFileName(
            self, _("Export the summary"), str(default), _("PDF (*.pdf)")
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            pages = export_summary_pdf(collect(self.document, self.session), path)
        except ExportError as exc:
            self.message.emit(str(exc), True)
            return None
        self.message.emit(
            ngettext("Saved {name} ({pages} page).", "Saved {name} ({pages} pages).", pages).format(
                name=path.name, pages=pages
            ),
            False,
        )
        return path
