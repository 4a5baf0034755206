"""The Gantt/roadmap view: phases on a timeline, milestones, dependencies, warning badges
and the department load strip; editable by dragging. The drawing lives in marks built by
ui/gantt/chart.py, shared by the view, the PNG/SVG export and the PDF plan pack.

`install(window)` is the main window's extension hook (ui/app_window.py): it adds the view
as a tab and File → Export → "Gantt view as PNG or SVG…". Nothing of the chart is imported
or built until the tab is first shown or the export is asked for (start-up time).
"""


def __getattr__(name: str):  # noqa: ANN202 - lazy, so the PDF path never loads widgets
    if name == "GanttView":
        from ui.gantt.view import GanttView

        return GanttView
    if name in ("render_roadmap", "roadmap_size_hint", "page_ranges"):
        from ui.gantt import render

        return getattr(render, name)
    raise AttributeError(name)


def install(window) -> None:  # noqa: ANN001 - ui.main_window.MainWindow
    from ui.gantt.tab import install_tab

    install_tab(window)
