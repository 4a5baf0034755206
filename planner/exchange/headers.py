"""The words spreadsheets use for a wish's fields and values, in English, Norwegian (bokmål),
Danish, Swedish, Finnish and Dutch. Compared after `normalise` (case, accents kept, spaces
and punctuation folded), so 'Effort (days)', 'effort_days' and 'EFFORT' all match 'effort'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planner.enums import DemandKind, Priority
from planner.i18n import N_

# The fields a column can feed, in the order the mapping dialog lists them.
# The fields a column can be imported as, by the name the user reads (shown through _()).
FIELDS: dict[str, str] = {
    "title": N_("Title"),
    "department": N_("Department"),
    "phase": N_("Phase"),
    "effort": N_("Effort (person-days)"),
    "priority": N_("Priority"),
    "kind": N_("Kind"),
    "objective": N_("Objective"),
    "notes": N_("Notes"),
    "votes": N_("Votes"),
    "key": N_("Key (for Needs)"),
    "needs": N_("Needs (keys or titles)"),
}
IGNORE = ""  # a column mapped to nothing

_HEADERS: dict[str, tuple[str, ...]] = {
    "title": (
        # en
        "title", "wish", "wishes", "name", "summary", "requirement", "demand", "request",
        "scope item", "feature", "description short", "user story", "item",
        # nb / da / sv
        "tittel", "ønske", "ønsker", "navn", "krav", "behov", "titel", "ønske titel",
        "önskemål", "önskan", "önskemal", "namn", "rubrik", "benämning", "sammanfattning",
        "beskrivelse kort", "emne",
        # fi
        "otsikko", "toive", "toiveet", "nimi", "vaatimus", "tarve",
        # nl
        "wens", "wensen", "naam", "eis", "omschrijving kort", "onderwerp",
    ),
    "department": (
        "department", "dept", "team", "business unit", "unit", "requested by", "requester",
        "component", "components", "component s",
        "avdeling", "avd", "afdeling", "afd", "avdelning", "enhet", "enhed",
        "osasto", "yksikkö", "tiimi",
        "team afdeling", "business unit afdeling", "dienst",
    ),
    "phase": (
        "phase", "release", "iteration", "stage", "wave", "sprint", "epic", "epic link",
        "parent", "parent summary", "epic name",
        "fase", "faser", "leveranse", "levering", "etappe", "steg", "leverans",
        "vaihe", "julkaisu",
    ),
    "effort": (
        "effort", "effort days", "effort person days", "person days", "days", "estimate",
        "estimate days", "work", "size", "story points", "story point estimate", "points",
        "original estimate", "md", "man days", "pd",
        "innsats", "anslag", "estimat", "dagsverk", "timeverk", "persondager", "dager",
        "indsats", "skøn", "estimering", "mandedage", "persondage", "dage",
        "insats", "uppskattning", "arbetsdagar", "persondagar", "dagar", "omfattning",
        "työmäärä", "arvio", "henkilötyöpäivät", "htp", "päivät",
        "inspanning", "schatting", "mandagen", "persoonsdagen", "dagen", "omvang",
    ),
    "priority": (
        "priority", "prio", "moscow", "importance", "rank",
        "prioritet", "prioritering", "viktighet", "vigtighed",
        "prioriteetti", "tärkeys",
        "prioriteit", "belang",
    ),
    "kind": (
        "kind", "type", "category", "issue type", "work type",
        "type ønske", "kategori", "art", "slag", "typ",
        "tyyppi", "laji", "luokka",
        "soort", "categorie",
    ),
    "objective": (
        "objective", "goal", "business objective", "business goal", "okr",
        "mål", "målsetning", "forretningsmål", "affärsmål", "målsætning",
        "tavoite", "liiketoimintatavoite",
        "doel", "doelstelling", "bedrijfsdoel",
    ),
    "notes": (
        "notes", "note", "comment", "comments", "description", "details", "remarks",
        "labels", "label", "tags",
        "notater", "notat", "merknad", "kommentar", "kommentarer", "beskrivelse",
        "noter", "bemærkning", "bemærkninger", "anteckningar", "anteckning", "beskrivning",
        "muistiinpanot", "huomautukset", "kommentti", "kuvaus", "lisätiedot",
        "notities", "opmerkingen", "opmerking", "toelichting", "beschrijving",
    ),
    "votes": (
        "votes", "vote", "dots", "likes",
        "stemmer", "stemme", "röster", "röst", "ääniä", "äänet", "stemmen",
    ),
    "key": (
        "key", "id", "no", "nr", "number", "ref", "reference", "issue key",
        "nummer", "numero", "tunnus", "løpenummer", "löpnummer", "kenmerk",
    ),
    "needs": (
        "needs", "depends on", "dependencies", "prerequisite", "prerequisites", "requires",
        "blocked by", "after",
        "avhenger av", "trenger", "forutsetning", "afhænger af", "kræver", "forudsætning",
        "beror på", "kräver", "förutsättning", "förkunskap",
        "riippuu", "edellyttää", "esiehto",
        "hangt af van", "vereist", "afhankelijk van", "voorwaarde",
    ),
}

_PUNCT = re.compile(r"[\s_\-./()\[\]:;,*#?!'\"]+")


def normalise(text: object) -> str:
    return _normalise(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=65536)  # an import compares the same few values row after row
def _normalise(text: str) -> str:
    return _PUNCT.sub(" ", text.casefold()).strip()


HEADER_WORDS: dict[str, str] = {}
for _field, _words in _HEADERS.items():
    for _word in _words:
        HEADER_WORDS.setdefault(normalise(_word), _field)

# Prefixes that mark a header as that field even with a unit or a note after it:
# 'Effort (days)', 'Estimat i dager', 'Prioritet 1-4'.
_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(((w, f) for w, f in HEADER_WORDS.items() if len(w) >= 4), key=lambda p: -len(p[0]))
)


def field_for_header(header: str) -> str | None:
    key = normalise(header)
    if not key:
        return None
    if key in HEADER_WORDS:
        return HEADER_WORDS[key]
    for word, field in _PREFIXES:
        if key.startswith(word + " "):
            return field
    return None


# --- values ----------------------------------------------------------------------------------

_PRIORITY_WORDS: dict[Priority, tuple[str, ...]] = {
    Priority.MUST: (
        "must", "m", "must have", "1", "mandatory", "critical", "essential", "highest", "high",
        "blocker", "p1", "a",
        "skal", "skal ha", "må", "må ha", "må have", "obligatorisk", "kritisk", "høy", "høj",
        "måste", "måste ha", "hög", "högsta",
        "pakollinen", "täytyy", "kriittinen", "korkea", "välttämätön",
        "moet", "moet hebben", "verplicht", "hoog", "hoogste",
    ),
    Priority.SHOULD: (
        "should", "s", "should have", "2", "important", "medium", "major", "normal", "p2", "b",
        "bør", "bør ha", "bør have", "viktig", "vigtig", "middels", "mellem",
        "bör", "bör ha", "borde", "viktigt", "medel",
        "pitäisi", "tärkeä", "keskitaso", "normaali",
        "zou moeten", "zou moeten hebben", "belangrijk", "gemiddeld", "middel",
    ),
    Priority.COULD: (
        "could", "c", "could have", "3", "nice to have", "low", "minor", "p3", "optional",
        "kan", "kan ha", "kan have", "kjekt å ha", "rart at have", "lav", "valgfri",
        "kan ha", "bra att ha", "låg", "valfri",
        "voisi", "kiva olla", "matala", "valinnainen",
        "zou kunnen", "zou kunnen hebben", "leuk om te hebben", "laag", "optioneel",
    ),
    Priority.WONT: (
        "wont", "won't", "won t", "w", "will not", "won't have", "wont have", "4", "lowest",
        "trivial", "not now", "later", "p4",
        "skal ikke", "ikke nå", "ikke nu", "ikke", "senere",
        "ska inte", "inte nu", "inte", "senare",
        "ei", "ei nyt", "myöhemmin",
        "niet", "niet nu", "later", "zal niet",
    ),
}

_KIND_WORDS: dict[DemandKind, tuple[str, ...]] = {
    DemandKind.FEATURE: (
        "feature", "function", "functionality", "story", "user story", "task", "improvement",
        "new feature", "enhancement", "bug", "sub task", "subtask",
        "funksjon", "funksjonalitet", "funktion", "funktionalitet", "forbedring", "förbättring",
        "ominaisuus", "toiminto", "parannus",
        "functie", "functionaliteit", "verbetering",
    ),
    DemandKind.REPORT: (
        "report", "reports", "dashboard", "analytics", "kpi",
        "rapport", "rapporter", "raport", "raportti", "rapportage", "raportointi",
    ),
    DemandKind.DATA_FIELD: (
        "data field", "field", "data", "new field", "attribute",
        "datafelt", "felt", "datafält", "fält", "kenttä", "tietokenttä",
        "dataveld", "veld", "gegevensveld",
    ),
    DemandKind.INTEGRATION: (
        "integration", "interface", "api", "sync", "synchronisation", "synchronization",
        "integrasjon", "grensesnitt", "integrering", "gränssnitt",
        "integraatio", "rajapinta", "integratie", "koppeling", "interfase",
    ),
    DemandKind.TRANSACTION_PROCESS: (
        "transaction", "transaction process", "transactions", "order", "invoice", "invoicing",
        "transaksjon", "transaktion", "transaktio", "transactie", "faktura", "lasku", "factuur",
        "ordre", "order", "tilaus", "bestelling",
    ),
    DemandKind.OTHER: (
        "other", "misc", "miscellaneous", "annet", "andet", "annat", "muu", "overig", "anders",
        "decision", "risk", "delivery risk", "epic",
    ),
}


def _index(words: dict) -> dict[str, object]:
    out: dict[str, object] = {}
    for member, values in words.items():
        out.setdefault(normalise(member.value), member)
        for word in values:
            out.setdefault(normalise(word), member)
    return out


PRIORITY_WORDS: dict[str, Priority] = _index(_PRIORITY_WORDS)  # type: ignore[assignment]
KIND_WORDS: dict[str, DemandKind] = _index(_KIND_WORDS)  # type: ignore[assignment]


# Values that say "nobody said": the field's default applies (Jira's 'Unknown' priority).
NOT_STATED = frozenset({"unknown", "none", "undefined", "not set", "n a", "tbd", "ukjent",
                        "ukendt", "okänd", "tuntematon", "onbekend"})


def priority_for(value: object) -> Priority | None:
    key = normalise(value)
    if key.endswith(" 0") and key[:-2].isdigit():  # '1.0' from a workbook's number
        key = key[:-2]
    return PRIORITY_WORDS.get(key)


def kind_for(value: object) -> DemandKind | None:
    return KIND_WORDS.get(normalise(value))
