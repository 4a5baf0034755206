"""The pseudo-language: English with every letter accented and ~40 % more length, in
brackets, so a test or a screenshot shows at once which text was not marked for translation
(it stays plain) and where longer Finnish or Dutch text would be clipped (the brackets' end
is cut off)."""

from __future__ import annotations

import re

_ACCENTED = str.maketrans(
    "abcdeghijklnoprstuwyzABCDEGHIJKLNOPRSTUWYZ",
    "åƀçđéĝĥîĵķļñöþŕšţûŵýžÅƁÇĐÉĜĤÎĴĶĻÑÖÞŔŠŢÛŴÝŽ",
)
# Left as they are, or a program would break: str.format and printf placeholders, HTML tags,
# entities, Qt's '&' mnemonics and line breaks.
_KEEP = re.compile(r"(\{[^{}]*\}|%\(?\w*\)?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|<[^<>]+>|&\w+;|&.|\n)")
GROWTH = 0.4


def pseudo_translate(message: str) -> str:
    if not message:
        return message
    parts = _KEEP.split(message)
    out = "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))
    letters = sum(len(part) for i, part in enumerate(parts) if not i % 2)
    padding = "~" * max(1, round(letters * GROWTH) - 2)
    return f"[{out} {padding}]"
