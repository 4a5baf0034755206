"""What the chart builder may reuse from its previous build, for the interactive view.

After an edit the view builds the whole chart again (ui/gantt/chart.py stays one pure
function of the data and the options), but an edit changes a phase or two: the other bars,
the milestones lane, most arrows and load rows come out the same. A ChartMemo keeps those
results keyed by everything they are computed from, so the next build looks them up instead
of measuring text and routing arrows again — and hands back the very same mark objects, which
the scene then recognises as unchanged without comparing them.

Each table keeps only what the last build used (older entries are dropped), and everything is
dropped when the build's context (options, time scale, departments, working days) changes.
The PDF and the export build without a memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from ui.gantt.palette import Palette, palette_for

_TEXT_LIMIT = 50_000  # measured strings kept per font before starting afresh
_NONE: dict = {}
_MISSING = object()


class ChartMemo:
    def __init__(self) -> None:
        self._context: Hashable = None
        self._old: dict[str, dict] = {}
        self._new: dict[str, dict] = {}
        self._metrics: dict[int, CachedMetrics] = {}
        self._palettes: dict[str, Palette] = {}

    def begin(self, context: Hashable) -> None:
        """Start a build; a different context forgets everything kept."""
        if context != self._context:
            self._context = context
            self._old = {}
        self._new = {}

    def end(self) -> None:
        """The build is done: keep what it used, drop the rest."""
        self._old, self._new = self._new, {}

    def get(self, table: str, key: Hashable, compute: Callable[[], Any]) -> Any:
        # Hot (a thousand calls a build): keys are hashed twice, not four times.
        value = self._old.get(table, _NONE).get(key, _MISSING)
        if value is _MISSING:
            value = compute()
        new = self._new.get(table)
        if new is None:
            new = self._new[table] = {}
        new[key] = value
        return value

    def palette(self, style: str) -> Palette:
        """One palette per style for all builds (palette_for makes a new one, with new
        fonts and metrics, on every call)."""
        palette = self._palettes.get(style)
        if palette is None:
            palette = self._palettes[style] = palette_for(style)
        return palette

    def metrics(self, fm: QFontMetricsF) -> CachedMetrics:
        """`fm` with its answers remembered (the palette's metrics live as long as it)."""
        cached = self._metrics.get(id(fm))
        if cached is None or cached.fm is not fm:
            cached = self._metrics[id(fm)] = CachedMetrics(fm)
        return cached


class CachedMetrics:
    """The two QFontMetricsF calls the builder makes, remembered per string."""

    __slots__ = ("fm", "_advance", "_elided")

    def __init__(self, fm: QFontMetricsF) -> None:
        self.fm = fm
        self._advance: dict[str, float] = {}
        self._elided: dict[tuple[str, Any, float], str] = {}

    def horizontalAdvance(self, text: str) -> float:  # noqa: N802 - as QFontMetricsF
        width = self._advance.get(text)
        if width is None:
            if len(self._advance) > _TEXT_LIMIT:
                self._advance.clear()
            width = self._advance[text] = self.fm.horizontalAdvance(text)
        return width

    def elidedText(self, text: str, mode: Qt.TextElideMode, width: float) -> str:  # noqa: N802
        key = (text, mode, width)
        elided = self._elided.get(key)
        if elided is None:
            if len(self._elided) > _TEXT_LIMIT:
                self._elided.clear()
            elided = self._elided[key] = self.fm.elidedText(text, mode, width)
        return elided
