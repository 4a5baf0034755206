"""Where the sample plan lives for the user, and making it on first use."""

from __future__ import annotations

import os
from pathlib import Path

from planner.errors import PlanFileError
from planner.i18n import _

SAMPLE_NAME = "Sample CRM rollout.rollout"


def data_dir() -> Path:
    """Per-user folder for the app's own files. ROLLOUT_PLANNER_DATA_DIR overrides it (tests,
    portable installs)."""
    override = os.environ.get("ROLLOUT_PLANNER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("rollout-planner", appauthor=False))


def sample_plan_path() -> Path:
    """The user's copy of the sample plan, created from the bundled template if missing.
    An existing copy is kept: the user may have edited it, and edits are never thrown away."""
    path = data_dir() / SAMPLE_NAME
    if not path.exists():
        from planner.template import create_from_template

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlanFileError(
                _(
                    "Cannot create the folder {parent}: {reason}."
                ).format(parent=path.parent, reason=exc.strerror)
            ) from exc
        create_from_template(path, "crm").close()
    return path
