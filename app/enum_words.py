"""A priority or kind as the command line writes it: the code a script and `--value` use
("must", "data_field") in English, the language's own word elsewhere ("må", "datafelt")."""

from __future__ import annotations

from planner.i18n import pgettext


def priority_word(code: str) -> str:
    # Translators: a wish's priority code in command-line output; keep it short, lower case.
    words = {
        "must": pgettext("priority code", "must"),
        "should": pgettext("priority code", "should"),
        "could": pgettext("priority code", "could"),
        "wont": pgettext("priority code", "wont"),
    }
    return words.get(code, code)


def kind_word(code: str) -> str:
    # Translators: a wish's kind code in command-line output; keep it short, lower case.
    words = {
        "feature": pgettext("kind code", "feature"),
        "report": pgettext("kind code", "report"),
        "data_field": pgettext("kind code", "data_field"),
        "integration": pgettext("kind code", "integration"),
        "transaction_process": pgettext("kind code", "transaction_process"),
        "other": pgettext("kind code", "other"),
    }
    return words.get(code, code)
