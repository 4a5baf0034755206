"""The translations of planner/ and app/: every catalogue complete, compilable and true to
the source's placeholders; the command line speaks the chosen language; no user-facing
literal slips past the marking."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.cli import main
from planner import i18n
from planner.model import Baseline, Demand, Department, Objective, Phase
from planner.store import PlanStore

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("nb", "da", "sv", "fi", "nl")
_BRACES = re.compile(r"\{[^{}]*\}")
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def _catalogue(lang: str):  # noqa: ANN202
    with open(I18N / lang / "LC_MESSAGES" / "rollout.po", "rb") as f:
        return read_po(f, locale=lang)


def _placeholders(text: str) -> tuple[set[str], list[str]]:
    return set(_BRACES.findall(text)), sorted(_PRINTF.findall(text))


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def source_messages() -> set[str]:
    """Every message marked in planner/ and app/ today (as `make i18n-extract` finds them)."""
    found: set[str] = set()
    for folder in ("planner", "app"):
        for _name, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")]
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_is_complete_and_up_to_date(lang: str, source_messages: set[str]) -> None:
    catalogue = _catalogue(lang)
    assert catalogue.num_plurals == 2 and "n != 1" in catalogue.plural_expr
    ids = set()
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        ids.add(key)
        assert "fuzzy" not in message.flags, (lang, key)
        strings = message.string if isinstance(message.id, tuple) else (message.string,)
        assert len(strings) == (2 if isinstance(message.id, tuple) else 1), (lang, key)
        assert all(s.strip() for s in strings), f"{lang}: untranslated {key!r}"
    missing = source_messages - ids
    assert not missing, f"{lang} lacks (run `make i18n-extract` and translate): {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_keeps_the_sources_placeholders(lang: str) -> None:
    for message in _catalogue(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            pairs = [(message.id[0], message.string[0]), (message.id[1], message.string[1])]
        else:
            pairs = [(message.id, message.string)]
        for source, translated in pairs:
            assert _placeholders(translated) == _placeholders(source), (lang, source, translated)
            fields = [p[1:-1] for p in _BRACES.findall(source)]
            # 1 suits every number spec used (:g, :,); a strftime spec (:%b) wants a date.
            values = {
                re.split(r"[!:]", f)[0]: dt.date(2026, 12, 1) if ":%" in f else 1
                for f in fields
            }
            translated.format(**values)


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_compiles_with_its_plural_forms(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _catalogue(lang))
    buffer.seek(0)
    translation = gettext.GNUTranslations(buffer)
    one, many = (translation.ngettext("{n} wish", "{n} wishes", n).format(n=n) for n in (1, 3))
    assert one != many
    expected = {"nb": "3 ønsker", "da": "3 ønsker", "sv": "3 önskemål", "fi": "3 toivetta",
                "nl": "3 wensen"}
    assert many == expected[lang]


def _sample(tmp_path: Path) -> Path:
    from planner.sample import sample_plan_path

    target = tmp_path / "sample.rollout"
    target.write_bytes(sample_plan_path().read_bytes())
    return target


def test_the_system_language_makes_check_norwegian(tmp_path: Path) -> None:
    plan = _sample(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "nb_NO.UTF-8"
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())",
         "check", str(plan)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert run.returncode == 1, run.stderr
    out = run.stdout
    assert "PROBLEMER" in out and "ADVARSLER" in out and "Hvorfor: " in out
    assert "Spis på fransk, ikke julebord" in out
    assert "Why: " not in out and "WARNINGS" not in out
    # Locale-aware numbers and dates: decimal commas, Norwegian month names.
    assert re.search(r"\d,\d dagsverk", out) and re.search(r"\d{1,2}\. [a-z]{3}\. 20\d\d", out)


def test_lang_overrides_the_system_and_comes_back(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    plan = _sample(tmp_path)
    assert main(["info", str(plan), "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert "Vaiheet (" in out and "Osastot: " in out and "htp" in out
    assert main(["--lang=fi", "check", str(plan)]) == 1
    out = capsys.readouterr().out
    assert "ONGELMAT" in out and "Miksi: Syö ranskalaisittain" in out
    assert i18n.language() == "en"  # the caller's language again
    assert main(["check", str(plan), "--lang", "xx"]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err


def test_english_stays_english(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    plan = _sample(tmp_path)
    main(["check", str(plan)])
    out = capsys.readouterr().out
    assert "\nPROBLEMS\n" in out and "Why: Eat French" in out
    assert re.search(r"\d\.\d person-days", out) and re.search(r"20\d\d-\d\d-\d\d", out)


def _data_strings(path: Path) -> list[str]:
    store = PlanStore.open(path, read_only=True)
    try:
        plan = store.plan
        texts = [plan.title, plan.sponsor_name or "", plan.sponsor_role or "", plan.lead_name or ""]
        texts += [p.title for p in store.rows(Phase)]
        texts += [d.name for d in store.rows(Department)]
        texts += [d.head or "" for d in store.rows(Department)]
        texts += [d.title for d in store.rows(Demand)]
        texts += [o.title for o in store.rows(Objective)]
        texts += [b.name for b in store.rows(Baseline)]
    finally:
        store.close()
    return sorted({" ".join(t.split()) for t in texts if t.strip()}, key=len, reverse=True)


def test_the_pseudo_language_leaves_no_plain_english_in_check(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    plan = _sample(tmp_path)
    main(["check", str(plan), "--lang", "pseudo"])
    out = capsys.readouterr().out
    text = " ".join(out.split())
    for data in _data_strings(plan):
        text = text.replace(data, " ")
    text = re.sub(r"\[[a-z]+(?:-[a-z]+)+\]", " ", text)  # the warning codes
    english = re.findall(r"(?<![\w~])[A-Za-z]{3,}(?![\w])", text)
    assert not english, f"not marked for translation: {sorted(set(english))}"
    assert "ŵåŕñîñĝ" in out.lower() or "ÞŔÖƁĻÉÑŠ" in out


# --- every user-facing literal is marked -------------------------------------------------

_MARKERS = {"_", "N_", "ngettext", "pgettext"}
# Constructors whose first argument is a message for the user: every exception class of
# planner/ and app/ (found below, however it is named) and the standard library's.
_ERROR = re.compile(r"(Error|Exception|Exit)$")
_LOGGERS = {"log", "_log", "logger", "_logger", "logging"}
# A literal that is no user text says so, and why, on its line or the line above:
# `# not translated: <why>`
# (a developer's assertion, a name a program reads). A bare marker without a reason fails.
_EXEMPT = re.compile(r"#\s*not translated:\s*\S+(?:\s+\S+){2,}")


def _is_text(node: ast.AST) -> bool:
    """A literal (or f-string) with words in it: user text, unless marked."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # The program's name before a message ("rollout-planner: {exc}") is no text.
        return bool(re.search(r"[A-Za-z]{2,}", node.value.replace("rollout-planner", "")))
    if isinstance(node, ast.JoinedStr):
        return any(_is_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _exception_classes(trees: list[ast.AST]) -> set[str]:
    """Every class of ours that derives, through any chain, from an exception."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = {name for name in bases if _ERROR.search(name)}
    while True:
        more = {
            name for name, parents in bases.items()
            if name not in found and any(p in found or _ERROR.search(p) for p in parents)
        }
        if not more:
            return found
        found |= more


def _exempt(lines: list[str], node: ast.AST) -> bool:
    span = lines[max(node.lineno - 2, 0): (node.end_lineno or node.lineno)]
    return any(_EXEMPT.search(line) for line in span)


def unmarked(path: Path, exceptions: set[str] | None = None) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    if exceptions is None:
        exceptions = _exception_classes([tree, *_trees()])
    app = path.relative_to(ROOT).as_posix().startswith("app/")
    # super().__init__("message") inside an exception class is its message too.
    inside_exceptions = {
        id(call)
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef) and cls.name in exceptions
        for call in ast.walk(cls)
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        # `self.label = "Move phase"`: a command's name in the Edit menu's undo step.
        is_label = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == "label" for t in node.targets
        )
        if is_label and _is_text(node.value) and not _exempt(lines, node.value):
            found.append((node.value.lineno, ast.unparse(node.value)[:60]))
        if not isinstance(node, ast.Call) or _name(node.func) in _MARKERS:
            continue
        name = _name(node.func)
        receiver = getattr(node.func, "value", None)
        suspects: list[ast.AST] = []
        if (name in exceptions or _ERROR.search(name)) and node.args:
            suspects.append(node.args[0])
        if name == "__init__" and id(node) in inside_exceptions and node.args:
            suspects.append(node.args[0])
        if name == "Warning" and len(node.args) >= 5:
            suspects += node.args[3:5]
        if name == "Fix" and node.args:
            suspects.append(node.args[0])
        if app and name == "print":
            suspects += node.args
        if app and name in ("write", "error", "exit") and not (
            isinstance(receiver, ast.Name) and receiver.id in _LOGGERS
        ):
            suspects += node.args[:1]  # sys.stderr.write, parser.error, parser.exit
        suspects += [k.value for k in node.keywords if k.arg in ("help", "description", "epilog")]
        found += [
            (s.lineno, ast.unparse(s)[:60])
            for s in suspects
            if _is_text(s) and not _exempt(lines, s)
        ]
    return found


def _sources() -> list[Path]:
    files = sorted((ROOT / "planner").rglob("*.py")) + sorted((ROOT / "app").rglob("*.py"))
    return [f for f in files if "migrations" not in f.parts]


def _trees() -> list[ast.AST]:
    return [ast.parse(f.read_text(encoding="utf-8")) for f in _sources()]


def test_no_user_facing_literal_is_left_unmarked() -> None:
    exceptions = _exception_classes(_trees())
    assert {"PlanError", "ExchangeError", "ImportCancelled", "BadServerAddress"} <= exceptions
    new: list[str] = []
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        new += [f"{rel}:{line}: {text}" for line, text in unmarked(path, exceptions)]
    assert not new, "mark these for translation (see notes/I18N.md):\n" + "\n".join(new)


def test_the_scan_finds_an_unmarked_message(tmp_path: Path) -> None:
    sample = ROOT / "app" / "cli_zz_scan_probe.py"
    sample.write_text(
        'from planner.errors import PlanError\nfrom planner.i18n import _\n'
        'def f(x):\n    print(f"Wrote {x} files")\n    print(_("Wrote {n}").format(n=x))\n'
        '    raise PlanError(f"No plan called {x}.")\n'
        'class Gone(PlanError):\n    def __init__(self):\n        super().__init__("It is gone.")\n'
        'def g(x, parser):\n    raise Gone2(f"{x} went")\n'
        '    # not translated: a programming error only a developer sees\n'
        '    raise ValueError(f"bad scope {x}")\n'
        '    raise ValueError(f"bad scope {x}")  # not translated\n'
        '    parser.error("no such plan")\n'
        '    print(f"rollout-planner: {x}")\n'
        'class Gone2(Gone):\n    pass\n'
        'class Move:\n    def __init__(self, t):\n        self.label = f"Move {t}"\n'
        '        self.label = _("Move {t}").format(t=t)\n',
        encoding="utf-8",
    )
    try:
        hits = unmarked(sample)
    finally:
        sample.unlink()
    assert sorted(line for line, _text in hits) == [4, 6, 9, 11, 14, 15, 21]


def test_no_module_that_translates_assigns_to_underscore() -> None:
    """`good, _ = …` in a module that imports gettext's `_` breaks every later `_()` there
    (it happened: `export --since` failed with "'list' object is not callable")."""
    bad: list[str] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "planner.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in tree.body
        )
        if imports_it:
            bad += [
                f"{path.relative_to(ROOT)}:{node.lineno}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
            ]
    assert not bad, f"`_` reassigned where it translates: {bad}"


def _hidden_in_fstrings(source: str) -> list[tuple[int, str]]:
    return [
        (call.lineno, ast.unparse(call))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.JoinedStr)
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and _name(call.func) in _MARKERS
        and any(isinstance(a, ast.Constant) for a in call.args)
    ]


def test_no_marked_text_hides_inside_an_fstring_in_planner_or_app() -> None:
    """f"{x or _('open')}": Babel does not look inside f-strings, so the text never reaches
    a catalogue and stays English in every language (it happened, on the pack's cover)."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in _sources()
        for line, text in _hidden_in_fstrings(path.read_text(encoding="utf-8"))
    ]
    assert not found, "Move these out of the f-string:\n" + "\n".join(found)
    probe = "a = f\"{d} – {e or _('open')}\"\nb = f\"{_(name)}\"\nc = _('x') + f'{y}'\n"
    assert _hidden_in_fstrings(probe) == [(1, "_('open')")]
