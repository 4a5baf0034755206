"""The Gantt/roadmap view: phases on a timeline, milestones, dependencies, warning badges
and the department load strip; editable by dragging. The drawing lives in marks built by
ui/gantt/chart.py, shared by the view, the PNG/SVG export and the PDF plan pack."""

from ui.gantt.pyside_fix import guard as _guard_none_refcount

_guard_none_refcount()
