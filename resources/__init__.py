"""Bundled files: templates (sample plans), stylesheets, icons, translations."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A bundled file, from the source tree, an installed wheel or a PyInstaller bundle."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node
