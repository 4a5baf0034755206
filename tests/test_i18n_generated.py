"""Generated sentences are translated too: text the planner builds and hands on — a
proposal's titles, goals and explanations, why a wish was left out, undo labels, lines of a
preview — rather than raising or printing it.

Two guards. End to end: the proposer runs under the pseudo-language on the sample plan
(with wishes added that it must leave out, for every kind of reason) and every word it
writes must come out pseudo-translated; English left in it is text nobody marked. And a
scan of the source, which the warnings' scan in test_i18n.py misses: literals and
f-strings with words that are returned, appended to a list or assigned to an attribute.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from app.cli import main
from planner import i18n
from planner.commands import CreateRow, UndoHistory
from planner.i18n.pseudo import pseudo_translate
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Milestone,
    Objective,
    Phase,
    Prerequisite,
)
from planner.store import PlanStore
from planner.template import create_from_template

ROOT = Path(__file__).resolve().parent.parent
# A word of plain ASCII letters: the pseudo-language accents every message's letters, so
# one left plain (data aside) was never translated.
_ENGLISH = re.compile(r"(?<![\w~])[A-Za-z]{3,}(?!\w)")


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


def _data(path: Path) -> list[str]:
    """The plan's own text (titles and names are the user's, never translated), with the
    shortened forms the proposer quotes, longest first so a title goes before its words."""
    store = PlanStore.open(path, read_only=True)
    try:
        texts = [d.title for d in store.rows(Demand)] + [d.name for d in store.rows(Department)]
        texts += [o.title for o in store.rows(Objective)] + [p.title for p in store.rows(Phase)]
        texts += [m.title for m in store.rows(Milestone)]
    finally:
        store.close()
    shortened = [t[: limit - 1].rstrip() + "…" for t in texts for limit in (50, 60, 70)]
    return sorted({t for t in texts + shortened if t.strip()}, key=len, reverse=True)


def _english_words(text: str, data: list[str]) -> list[str]:
    for item in data:
        text = text.replace(item, " ")
    return sorted(set(_ENGLISH.findall(text)))


def _with_wishes_left_out(path: Path) -> None:
    """Wishes the proposer must leave out, one per reason it gives."""
    store = PlanStore.open(path)
    try:
        history = UndoHistory(store)
        sales = next(d.id for d in store.rows(Department) if d.name == "Sales")

        def wish(title: str, **values: object) -> int:
            command = CreateRow(Demand, {"title": title, "department_id": sales, "effort": 2.0,
                                         "priority": "must", **values})  # fmt: skip
            history.push(command)
            return command.row_id

        wish("Invoice run", kind="transaction_process")
        huge = wish("Rebuild everything", effort=999.0)
        needs_huge = wish("Polish everything")
        history.push(CreateRow(Prerequisite, {"demand_id": needs_huge, "needs_id": huge}))
        never = wish("Holographic quotes", priority="wont")
        needs_never = wish("Quote hologram viewer")
        history.push(CreateRow(Prerequisite, {"demand_id": needs_never, "needs_id": never}))
    finally:
        store.close()


def test_a_proposal_under_the_pseudo_language_has_no_plain_english(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_wishes_left_out(sample_file)
    data = _data(sample_file)
    argv = ["propose", str(sample_file), "--include-planned", "--time-limit", "1"]
    assert main([*argv, "--json", "--lang", "pseudo"]) == 0
    proposal = json.loads(capsys.readouterr().out)
    texts = [p[key] for p in proposal["phases"] for key in ("title", "goal", "explanation")]
    reasons = [w["reason"] for w in proposal["left_out"]]
    assert len(proposal["phases"]) >= 3 and len(reasons) >= 4
    for text in texts + reasons:
        assert "~]" in text, text  # translated at all
        assert _english_words(text, data) == [], text
    explained = " ".join(texts)
    # Every kind of sentence was there to be checked.
    for word in ("Before", "Worth", "First", "completes", "vote", "person-days"):
        assert pseudo_translate(word)[1:].split()[0] in explained, word
    assert main([*argv, "--lang", "pseudo"]) == 0
    text = capsys.readouterr().out
    text = re.sub(r"\d{4}-\d\d-\d\d", " ", text)  # ISO dates, as the pseudo-language keeps
    assert _english_words(text, data) == []


def test_info_under_the_pseudo_language_has_no_plain_english(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan's summary: counts, units, statuses and headings are all generated."""
    store = PlanStore.open(sample_file, read_only=True)
    plan = store.plan
    own = [plan.title, plan.vision or "", plan.sponsor_name or "", plan.lead_name or ""]
    store.close()
    assert main(["info", str(sample_file), "--lang", "pseudo"]) == 0
    text = capsys.readouterr().out.replace(str(sample_file), " ")
    text = re.sub(r"\d{4}-\d\d-\d\d", " ", text)
    for item in own:
        text = text.replace(item, " ")
    assert "~]" in text and _english_words(text, _data(sample_file)) == []


