"""The CRM template in the users' languages: one English TOML, its text extracted into the
catalogues (context "template") and translated when a plan is made in a language; names,
keys and numbers untouched, so the translated plan warns exactly like the English one."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.cli import main
from planner import i18n
from planner.model import ChangeActivity, Demand, Department, Milestone, Objective, Phase
from planner.store import PlanStore
from planner.template import create_from_template
from planner.template_text import CONTEXT, TEXT, TITLE_REFERENCES, VERBATIM, is_text, texts
from planner.warnings import evaluate

ROOT = Path(__file__).resolve().parent.parent
TOML = ROOT / "resources" / "templates" / "crm_nordic.toml"
LANGS = ("nb", "da", "sv", "fi", "nl")
# What Babel and the catalogue tests take for a printf placeholder ("% d" in "1 % duplicates").
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


def _data() -> dict[str, Any]:
    return tomllib.loads(TOML.read_text(encoding="utf-8"))


def _template_catalogue(lang: str) -> dict[str, str]:
    with open(ROOT / "resources" / "i18n" / lang / "LC_MESSAGES" / "rollout.po", "rb") as f:
        catalogue = read_po(f, locale=lang)
    return {m.id: m.string for m in catalogue if m.context == CONTEXT}


def _texts_of(store: PlanStore) -> dict[str, list[str]]:
    """The plan's translatable text, record by record, in a stable order."""
    plan = store.plan
    return {
        "plan": [plan.title, plan.vision, plan.sponsor_role, plan.lead_role],
        "departments": [t for d in store.rows(Department) for t in (d.name, d.support_contact)],
        "objectives": [
            t for o in store.rows(Objective) for t in (o.title, o.measure, o.target)
        ],
        "phases": [t for p in store.rows(Phase) for t in (p.title, p.goal)],
        "demands": [t for d in store.rows(Demand) for t in (d.title, d.notes)],
        "activities": [t for a in store.rows(ChangeActivity) for t in (a.title, a.notes)],
        "milestones": [m.title for m in store.rows(Milestone)],
    }


def _make(tmp_path: Path, lang: str | None) -> PlanStore:
    return create_from_template(tmp_path / f"{lang}.rollout", "crm", lang=lang)


# --- the command line --------------------------------------------------------------------


