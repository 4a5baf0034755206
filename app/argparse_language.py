"""argparse's own words ("usage:", "options", "the following arguments are required: %s")
in the language of the rest of the output.

argparse looks its text up through the two names it imports from the standard library,
`from gettext import gettext as _, ngettext`: the default gettext domain, in the language
the environment says. Our language is chosen by --lang as well, and our catalogue holds
our translations, so those two names are pointed at planner.i18n, which knows both. It is
done once, before the first parser is built; English stays argparse's own text.

The messages argparse can show a user are listed below with N_(), so that
`make i18n-extract` brings them into our catalogue (taken from Python 3.11's argparse.py;
its messages about programming mistakes, such as conflicting option strings, are left out).
"""

from __future__ import annotations

import argparse

from planner import i18n
from planner.i18n import N_


def speak_our_language() -> None:
    """From now on argparse's words come from our catalogue, in the language in force."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _argparse_messages() -> None:
    """Never called: the list of argparse's user-facing messages, for extraction. The
    `%(name)s` and `%s` placeholders are argparse's own and must stay in a translation."""
    # Translators: argparse's heading of the usage line; keep the space at the end.
    N_("usage: ")
    N_("positional arguments")
    # Translators: argparse's heading of the --options in --help.
    N_("options")
    N_("show this help message and exit")
    N_("argument %(argument_name)s: %(message)s")
    N_("unrecognized arguments: %s")
    N_("not allowed with argument %s")
    N_("ignored explicit argument %r")
    N_("the following arguments are required: %s")
    N_("one of the arguments %s is required")
    N_("expected one argument")
    N_("expected at most one argument")
    N_("expected at least one argument")
    i18n.ngettext("expected %s argument", "expected %s arguments", 2)
    N_("ambiguous option: %(option)s could match %(matches)s")
    N_("unexpected option string: %s")
    # Translators: %(type)s is the name of the expected kind of value, e.g. "int".
    N_("invalid %(type)s value: %(value)r")
    N_("invalid choice: %(value)r (choose from %(choices)s)")
    N_("can't open '%(filename)s': %(error)s")
    N_("%(prog)s: error: %(message)s\n")
