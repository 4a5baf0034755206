"""What the MSPDI reader and writer share: the namespace, durations, dates and the mapping
between the plan's vocabularies and MS Project's fields."""

from __future__ import annotations

import datetime as dt
import re

from planner.enums import Priority

NS = "http://schemas.microsoft.com/project"
# The plan counts in person-days; MS Project in minutes. A day is MinutesPerDay (480 unless
# the file says otherwise), starting at 08:00 with a lunch hour, as MS Project's Standard.
MINUTES_PER_DAY = 480
DAY_START = dt.time(8, 0)
DAY_END = dt.time(17, 0)
# MSPDI DayType: 1 = Sunday … 7 = Saturday; the plan stores ISO weekdays (1 = Monday).
ISO_TO_DAYTYPE = {iso: iso % 7 + 1 for iso in range(1, 8)}
DAYTYPE_TO_ISO = {v: k for k, v in ISO_TO_DAYTYPE.items()}

# Task priority 0…1000 (500 = MS Project's "Medium"): the plan's four levels, centred on it.
PRIORITY_TO_MSP = {
    Priority.MUST: 800,
    Priority.SHOULD: 600,
    Priority.COULD: 400,
    Priority.WONT: 200,
}

# PredecessorLink/Type: 0 FF, 1 FS, 2 SF, 3 SS.
LINK_TYPES = {
    0: "finish-to-finish",
    1: "finish-to-start",
    2: "start-to-finish",
    3: "start-to-start",
}
FINISH_TO_START = 1

_DURATION = re.compile(
    r"^-?P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def priority_from_msp(value: int) -> Priority:
    """The plan's level nearest to an MS Project priority (0…1000)."""
    return min(PRIORITY_TO_MSP, key=lambda p: (abs(PRIORITY_TO_MSP[p] - value), p.rank))


def hours_text(minutes: float) -> str:
    """MSPDI duration text: hours may exceed 24 ("PT96H0M0S" is 12 working days)."""
    total_seconds = round(minutes * 60)
    hours, rest = divmod(total_seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"PT{hours}H{mins}M{secs}S"


def parse_duration_minutes(text: str, minutes_per_day: int = MINUTES_PER_DAY) -> float | None:
    """Minutes of an xsd:duration as MS Project writes it (PT…H…M…S, hours past 24), or None
    when it is not one. Days count as working days of `minutes_per_day`."""
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT", "-P"):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    days = parts["d"] + 20 * parts["mo"] + 240 * parts["y"]
    minutes = days * minutes_per_day + parts["h"] * 60 + parts["mi"] + parts["s"] / 60
    return -minutes if text.strip().startswith("-") else minutes


def stamp(day: dt.date, time: dt.time) -> str:
    """MSPDI dates carry no time zone: the local wall clock of the project."""
    return dt.datetime.combine(day, time).strftime("%Y-%m-%dT%H:%M:%S")


def parse_stamp(text: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=None)
