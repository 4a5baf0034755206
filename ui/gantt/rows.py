"""Stacking things that would overlap into lanes: milestones whose labels would collide,
and phases landing on the same department at the same time (the stack-up the swimlane
layout exists to show)."""

from __future__ import annotations

from collections.abc import Sequence


def pack(extents: Sequence[tuple[float, float]], gap: float = 6.0,
         max_lanes: int | None = None) -> list[int]:
    """Greedy first-fit: a lane index for each (left, right) extent, in the given order
    (sort by left first). With `max_lanes`, an extent that fits nowhere gets -1."""
    ends: list[float] = []
    lanes: list[int] = []
    for left, right in extents:
        for lane, end in enumerate(ends):
            if end + gap <= left:
                ends[lane] = right
                lanes.append(lane)
                break
        else:
            if max_lanes is not None and len(ends) >= max_lanes:
                lanes.append(-1)
            else:
                ends.append(right)
                lanes.append(len(ends) - 1)
    return lanes
