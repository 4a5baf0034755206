"""The plan pack for steering committees, as plain data: what each section says, already
sorted, grouped and summarised. No Qt here; ui/pdf/ paints it (and could be joined by an
HTML or Word writer without touching the content rules)."""

from planner.report.build import build_pack
from planner.report.model import (
    SECTION_TITLES,
    Limits,
    PlanPack,
    Section,
)

__all__ = ["SECTION_TITLES", "Limits", "PlanPack", "Section", "build_pack"]
