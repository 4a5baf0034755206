"""What the plan would look like with a proposal accepted, without touching it: a copy in
memory with the proposal applied, for the preview's Gantt, warning counts and curves."""

from __future__ import annotations

from planner.changes import Recorder
from planner.model import MODELS, Plan
from planner.propose.proposal import ApplyProposal, Proposal
from planner.store import PlanStore


def copy_in_memory(store: PlanStore) -> PlanStore:
    """Every row of the plan, same ids, in a new in-memory plan."""
    copy = PlanStore.in_memory()

    def fill(rec: Recorder) -> None:
        for model in MODELS:
            for row in store.rows(model):
                values = row.to_dict()
                if model is Plan:
                    values.pop("id", None)
                    rec.update(copy.plan, **values)
                else:
                    rec.insert(model, **values)

    copy.execute(fill)
    return copy


def with_proposal(store: PlanStore, proposal: Proposal, count: int | None = None) -> PlanStore:
    """A copy of the plan with the first `count` proposed phases accepted."""
    copy = copy_in_memory(store)
    if proposal.phases:
        ApplyProposal(proposal, count).do(copy)
    return copy
