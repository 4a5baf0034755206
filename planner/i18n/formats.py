"""Dates, numbers and weeks as the chosen language writes them, through Babel's CLDR data:
'1. des. 2026' and '2,5' in Norwegian, '1 Dec 2026' and '2.5' in English, 'uke 49' /
'uge 49' / 'v. 49' / 'vk 49' / 'week 49' for an ISO week.

Babel is imported on first use, not at start-up: loading its locale data costs more than
the first paint needs.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from planner.i18n import PSEUDO, SOURCE_LANGUAGE, _, language

if TYPE_CHECKING:
    from babel import Locale

# The locale (CLDR name) of each language, for Babel here and QLocale in the UI; English plans
# are mostly read in Europe, so day-month-year; the pseudo-language reads as British English.
LOCALES = {
    "en": "en_GB",
    "nb": "nb_NO",
    "da": "da_DK",
    "sv": "sv_SE",
    "fi": "fi_FI",
    "nl": "nl_NL",
    PSEUDO: "en_GB",
}


def babel_locale(code: str | None = None) -> Locale:
    # The language is resolved before the cache: cached under None, the first language
    # asked for would stay after a switch (a pack written in another language).
    return _babel_locale(code or language())


@lru_cache(maxsize=8)
def _babel_locale(code: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(code, LOCALES[SOURCE_LANGUAGE]))


def format_date(value: dt.date, style: str = "medium") -> str:
    """'medium': 1 Dec 2026 / 1. des. 2026; 'short': 01/12/2026 / 01.12.2026; 'long'."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=babel_locale())


def format_number(value: float, decimals: int = 1) -> str:
    """At most `decimals` decimals, none when the value is whole: 2.5 -> '2,5', 3.0 -> '3'."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(round(value, decimals), format=pattern, locale=babel_locale())


def format_person_days(value: float) -> str:
    """'2.5 pd' with the language's own abbreviation of person-days."""
    # Translators: the abbreviation of "person-days" after an effort, e.g. "2.5 pd".
    return _("{days} pd").format(days=format_number(value))


def week_label(day: dt.date) -> str:
    """The ISO week of `day`, as a calendar in that language heads it: 'week 49'."""
    # Translators: an ISO week number as calendars in your language write it: "uke 49".
    return _("week {number}").format(number=day.isocalendar().week)


def decimal_sign(text: str) -> str:
    """A number already formatted the English way ('27.5', '  6.0') with the chosen
    language's decimal sign ('27,5'); English and the pseudo-language are left alone, so
    English output never changes. Only for text without thousands separators."""
    code = language()
    if code in (SOURCE_LANGUAGE, PSEUDO) or "." not in text:
        return text
    # Our five languages all write a decimal comma (CLDR); knowing it saves loading Babel's
    # locale data (~35 ms) for output that has numbers but no dates.
    sign = _DECIMAL_SIGN.get(code) or babel_locale().number_symbols["latn"]["decimal"]
    return text.replace(".", sign)


_DECIMAL_SIGN = {"nb": ",", "da": ",", "sv": ",", "fi": ",", "nl": ","}
# CLDR's thousands separators: a no-break space in nb, sv and fi, a full stop in da and nl.
_GROUP_SIGN = {"nb": "\u00a0", "da": ".", "sv": "\u00a0", "fi": "\u00a0", "nl": "."}
_SPACED_PERCENT = {"nb", "da", "sv", "fi"}


def local_number(value: float, spec: str = "g") -> str:
    """`format(value, spec)` with the chosen language's decimal and thousands signs:
    local_number(27.5, '.1f') is '27.5' in English (byte for byte what format() writes) and
    '27,5' in Finnish; local_number(1234.5, ',.1f') is '1\u00a0234,5' there. Cheaper than
    format_number (no locale data to load), for text that is shown often."""
    text = local_signs(format(value, spec))
    return percent_sign(text) if spec.endswith("%") else text


def percent_sign(text: str) -> str:
    """'81%' as the language writes a percentage: '81\u00a0%' in nb, da, sv and fi (CLDR's
    '#,##0\u00a0%'), '81%' in Dutch and English."""
    if language() in _SPACED_PERCENT and text.endswith("%"):
        return text[:-1].rstrip() + "\u00a0%"
    return text