def test_english_is_unchanged_by_the_marking(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same sentences in English, word for word as before they were marked."""
    _with_wishes_left_out(sample_file)
    assert main(["propose", str(sample_file), "--include-planned", "--time-limit", "1",
                 "--json"]) == 0  # fmt: skip
    proposal = json.loads(capsys.readouterr().out)
    reasons = {w["title"]: w["reason"] for w in proposal["left_out"]}
    assert reasons["Invoice run"] == (
        "'Invoice run' is a transaction process that belongs in the ERP"
    )
    assert reasons["Rebuild everything"].startswith(
        "the wish 'Rebuild everything' alone needs 999 person-days; Sales can absorb "
    )
    assert reasons["Polish everything"] == (
        "it needs 'Rebuild everything', which cannot be planned"
    )
    assert reasons["Quote hologram viewer"] == "it needs 'Holographic quotes', a won't-have"
    first = proposal["phases"][0]
    assert re.fullmatch(r"[^:]+: .+", first["title"])
    assert re.search(r" gets?: .+\.$", first["goal"])
    assert re.match(
        r"[^:]+: .+ of [\d.]+ person-days it can absorb.* in \d+ weeks? "
        r"\(team [\d.]+ of [\d.]+\)\. Worth it now: ",
        first["explanation"],
    )


def test_no_proposal_gives_its_reasons_translated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.rollout"
    store = create_from_template(path, "blank")
    command = CreateRow(Department, {"name": "IT", "capacity": 10.0})
    command.do(store)
    for title in ("ERP integration", "Data warehouse"):
        CreateRow(Demand, {"title": title, "department_id": command.row_id, "effort": 45.0,
                           "priority": "must"}).do(store)  # fmt: skip
    store.close()
    assert main(["propose", str(path), "--lang", "pseudo"]) == 1
    err = capsys.readouterr().err.split(": ", 1)[1]
    assert "~]" in err and _english_words(err, _data(path)) == []
    assert main(["propose", str(path)]) == 1
    assert capsys.readouterr().err.strip().endswith("(and 1 more reason).")
    assert main(["propose", str(path), "--lang", "fi"]) == 1
    err = capsys.readouterr().err
    assert "Yhtään vaihetta ei voi ehdottaa: " in err and "(ja 1 muu syy)." in err
    assert "10 viikossa" in err or "viikkoa" in err


def test_accepting_and_fixing_overloads_speak_the_language(sample_file: Path) -> None:
    """What accepting a proposal writes into the plan (training and support titles, the
    undo label) and the overload fix's label and lines."""
    from planner.propose.overloads import FixAllOverloads, describe, plan_fix
    from planner.propose.plan_problem import Options
    from planner.propose.proposal import ApplyProposal, propose

    data = _data(sample_file)
    i18n.set_language(i18n.PSEUDO)
    store = PlanStore.open(sample_file)
    try:
        fix = plan_fix(store, time_limit=5)
        lines = describe(store, fix)
        assert lines and fix.moves
        for text in [*lines, FixAllOverloads(fix).label]:
            assert "~]" in text and _english_words(text, data) == [], text
        proposal = propose(store, Options(include_planned=True, time_limit=1))
        command = ApplyProposal(proposal)
        assert UndoHistory(store).push(command)
        new = set(command.phase_ids)
        titles = [a.title for a in store.rows(ChangeActivity) if a.phase_id in new]
        phase_titles = [p.title for p in store.rows(Phase) if p.id in new]
    finally:
        store.close()
    assert titles and phase_titles
    data += phase_titles
    for text in [*titles, command.label]:
        assert "~]" in text and _english_words(text, data) == [], text


# --- the scan: sentences handed on, not raised or printed ---------------------------------

_MARKERS = {"_", "N_", "ngettext", "pgettext"}
# A word next to another word or a placeholder across a space: a sentence or a phrase, not
# an identifier, a code or a format ("weight_{name}", "utf-8", "%Y-%m-%d").
_PHRASE = re.compile(r"[A-Za-z]{2,}[,:;.'()]*\s+\S|\S\s+[A-Za-z]{2,}")
# Markup and style sheets: their words are tags and properties (the text in them is marked
# where it is made).
_TAG = re.compile(r"<[^<>]*>")
_STYLE = re.compile(r"[{;]\s*[a-z-]+\s*:")
# Where generated text goes: handed back, collected, or set on an object.
_COLLECT = {"append", "extend", "insert", "add"}
# Text that is not for users: what the file holds and why.
NOT_USER_TEXT = {
    "planner/propose/core.py": 6,  # violations(): the solver's self-check, never shown
    "planner/exchange/ical_export.py": 1,  # the calendar's PRODID
    "planner/exchange/xlsx_export.py": 1,  # the workbook's creator, the app's name
    "planner/model.py": 1,  # a row's repr, for logs and debugging
    "app/preflight.py": 2,  # the apt-get / dnf command lines it prints to copy
    "planner/benefit.py": 1,  # English grammar only ("Do sellers see ...?"); others ask apart
    "planner/exchange/wish_import.py": 1,  # Jira's own "Labels:" prefix, kept as Jira writes it
    "planner/integrity/check.py": 1,  # the placeholder repair writes into the file's data
}


def _text(node: ast.AST) -> str | None:
    """A literal's words, an f-string's with its fields as '{x}', or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is None and right is None:
            return None
        return (left or "{x}") + (right or "{x}")
    return None


def _is_sentence(node: ast.AST) -> bool:
    if isinstance(node, ast.IfExp):
        return _is_sentence(node.body) or _is_sentence(node.orelse)
    if isinstance(node, ast.Tuple | ast.List):
        return any(_is_sentence(e) for e in node.elts)
    text = _text(node)
    if text is None or _STYLE.search(text):
        return False
    return bool(_PHRASE.search(_TAG.sub(" ", text)))


def generated(path: Path) -> list[tuple[int, str]]:
    """Unmarked sentences `path` returns, collects in a list or sets on an attribute."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        values: list[ast.AST] = []
        returned = isinstance(node, ast.Return) and node.value is not None
        set_on_object = isinstance(node, ast.Assign | ast.AugAssign) and any(
            isinstance(t, ast.Attribute)
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
        if returned or set_on_object:
            values.append(node.value)  # type: ignore[union-attr]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _COLLECT
        ):
            values += node.args
        found += [(v.lineno, ast.unparse(v)[:70]) for v in values if _is_sentence(v)]
    return sorted(found)


def _sources() -> list[Path]:
    files = [f for folder in ("planner", "app", "ui") for f in (ROOT / folder).rglob("*.py")]
    return [f for f in files if "migrations" not in f.parts]


def test_no_generated_sentence_is_left_unmarked() -> None:
    new: list[str] = []
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        hits = generated(path)
        if len(hits) > NOT_USER_TEXT.get(rel, 0):
            new += [f"{rel}:{line}: {text}" for line, text in hits]
    assert not new, "mark these for translation (see notes/I18N.md):\n" + "\n".join(new)


def test_the_proposer_hands_on_no_unmarked_sentence() -> None:
    """The proposer's text is all marked (its solver self-check aside)."""
    for path in sorted((ROOT / "planner" / "propose").glob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        assert len(generated(path)) == NOT_USER_TEXT.get(rel, 0), rel


def test_the_scan_finds_generated_sentences(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from planner.i18n import _\n"
        "def f(phase, parts, n):\n"
        "    parts.append(f'Needs {n} from phase {n}.')\n"  # 3: collected
        "    phase.title = f'{n} only'\n"  # 4: set on an object
        "    phase.goal = _('{n} gets it').format(n=n)\n"
        "    parts.append('weight_' + n)\n"
        "    key = f'{n} is fine here'\n"
        "    if n:\n"
        "        return 'stopped' if n else 'feasible'\n"
        "    return 'a won\\'t-have' if n else 'not plannable'\n",  # 10: handed back
        encoding="utf-8",
    )
    assert [line for line, _text in generated(probe)] == [3, 4, 10]
