"""Read an MS Project XML (MSPDI) file into plain records, refusing hostile input.

Parsed with defusedxml: a file that declares a DTD — the carrier of billion-laughs bombs and
external entities — is refused before anything is expanded (MS Project, ProjectLibre and
GanttProject never write one). Streaming (`iterparse`): each task, resource and assignment is
read and its element dropped, and timephased data, which can be most of a big file, is only
counted.

Real files differ from the schema's happy path, and this reader expects that: every element
may or may not carry the namespace; durations are `PT…H…M…S` with hours past 24; dates carry
no time zone; ProjectLibre writes `Summary=0` on every task, so the outline comes from
`OutlineLevel`/`OutlineNumber`; blank rows are `IsNull=1`; manually scheduled tasks keep
their dates in `ManualStart`/`ManualFinish`; `-65535` is "no resource".
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from planner.exchange.errors import ExchangeError
from planner.exchange.mspdi_common import (
    DAYTYPE_TO_ISO,
    MINUTES_PER_DAY,
    NS,
    parse_duration_minutes,
    parse_stamp,
)
from planner.i18n import _

MAX_BYTES = 200 * 1024 * 1024  # bigger than any real plan export; more is not a project
NO_RESOURCE = -65535
_ROOT_TAGS = ("{" + NS + "}Project", "Project")


@dataclass
class MsLink:
    predecessor_uid: int
    type: int = 1  # 0 FF, 1 FS, 2 SF, 3 SS
    lag_minutes: float = 0.0


@dataclass
class MsTask:
    uid: int
    id: int
    name: str
    level: int | None
    outline_number: str
    start: dt.datetime | None
    finish: dt.datetime | None
    duration_minutes: float | None
    work_minutes: float | None
    milestone: bool
    is_null: bool
    manual: bool
    active: bool
    notes: str
    priority: int | None
    percent_complete: int
    cost: float
    custom_fields: int
    links: list[MsLink] = field(default_factory=list)


@dataclass
class MsResource:
    uid: int
    name: str
    type: int  # 0 material, 1 work, 2 cost
    max_units: float | None
    is_null: bool
    cost_rate: float
    custom_fields: int


@dataclass
class MsAssignment:
    task_uid: int
    resource_uid: int
    work_minutes: float | None
    units: float | None


@dataclass
class MsProject:
    name: str = ""
    title: str = ""
    manager: str = ""
    start: dt.datetime | None = None
    minutes_per_day: int = MINUTES_PER_DAY
    minutes_per_week: int = 5 * MINUTES_PER_DAY
    calendar_uid: int | None = None
    calendars: dict[int, str] = field(default_factory=dict)  # uid -> ISO working weekdays
    tasks: list[MsTask] = field(default_factory=list)
    resources: list[MsResource] = field(default_factory=list)
    assignments: list[MsAssignment] = field(default_factory=list)
    timephased: int = 0
    custom_field_names: list[str] = field(default_factory=list)
    outline_codes: int = 0

    @property
    def working_days(self) -> str | None:
        return self.calendars.get(self.calendar_uid) if self.calendar_uid is not None else None


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _children(element: Element) -> dict[str, Element]:
    """First child per local name (repeated ones are read by `_all`)."""
    out: dict[str, Element] = {}
    for child in element:
        out.setdefault(_local(child.tag), child)
    return out


def _all(element: Element, name: str) -> list[Element]:
    return [c for c in element if _local(c.tag) == name]


def _text(fields: dict[str, Element], name: str) -> str:
    element = fields.get(name)
    return (element.text or "").strip() if element is not None else ""


def _int(fields: dict[str, Element], name: str, default: int | None = None) -> int | None:
    text = _text(fields, name)
    try:
        return int(float(text)) if text else default
    except ValueError:
        return default


def _float(fields: dict[str, Element], name: str, default: float = 0.0) -> float:
    text = _text(fields, name)
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if value == value and abs(value) != float("inf") else default


def _bool(fields: dict[str, Element], name: str, default: bool = False) -> bool:
    text = _text(fields, name).lower()
    if not text:
        return default
    return text in ("1", "true")


class _Reader:
    def __init__(self) -> None:
        self.project = MsProject()

    def task(self, element: Element) -> None:
        f = _children(element)
        uid = _int(f, "UID")
        if uid is None:
            return
        manual = _bool(f, "Manual")
        start = parse_stamp(_text(f, "Start"))
        finish = parse_stamp(_text(f, "Finish"))
        if manual:
            # A manually scheduled task's own dates are the ones the user typed.
            start = parse_stamp(_text(f, "ManualStart")) or start
            finish = parse_stamp(_text(f, "ManualFinish")) or finish
        per_day = self.project.minutes_per_day
        links = []
        for link in _all(element, "PredecessorLink"):
            lf = _children(link)
            pred = _int(lf, "PredecessorUID")
            if pred is not None:
                lag = _float(lf, "LinkLag") / 10  # tenths of a minute
                links.append(MsLink(pred, _int(lf, "Type", 1) or 0, lag))
        self.project.tasks.append(
            MsTask(
                uid=uid,
                id=_int(f, "ID", uid) or 0,
                name=_text(f, "Name"),
                level=_int(f, "OutlineLevel"),
                outline_number=_text(f, "OutlineNumber"),
                start=start,
                finish=finish,
                duration_minutes=parse_duration_minutes(_text(f, "Duration"), per_day),
                work_minutes=parse_duration_minutes(_text(f, "Work"), per_day),
                milestone=_bool(f, "Milestone"),
                is_null=_bool(f, "IsNull"),
                manual=manual,
                active=_bool(f, "Active", True),
                notes=_text(f, "Notes"),
                priority=_int(f, "Priority"),
                percent_complete=_int(f, "PercentComplete", 0) or 0,
                cost=_float(f, "Cost") + _float(f, "FixedCost"),
                custom_fields=len(_all(element, "ExtendedAttribute")),
                links=links,
            )
        )

    def resource(self, element: Element) -> None:
        f = _children(element)
        uid = _int(f, "UID")
        if uid is None:
            return
        max_units = _text(f, "MaxUnits")
        self.project.resources.append(
            MsResource(
                uid=uid,
                name=_text(f, "Name"),
                type=_int(f, "Type", 1) or 0,
                max_units=_float(f, "MaxUnits") if max_units else None,
                is_null=_bool(f, "IsNull"),
                cost_rate=_float(f, "StandardRate") + _float(f, "CostPerUse"),
                custom_fields=len(_all(element, "ExtendedAttribute")),
            )
        )

    def assignment(self, element: Element) -> None:
        f = _children(element)
        task, resource = _int(f, "TaskUID"), _int(f, "ResourceUID")
        if task is None or resource is None:
            return
        units = _text(f, "Units")
        self.project.assignments.append(
            MsAssignment(
                task_uid=task,
                resource_uid=resource,
                work_minutes=parse_duration_minutes(_text(f, "Work"), self.project.minutes_per_day),
                units=_float(f, "Units") if units else None,
            )
        )

    def calendar(self, element: Element) -> None:
        f = _children(element)
        uid = _int(f, "UID")
        week = f.get("WeekDays")
        if uid is None or week is None:
            return
        days = []
        for weekday in _all(week, "WeekDay"):
            wf = _children(weekday)
            day_type = _int(wf, "DayType")
            # DayType 0 rows are exceptions (holidays) with a TimePeriod, not the week.
            if day_type in DAYTYPE_TO_ISO and _bool(wf, "DayWorking"):
                days.append(DAYTYPE_TO_ISO[day_type])
        if days:
            self.project.calendars[uid] = "".join(str(d) for d in sorted(days))

    def header(self, name: str, element: Element) -> None:
        text = (element.text or "").strip()
        project = self.project
        if name in ("Name", "Title", "Manager"):
            setattr(project, name.lower(), text)
        elif name == "StartDate":
            project.start = parse_stamp(text)
        elif name in ("MinutesPerDay", "MinutesPerWeek", "CalendarUID"):
            try:
                value = int(float(text))
            except ValueError:
                return
            if name == "MinutesPerDay" and 0 < value <= 1440:
                project.minutes_per_day = value
            elif name == "MinutesPerWeek" and 0 < value <= 10080:
                project.minutes_per_week = value
            elif name == "CalendarUID":
                project.calendar_uid = value


def _parse(stream: IO[bytes]) -> MsProject:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    reader = _Reader()
    stack: list[Element] = []
    path: list[str] = []
    big = ("Task", "Resource", "Assignment", "Calendar", "TimephasedData")
    try:
        for event, element in iterparse(
            stream,
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        ):
            name = _local(element.tag)
            if event == "start":
                if not stack and (name != "Project" or str(element.tag) not in _ROOT_TAGS):
                    raise ExchangeError(
                        _(
                            "This is XML, but not an MS Project XML (MSPDI) file: it starts with "
                            "<{name}>, not <Project>."
                        ).format(name=name)
                    )
                stack.append(element)
                path.append(name)
                continue
            stack.pop()
            path.pop()
            parent = path[-1] if path else ""
            if name == "Task" and parent == "Tasks":
                reader.task(element)
            elif name == "Resource" and parent == "Resources":
                reader.resource(element)
            elif name == "Assignment" and parent == "Assignments":
                reader.assignment(element)
            elif name == "Calendar" and parent == "Calendars":
                reader.calendar(element)
            elif name == "TimephasedData":
                reader.project.timephased += 1
            elif name == "FieldName" and "ExtendedAttributes" in path:
                reader.project.custom_field_names.append((element.text or "").strip())
            elif name == "OutlineCode" and parent == "OutlineCodes":
                reader.project.outline_codes += 1
            elif parent == "Project" and len(path) == 1:
                reader.header(name, element)
            if stack and (name in big or len(path) == 1):
                stack[-1].remove(element)  # read: drop it, so memory stays flat on big files
    except DefusedXmlException as exc:
        raise ExchangeError(
            _(
                "The file declares a DTD or entities ({kind}); MS Project files never do, and "
                "such a file can be an XML bomb or read other files. It was refused."
            ).format(kind=type(exc).__name__)
        ) from exc
    except ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise ExchangeError(
            _(
                "The file is not well-formed XML (line {line}): {reason}. Nothing was imported."
            ).format(line=line, reason=exc)
        ) from exc
    return reader.project


def read_mspdi(source: Path | str) -> MsProject:
    """Parse `source`; raises ExchangeError with a message for the user."""
    source = Path(source)
    try:
        size = os.path.getsize(source)
    except OSError as exc:
        raise ExchangeError(_cannot_read(source, exc)) from exc
    if size == 0:
        raise ExchangeError(
            _("{name} is empty; there is nothing to import.").format(name=source.name)
        )
    if size > MAX_BYTES:
        raise ExchangeError(
            _("{name} is {size} MB; an MS Project XML file over {limit} MB is refused.").format(
                name=source.name, size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
            )
        )
    try:
        with source.open("rb") as stream:
            return _parse(stream)
    except OSError as exc:
        raise ExchangeError(_cannot_read(source, exc)) from exc


def _cannot_read(source: Path, exc: OSError) -> str:
    return _("Cannot read {name}: {reason}.").format(name=source.name, reason=exc.strerror or exc)


def looks_like_mspdi(source: Path | str, head: bytes | None = None) -> bool:
    """True when the file's first kilobytes read as MS Project XML — for importers that
    choose the reader by content, not by extension. Never parses the whole file."""
    if head is None:
        try:
            with Path(source).open("rb") as stream:
                head = stream.read(4096)
        except OSError:
            return False
    for encoding in ("utf-8", "utf-16"):
        try:
            text = head.decode(encoding, errors="ignore")
        except LookupError:  # pragma: no cover
            continue
        if "<Project" in text and NS in text:
            return True
    return False
