"""The main window. (Plain for now: the editing UI is built on this.)"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from ui.document import PlanDocument


class MainWindow(QMainWindow):
    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document
        plan = document.store.plan
        self.setWindowTitle(f"{plan.title} — Rollout Planner")
        label = QLabel(f"<h1>{plan.title}</h1>")
        label.setTextFormat(label.textFormat().PlainText)
        label.setText(plan.title)
        self.setCentralWidget(label)
        menu = self.menuBar().addMenu("&File")
        menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.resize(1200, 800)
