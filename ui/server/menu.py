"""File → Open from server… and File → Publish to server…

A password the server asks for (no ~/.pgpass entry) is asked here and kept only in the open
plan's memory, for reconnecting; settings and the recent list keep the URL without it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from planner.errors import PlanError
from planner.i18n import _
from ui import settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

EXAMPLE = "postgresql://user@host:5432/dbname?plan=crm-2027"


def add_actions(window: MainWindow) -> None:
    menu = window.file_menu
    anchor = next((a for a in menu.actions() if a.menu() is not None
                   and "Recent" in a.text()), None)
    open_action = window.file_menu.addAction(_("Open from &server…"))
    open_action.triggered.connect(lambda: ask_and_open(window))
    publish = window.file_menu.addAction(_("&Publish to server…"))
    publish.triggered.connect(lambda: ask_and_publish(window))
    publish.setObjectName("publish_to_server")
    open_action.setObjectName("open_from_server")
    if anchor is not None:  # beside Open and Open Recent, not after Quit
        menu.insertAction(anchor, open_action)
        menu.insertAction(anchor, publish)


def last_server_url() -> str:
    return next((v for v in settings.recent_locations() if isinstance(v, str)), "")


def ask_url(parent: QWidget, title: str, label: str, default: str) -> str:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
    return text.strip() if ok else ""


def ask_password(parent: QWidget, message: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        _("Password"),
        _("{message}\n\nPassword (kept only while the plan is open):").format(message=message),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def ask_and_open(window: MainWindow) -> None:
    url = ask_url(
        window,
        _("Open from server"),
        _("Plan on a PostgreSQL server, e.g.\n{EXAMPLE}").format(EXAMPLE=EXAMPLE),
        last_server_url(),
    )
    if url:
        open_server_plan(window, url)


def _with_password(parent: QWidget, action):  # noqa: ANN001, ANN202
    """Run `action(password)`; when the server wants a password libpq has not got, ask once."""
    from planner.server.connection import PasswordNeeded

    try:
        return action(None)
    except PasswordNeeded as exc:
        password = ask_password(parent, str(exc))
        if password is None:
            return None
        return action(password)


def open_server_plan(parent: QWidget, url: str) -> MainWindow | None:
    from planner.server.store import ServerStore
    from ui.app_window import open_windows, window_for_store

    try:
        from planner.server.address import parse

        display = parse(url).display
        for window in open_windows():
            if getattr(window.document.store, "location", None) == display:
                window.raise_()
                window.activateWindow()
                return window
        store = _with_password(parent, lambda pw: ServerStore.open(url, password=pw))
    except PlanError as exc:
        QMessageBox.critical(parent, _("Cannot open the plan"), str(exc))
        return None
    if store is None:
        return None
    window = window_for_store(store)
    window.show()
    settings.add_recent_location(store.location)
    if store.read_only:
        QMessageBox.information(
            window,
            _("Opened read-only"),
            _("This plan opens read-only: {read_only_reason}.").format(
                read_only_reason=store.read_only_reason
            ),
        )
    return window


def slug(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "plan"
    return text if text[0].isalpha() else f"plan-{text}"


def ask_and_publish(window: MainWindow) -> None:
    from planner.server.transfer import publish

    last = last_server_url()
    default = ""
    if last:
        from planner.server.address import parse

        default = parse(last).with_plan(slug(window.document.store.plan.title)).display
    url = ask_url(
        window,
        _("Publish to server"),
        _("Copy this plan to a new plan on a PostgreSQL server, e.g.\n{EXAMPLE}").format(
            EXAMPLE=EXAMPLE
        ),
        default,
    )
    if not url:
        return
    try:
        address = _with_password(window, lambda pw: publish(window.document.store, url, pw))
    except PlanError as exc:
        QMessageBox.critical(window, _("The plan was not published"), str(exc))
        return
    if address is None:
        return
    settings.add_recent_location(address.display)
    answer = QMessageBox.question(
        window,
        _("Published"),
        _(
            "The plan is on the server now as '{plan}'. Open it there, so that others' edits show "
            "up live?"
        ).format(plan=address.plan),
    )
    if answer == QMessageBox.StandardButton.Yes:
        open_server_plan(window, url)
