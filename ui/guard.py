"""No exception leaves a Python override of a Qt virtual.

PySide6 kills the process when an override called from C++ raises while an earlier override's
exception is still pending in the same C++ call (one bad `paintEvent`, `data()` or
`showEvent` hit by two widgets or cells is enough). So every override in ui/ carries
`@guarded(fallback)`: on an exception it logs the traceback, returns `fallback` (a class is
called for a fresh value: `@guarded(QSize)`), and reports the failure once through
`reporter().failed`, which the main window shows as a non-modal bar. Slots connected to
signals are covered the same way by `install_excepthook()`.

The wrapper is one extra Python frame with a try/except: about 0.25 µs a call, lost in the
noise of a table scroll or a Gantt repaint (benchmarks/bench_guard.py).
tests/test_guard_coverage.py fails when an override in ui/ is not guarded.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainterPath

from planner.i18n import N_, _

log = logging.getLogger("rollout_planner.guard")

F = TypeVar("F", bound=Callable[..., Any])

# Which part of the app a module draws, for the bar's message ("drawing the Gantt").
_AREAS = (
    ("ui.gantt", N_("the Gantt")),
    ("ui.workshop", N_("workshop mode")),
    ("ui.outline", N_("the plan outline")),
    ("ui.models", N_("a table")),
    ("ui.tables", N_("a table")),
    ("ui.editors", N_("an editor")),
    ("ui.inspector", N_("the inspector")),
    ("ui.warnings_panel", N_("the warnings panel")),
    ("ui.pdf", N_("the PDF plan pack")),
    ("ui.widgets", N_("the window")),
)
# Overrides that paint or answer what is painted: "drawing …"; every other one: "in …".
_DRAWING = frozenset(
    {"paint", "paintEvent", "data", "multiData", "headerData", "drawForeground",
     "drawBackground", "drawPrimitive", "boundingRect", "shape", "sizeHint",
     "minimumSizeHint"}
)


class Recover:
    """A fallback that needs the call's arguments: `func(*args)` runs instead."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func


def _clear_span(_model: object, _index: object, span: Any, *_unused: Any) -> None:
    # Views reuse one span from cell to cell: left as it was, a failed cell would show
    # what the cell before it showed.
    for role_data in span:
        role_data.clearData()


# What an override of each Qt virtual returns when it failed: nothing drawn, no data, no rows,
# "not handled". `@guarded()` takes it from here by the method's name; a class is called for
# a fresh value. Event handlers (`…Event`) and other void virtuals return None.
FALLBACKS: dict[str, Any] = {
    # item models and proxies
    "data": None, "multiData": Recover(_clear_span), "headerData": None, "setData": False,
    "flags": Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable,
    "rowCount": 0, "columnCount": 0, "index": QModelIndex, "parent": QModelIndex,
    "hasChildren": False, "canFetchMore": False, "fetchMore": None, "sort": None,
    "mimeTypes": list, "mimeData": None, "canDropMimeData": False, "dropMimeData": False,
    "supportedDragActions": Qt.DropAction.IgnoreAction,
    "supportedDropActions": Qt.DropAction.IgnoreAction,
    "filterAcceptsRow": True, "filterAcceptsColumn": True, "lessThan": False,
    # delegates
    "paint": None, "sizeHint": QSize, "createEditor": None, "setEditorData": None,
    "setModelData": None, "editorEvent": False, "updateEditorGeometry": None,
    "displayText": "", "helpEvent": False,
    # widgets, views, scenes, items, styles
    "minimumSizeHint": QSize, "event": False, "eventFilter": False, "viewportEvent": False,
    "drawForeground": None, "drawBackground": None, "drawPrimitive": None,
    "drawControl": None, "boundingRect": QRectF, "shape": QPainterPath, "itemChange": None,
    "focusNextPrevChild": False, "heightForWidth": -1, "hasHeightForWidth": False,
    "timerEvent": None,
    # undo commands
    "redo": None, "undo": None, "id": -1, "mergeWith": False,
    # threads, dialogs, visibility (called from C++: a worker's run, Esc, show/hide)
    "run": None, "reject": None, "setVisible": None,
}
_UNSET = object()


