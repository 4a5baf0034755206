"""File menu: New (blank or from the CRM template), Open, Open Recent, Save As, Export,
Close, Quit. Every failure is a dialog with the store's own message; nothing is half done."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner.errors import DamagedPlanFile, PlanError
from planner.i18n import N_, _
from ui import settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FILTER = N_("Rollout plans (*.rollout);;All files (*)")
SUFFIX = ".rollout"


def with_suffix(path: Path) -> Path:
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)


def _server_plan_name(url: str) -> str:
    """'crm-2027 on db.example.com' for a recent plan on a server."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    plan = (parse_qs(parts.query).get("plan") or ["?"])[-1]
    return f"{plan} on {parts.hostname or 'the server'}"


class FileMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        menu = window.file_menu
        new_menu = menu.addMenu(_("&New"))
        self.new_blank = new_menu.addAction(_("&Blank plan…"), self.new_blank_plan)
        self.new_blank.setShortcut(QKeySequence.StandardKey.New)
        self.new_crm = new_menu.addAction(_("From the &CRM template…"), self.new_crm_plan)
        self.new_crm.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.open = menu.addAction(_("&Open…"), self.open_plan)
        self.open.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        self.save_as = menu.addAction(_("Save &As…"), self.save_plan_as)
        self.save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
        # Import of wishes (CSV, TSV, XLSX, Jira; also drop and paste): ui/exchange/.
        from ui.exchange.import_flow import install as install_import

        self.import_wishes = install_import(window)
        menu.addAction(self.import_wishes)
        self.export_menu = menu.addMenu(_("&Export"))
        self.export_menu.setObjectName("export_menu")
        # File → Export → Excel, CSV, MS Project, Calendar (planner/exchange/).
        from ui.exchange_export import add_export_actions

        window.export_menu = self.export_menu
        add_export_actions(window)
        menu.addSeparator()
        self.close = menu.addAction(_("&Close"), window.close)
        self.close.setShortcuts([QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4")])
        self.quit = menu.addAction(_("&Quit"), QApplication.closeAllWindows)
        self.quit.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

    # --- dialogs (patched in tests) -------------------------------------------------------

    def _folder(self) -> str:
        store_path = self.window.document.store.path
        return settings.get(settings.LAST_FOLDER) or (str(store_path.parent) if store_path else "")

    def _remember_folder(self, path: Path) -> None:
        settings.put(settings.LAST_FOLDER, str(path.parent))

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)

    # --- actions --------------------------------------------------------------------------

    def new_blank_plan(self) -> None:
        self._new_plan("blank")

    def new_crm_plan(self) -> None:
        self._new_plan("crm")

    def _new_plan(self, template: str) -> None:
        from planner.template import create_from_template
        from ui.app_window import acquire_lock, window_for, window_for_store

        title = _("New plan") if template == "blank" else _("New plan from the CRM template")
        lang = None
        if template != "blank":
            # The template's text in a language the user picks (default: the app's).
            from ui.dialogs.template_language import choose_template_language

            lang = choose_template_language(self.window)
            if lang is None:
                return
        name, _unused = QFileDialog.getSaveFileName(self.window, title, self._folder(), _(FILTER))
        if not name:
            return
        path = with_suffix(Path(name)).resolve()
        self._remember_folder(path)
        if window_for(path) is not None:
            self.error(
                title,
                _("{name} is open in a window; close it or choose another name.").format(
                    name=path.name
                ),
            )
            return
        lock, held_by = acquire_lock(path)
        if held_by:
            self.error(
                title,
                _("{held_by}; close it there first or choose another name.").format(
                    held_by=held_by
                ),
            )
            return
        try:
            # The file dialog has asked before replacing an existing file.
            store = create_from_template(path, template, overwrite=True, lang=lang)
        except PlanError as exc:
            if lock is not None:
                lock.unlock()
            self.error(title, str(exc))
            return
        settings.add_recent_file(path)
        window_for_store(store, lock).show()

    def open_plan(self) -> None:
        name, _unused = QFileDialog.getOpenFileName(
            self.window, _("Open plan"), self._folder(), _(FILTER)
        )
        if name:
            self._remember_folder(Path(name))
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        from ui.app_window import open_window

        try:
            open_window(path, parent=self.window).show()
        except DamagedPlanFile as exc:
            if not exc.repairable:
                self.error(_("Cannot open the plan"), str(exc))
                return
            from ui.dialogs.damaged_plan import offer_repair

            offer_repair(self.window, path, exc)
        except PlanError as exc:
            self.error(_("Cannot open the plan"), str(exc))

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = settings.recent_locations()
        for number, path in enumerate(paths, start=1):
            name = path.name if isinstance(path, Path) else _server_plan_name(path)
            text = f"&{number} {name}" if number < 10 else name
            action = menu.addAction(text, lambda p=path: self._open_recent(p))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
        if not paths:
            menu.addAction(_("No plans opened yet")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(_("&Clear this list"), settings.clear_recent_files).setEnabled(bool(paths))

    def _open_recent(self, path: Path | str) -> None:
        if isinstance(path, str):  # a plan on a server (ui/server/)
            from ui.server.menu import open_server_plan

            open_server_plan(self.window, path)
            return
        if not path.exists():
            settings.remove_recent_file(path)
            self.error(
                _("Cannot open the plan"),
                _("{path} no longer exists; it is off the list now.").format(path=path),
            )
            return
        self.open_path(path)

    def save_plan_as(self) -> None:
        from ui.app_window import acquire_lock, window_for

        window = self.window
        store = window.document.store
        name, _unused = QFileDialog.getSaveFileName(
            window, _("Save plan as"), self._folder(), _(FILTER)
        )
        if not name:
            return
        target = with_suffix(Path(name)).resolve()
        self._remember_folder(target)
        if store.path is not None and target == store.path.resolve():
            return  # it is saved already: every edit is written at once
        other = window_for(target)
        if other is not None:
            self.error(
                _("Save As"),
                _("{name} is open in another window; close it first.").format(name=target.name),
            )
            return
        lock, held_by = acquire_lock(target)
        if held_by:
            self.error(_("Save As"), _('{held_by}; choose another name.').format(held_by=held_by))
            return
        try:
            store.save_as(target)
        except PlanError as exc:
            if lock is not None:
                lock.unlock()
            self.error(_("Save As"), str(exc))
            return
        if window.lock is not None:
            window.lock.unlock()
        window.lock = lock
        settings.add_recent_file(target)
        window.document.file_changed.emit(str(target))