def local_signs(text: str) -> str:
    """A number written the English way ('1,234.5') with the chosen language's signs
    ('1\u00a0234,5' in Finnish, '1.234,5' in Dutch); English is left as it is."""
    code = language()
    if code not in _DECIMAL_SIGN:  # English, the pseudo-language
        return text
    return text.translate(str.maketrans({".": _DECIMAL_SIGN[code], ",": _GROUP_SIGN[code]}))


class Local:
    """A number that formats itself in the chosen language, for messages whose format spec
    is part of the translated text: _("{weeks:.1f} working weeks").format(weeks=Local(w))
    gives '2,5 työviikkoa' in Finnish and the same '2.5 working weeks' as ever in English."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return local_number(self.value, spec)

    def __str__(self) -> str:
        return local_number(self.value, "")


def iso_or_local_date(
    value: dt.date | str | None, missing: str = "?", style: str = "medium"
) -> str:
    """ISO in English (scripts read it), the language's own date elsewhere ('short' keeps
    the width of a table column: 07.09.2026)."""
    if value is None or value == "":
        return missing
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return value.isoformat()
    return format_date(value, style)


# The C locale's names: English text stays the same whatever locale the process runs in
# (Qt sets the system's locale at start-up, and strftime's %b would follow it).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def english_strftime(value: dt.date, fmt: str) -> str:
    """`value.strftime(fmt)` with English month and day names (%b %B %a %A), always."""
    month, weekday = _MONTHS[value.month - 1], _DAYS[value.weekday()]
    fmt = fmt.replace("%B", month).replace("%b", month[:3])
    fmt = fmt.replace("%A", weekday).replace("%a", weekday[:3])
    return value.strftime(fmt)


def local_date(
    value: dt.date, english: str, *, skeleton: str | None = None, pattern: str | None = None
) -> str:
    """A date as the English text has always shown it (`english`, a strftime format), or in
    the chosen language by a CLDR `skeleton` ('yMMMd': the language orders and punctuates
    it: '30. nov. 2026', '30.11.2026') or an exact CLDR `pattern` ('LLLL y': a month that
    stands alone, 'joulukuu 2026' rather than the 'joulukuuta' of a date)."""
    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return english_strftime(value, english)
    return _babel_date(value, language(), skeleton, pattern)


@lru_cache(maxsize=2048)
def _babel_date(value: dt.date, code: str, skeleton: str | None, pattern: str | None) -> str:
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    if skeleton is not None:
        return format_skeleton(skeleton, value, locale=babel_locale(code))
    return babel_format_date(value, format=pattern or "medium", locale=babel_locale(code))


def month_heading(value: dt.date, *, wide: bool = False, year: bool = True) -> str:
    """A month over a calendar's columns: 'Dec 2026' / 'December 2026' / 'Dec';
    'des. 2026' / 'desember 2026' in Norwegian, 'joulu 2026' / 'joulukuu 2026' in Finnish.
    A wide name is CLDR's stand-alone form (Finnish 'joulukuu', not the 'joulukuuta' of a
    date); an abbreviated one keeps the abbreviation's full stop where the language writes
    one ('des.', 'dec.')."""
    english = ("%B" if wide else "%b") + (" %Y" if year else "")
    cldr = ("LLLL" if wide else "MMM") + (" y" if year else "")
    return local_date(value, english, pattern=cldr)


# --- lists ---------------------------------------------------------------------------------


def format_list(items: list[str]) -> str:
    """'Sales, HR and Finance' as the chosen language joins a list ('Sales, HR ja Finance'),
    from CLDR through Babel. English needs no locale data (and stays byte-identical); the
    pseudo-language joins through the catalogue so its 'and' shows as translated."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    code = language()
    if code in (SOURCE_LANGUAGE, PSEUDO):
        # Translators: the last two items of a list: "Sales, HR and Finance"; {items} is the
        # rest of the list, joined by commas.
        return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
    from babel.lists import format_list as babel_format_list

    return babel_format_list(items, locale=babel_locale())


def quoted(title: str) -> str:
    """A title in the language's quotation marks: 'CRM' / «CRM» / ”CRM” / ‘CRM’."""
    # Translators: a title in quotation marks, as your language quotes one: «{title}».
    return _("'{title}'").format(title=title)


def format_share(value: float) -> str:
    """A share with one decimal: '5.3%' in English (as before), '5,3 %' in a language that
    spaces its per cent sign."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:.1%}"
    # Translators: a percentage; keep or drop the space as your language writes "155 %".
    return _("{percent} %").format(percent=decimal_sign(f"{value * 100:.1f}"))