def area_of(module: str) -> str:
    for prefix, area in _AREAS:
        if module == prefix or module.startswith(prefix + "."):
            return area
    return N_("the window")


class Reporter(QObject):
    """`failed(message, details, document)`: something went wrong in a view or a slot.
    `document` is the PlanDocument the failing object belongs to, or None when unknown."""

    failed = Signal(str, str, object)


_reporter: Reporter | None = None
# Failures already reported, by where they happened: a paint that fails fails on every
# frame; the log gets its traceback once, and the bar is not raised again for it.
_seen: dict[tuple[str, str, str, int], int] = {}
_taken: list[str] = []


def reporter() -> Reporter:
    global _reporter
    if _reporter is None:
        _reporter = Reporter()
    return _reporter


def failure_count() -> int:
    """How many failures were caught so far (repeats included)."""
    return sum(_seen.values())


def take_failures() -> list[str]:
    """The tracebacks reported since the last call, and forget them (so the next failure at
    the same place is reported again): tests fail on a swallowed exception with this."""
    taken = list(_taken)
    _taken.clear()
    _seen.clear()
    return taken


def _document_of(owner: object) -> object:
    """The PlanDocument `owner` (a view, model, item or delegate) works on: its own
    `document`, or its Qt parents'. None when none says."""
    from PySide6.QtWidgets import QGraphicsItem

    obj = owner
    for _unused in range(12):
        try:
            document = getattr(obj, "document", None)
            if document is not None and hasattr(document, "undo_stack"):
                return document
            if isinstance(obj, QGraphicsItem):
                obj = obj.scene()
            elif isinstance(obj, QObject):
                obj = QObject.parent(obj)  # not obj.parent(): models override it
            else:
                return None
        except Exception:  # a half-deleted Qt object: no document to name
            return None
        if obj is None:
            return None
    return None


def report(message: str, exc: BaseException, owner: object = None, site: str = "") -> None:
    """Log `exc` with its traceback and tell the window, once per place it happened (`site`:
    the override it escaped from, and the line that raised)."""
    try:
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = (
            (site, tb.tb_frame.f_code.co_filename, type(exc).__name__, tb.tb_lineno)
            if tb is not None
            else (site, "", type(exc).__name__, 0)
        )
        count = _seen.get(where, 0)
        _seen[where] = count + 1
        if count:
            return
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        _taken.append(details)
        log.error("%s\n%s", message, details.rstrip())
        reporter().failed.emit(message, details, _document_of(owner))
    except Exception:  # reporting must never become the second pending exception
        with contextlib.suppress(Exception):
            sys.stderr.write(f"rollout-planner: {message}: {exc!r}\n")


def _message(drawing: bool, module: str) -> str:
    """Made when it is shown (not at decoration), so that it is in the language in force."""
    area = _(area_of(module))
    if drawing:
        # Translators: {area} is e.g. "the Gantt", "the inspector".
        return _("Something went wrong drawing {area}.").format(area=area)
    return _("Something went wrong in {area}.").format(area=area)


def guarded(fallback: Any = _UNSET) -> Callable[[F], F]:
    """Decorate an override of a Qt virtual: exceptions are logged and reported, and
    `fallback` is returned instead (a class is called for a fresh value); without one, the
    virtual's entry in FALLBACKS (None for event handlers)."""

    def decorate(func: F) -> F:
        value = FALLBACKS.get(func.__name__) if fallback is _UNSET else fallback
        drawing = func.__name__ in _DRAWING
        module = func.__module__
        fresh = isinstance(value, type)
        recover = value.func if isinstance(value, Recover) else None
        site = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                report(_message(drawing, module), exc, args[0] if args else None, site)
                if recover is not None:
                    with contextlib.suppress(Exception):
                        recover(*args, **kwargs)
                    return None
                return value() if fresh else value

        wrapper.__guarded__ = True  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def install_excepthook() -> Callable[..., Any]:
    """Route exceptions that reach the top (a slot connected to a signal raised) to the log
    and the bar instead of only stderr; the app carries on. Returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: as before
            previous(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        report(_("Something went wrong in the window."), exc)

    sys.excepthook = hook
    return previous
