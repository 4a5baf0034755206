"""`rollout-planner new PLAN --from SOURCE.xml`: a plan made from an MS Project XML file,
with the import report on stdout."""

from __future__ import annotations

from pathlib import Path

from app.cli import EXIT_OK
from planner.i18n import _


def new_from_mspdi(path: Path, source: Path, *, overwrite: bool = False) -> int:
    from planner.errors import PlanFileError
    from planner.exchange.mspdi_import import new_plan_from_mspdi

    if path.exists() and not overwrite:
        raise PlanFileError(
            _("{path} already exists; choose another name (or --force).").format(path=path)
        )
    store, lines = new_plan_from_mspdi(path, source, overwrite=overwrite)
    store.close()
    for line in lines:
        print(line)
    print(_("Created {path}").format(path=path))
    return EXIT_OK