def test_new_with_lang_nb_writes_the_catalogues_norwegian(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plan.rollout"
    assert main(["new", str(path), "--template", "crm", "--lang", "nb"]) == 0
    assert "Norsk bokmål" in capsys.readouterr().out  # the choice is visible
    english = _make(tmp_path, None)
    norwegian = PlanStore.open(path, read_only=True)
    nb = _template_catalogue("nb")
    try:
        en_texts, nb_texts = _texts_of(english), _texts_of(norwegian)
        compared = 0
        for section, values in en_texts.items():
            for source, shown in zip(values, nb_texts[section], strict=True):
                if is_text(source):
                    assert shown == nb[source], (section, source)
                    compared += 1
                else:
                    assert shown == source  # empty notes, mailboxes
        assert compared == len(list(texts(_data())))  # every text of the template
        assert norwegian.plan.title == "CRM-innføring 2026–27 — Fjordlys Elektro AS"
        names = [d.name for d in norwegian.rows(Department)]
        assert names[:3] == ["Salg", "Marked", "Kundeservice"]
        # People's names stay.
        assert norwegian.plan.sponsor_name == english.plan.sponsor_name == "Ragnhild Sæther"
        assert [d.head for d in norwegian.rows(Department)] == [
            d.head for d in english.rows(Department)
        ]
    finally:
        english.close()
        norwegian.close()


def test_the_system_language_chooses_the_templates_language(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "nb_NO.UTF-8", "LC_ALL": "", "LANGUAGE": "", "LC_MESSAGES": ""}
    path = tmp_path / "plan.rollout"
    done = subprocess.run(
        [sys.executable, "-m", "app", "new", str(path), "--template", "crm"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Opprettet" in done.stdout and "Norsk bokmål" in done.stdout
    store = PlanStore.open(path, read_only=True)
    try:
        assert store.rows(Phase)[0].title == "Kundeoversikt for selgere"
    finally:
        store.close()


def test_english_template_is_unchanged(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plan.rollout"
    assert main(["new", str(path), "--template", "crm", "--lang", "en"]) == 0
    assert "English" in capsys.readouterr().out
    data = _data()
    store = PlanStore.open(path, read_only=True)
    try:
        assert store.plan.title == data["plan"]["title"]
        assert [p.title for p in store.rows(Phase)] == [p["title"] for p in data["phases"]]
        assert [d.name for d in store.rows(Department)] == [d["name"] for d in data["departments"]]
        assert [d.title for d in store.rows(Demand)] == [d["title"] for d in data["demands"]]
    finally:
        store.close()


def test_the_sample_plan_stays_english_whatever_the_ui_speaks() -> None:
    from planner.sample import sample_plan_path

    i18n.set_language("fi")
    store = PlanStore.open(sample_plan_path(), read_only=True)
    try:
        assert store.plan.title == _data()["plan"]["title"]
        assert store.rows(Department)[0].name == "Sales"
    finally:
        store.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_translated_plan_warns_exactly_like_the_english(tmp_path: Path, lang: str) -> None:
    english, translated = _make(tmp_path, None), _make(tmp_path, lang)
    try:
        def codes(store: PlanStore) -> list[tuple]:
            return sorted(
                (w.code, w.severity.name, w.subject.kind, w.subject.id, w.subject.week)
                for w in evaluate(store)
            )

        assert codes(translated) == codes(english)
        assert len(codes(english)) >= 10  # the template's deliberate mistakes are all there
        for model in (Phase, Demand, Department):
            en_rows, tr_rows = english.rows(model), translated.rows(model)
            assert len(en_rows) == len(tr_rows)
        assert [(d.effort, d.priority, d.kind, d.phase_id) for d in translated.rows(Demand)] == [
            (d.effort, d.priority, d.kind, d.phase_id) for d in english.rows(Demand)
        ]
        assert translated.rows(Phase)[0].title != english.rows(Phase)[0].title
    finally:
        english.close()
        translated.close()


def test_an_unknown_template_language_is_refused_without_a_file(tmp_path: Path) -> None:
    from planner.errors import PlanError

    path = tmp_path / "x.rollout"
    with pytest.raises(PlanError, match="unknown language 'xx'"):
        create_from_template(path, "crm", lang="xx")
    assert not path.exists()


# --- extraction: every text key is translatable -------------------------------------------


def _unclassified(data: dict[str, Any]) -> list[str]:
    """Keys holding strings that planner/template_text.py calls neither text nor verbatim."""
    found = []

    def walk(node: Any, section: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, section)
            return
        if not isinstance(node, dict):
            return
        known = (
            TEXT.get(section, frozenset())
            | VERBATIM.get(section, frozenset())
            | TITLE_REFERENCES.get(section, frozenset())
        )
        for key, value in node.items():
            strings = isinstance(value, str) or (
                isinstance(value, list) and any(isinstance(v, str) for v in value)
            )
            if strings and key not in known:
                found.append(f"{section}.{key}")
            elif isinstance(value, dict) or (
                isinstance(value, list) and any(isinstance(v, dict) for v in value)
            ):
                walk(value, f"{section}.{key}" if section else key)

    walk(data, "")
    return found


def test_every_string_key_of_the_template_is_text_or_verbatim() -> None:
    assert _unclassified(_data()) == []


def test_a_new_text_key_is_caught() -> None:
    data = _data()
    data["phases"][0]["description"] = "A new kind of text nobody marked"
    data["plan"]["lead"]["title"] = "Dr."
    assert _unclassified(data) == ["plan.lead.title", "phases.description"]


def _method_map() -> list[tuple[str, str]]:
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, _options = parse_mapping_cfg(f)
    return method_map


def test_make_i18n_extract_finds_every_text_of_the_template() -> None:
    expected = {text for *_where, text in texts(_data())}
    found = {
        (context, message)
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / "resources" / "templates", method_map=_method_map()
        )
    }
    assert found == {(CONTEXT, text) for text in expected}
    assert "Sales" in expected and "Ragnhild Sæther" not in expected  # names stay
    assert "servicedesk@fjordlys.example" not in expected


def test_the_extractor_gives_translators_a_line_and_a_note() -> None:
    source = b'[plan]\ntitle = "T"\n\n[[phases]]\nkey = "a"\ntitle = "First"\ngoal = ""\n'
    method = dict(_method_map())["**.toml"]
    messages = list(extract(method, io.BytesIO(source), comment_tags=("Translators:",)))
    assert [(line, message, context) for line, message, _c, context in messages] == [
        (2, "T", CONTEXT), (6, "First", CONTEXT)
    ]
    assert "a phase" in messages[1][2][0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_text_is_translated(lang: str) -> None:
    catalogue = _template_catalogue(lang)
    for *_where, text in texts(_data()):
        assert catalogue.get(text, "").strip(), f"{lang}: untranslated template text {text!r}"


def test_no_template_text_looks_like_a_format_placeholder() -> None:
    """"1 % duplicates" would read to Babel as a printf "% d" that every translation must
    repeat; the template's wording avoids it."""
    offenders = [t for *_w, t in texts(_data()) if _PRINTF.search(t)]
    assert offenders == []
