"""`rollout-planner`: open the app, or work on a plan file from the command line.

Exit codes: 0 success, 1 the check found problems, 2 any error with the plan file or the
arguments, always as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from planner.errors import PlanError
from planner.i18n import LANGUAGES, N_, _, language, normalise, set_language
from planner.locations import parse_location

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
PROG = "rollout-planner"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 through our own handler."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _gui_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description=_("Plan a big change as small phases. Without a command, opens the app."),
        epilog=_("Commands: {commands}. '{prog} COMMAND --help' tells more.").format(
            commands=", ".join(
                f"{name} ({_(help_)})" for name, (help_, _add, _run) in SUBCOMMANDS.items()
            ),
            prog=PROG,
        ),
    )
    parser.add_argument(
        "file", nargs="?", type=parse_location,
        help=_("plan file (*.rollout) or postgresql://…?plan=NAME to open"),
    )
    parser.add_argument("--sample", action="store_true", help=_("open the bundled sample plan"))
    parser.add_argument(
        "--workshop", action="store_true", help=_("start in full-screen workshop mode")
    )
    _lang_arg(parser)
    return parser


def _lang_arg(parser: argparse.ArgumentParser) -> None:
    """--lang, for --help only: main() takes it off the command line before parsing, so
    every command accepts it anywhere."""
    parser.add_argument(
        "--lang", metavar="CODE",
        help=_("the language of the output: {codes} (default: the system's)").format(
            codes=", ".join(LANGUAGES)
        ),
    )


def _peel_lang(argv: list[str]) -> tuple[list[str], str | None]:
    """argv without '--lang CODE' / '--lang=CODE', and the code (None: not given)."""
    rest: list[str] = []
    code: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--":
            rest.append(item)
            rest.extend(items)
            break
        if item == "--lang":
            code = next(items, None)
            if code is None:
                raise UsageError(_("argument --lang: expected a language code"))
        elif item.startswith("--lang="):
            code = item.split("=", 1)[1]
        else:
            rest.append(item)
    if code is not None and normalise(code) is None:
        raise UsageError(
            _("unknown language '{code}' (choose from {codes})").format(
                code=code, codes=", ".join(LANGUAGES)
            )
        )
    return rest, code


def _new_args(parser: _Parser) -> None:
    parser.add_argument("file", type=Path, help=_("the plan file to create (*.rollout)"))
    parser.add_argument(
        "--template", choices=("crm", "blank"), default="blank", help=_("start from a template")
    )
    parser.add_argument("--force", action="store_true", help=_("replace an existing file"))
    parser.add_argument("--from", dest="source", type=Path, metavar="SOURCE.xml",
                        help=_("make the plan from an MS Project XML (MSPDI) file"))


def _new(args: argparse.Namespace) -> int:
    from planner.template import create_from_template

    path: Path = args.file
    if path.suffix != ".rollout":
        path = path.with_name(path.name + ".rollout")
    if args.source is not None:
        from app.cli_new_from import new_from_mspdi

        return new_from_mspdi(path, args.source, overwrite=args.force)
    # A template's text follows the output language: --lang, else the system's (LANG).
    store = create_from_template(path, args.template, overwrite=args.force, lang=language())
    store.close()
    if args.template == "blank":
        print(_("Created {path}").format(path=path))
    else:
        print(_("Created {path}, the template's text in {language}").format(
            path=path, language=LANGUAGES.get(language(), language())))
    return EXIT_OK


def _info_args(parser: _Parser) -> None:
    parser.add_argument(
        "file", type=parse_location, help=_("the plan file or postgresql:// URL")
    )
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))


def _info(args: argparse.Namespace) -> int:
    from app.cli_info import info

    return info(args.file, as_json=args.json)


# name -> (one-line help, add arguments, run). Each later command registers here; the help is
# marked with N_() and translated when shown.
SUBCOMMANDS: dict[
    str, tuple[str, Callable[[_Parser], None], Callable[[argparse.Namespace], int]]
] = {
    "new": (N_("create a plan"), _new_args, _new),
    "info": (N_("print a plan's phases, efforts and departments"), _info_args, _info),
}


def register(name: str, help_: str, add_args, run) -> None:  # noqa: ANN001
    SUBCOMMANDS[name] = (help_, add_args, run)


def _load_plugins() -> None:
    # Commands that live in their own modules register themselves on import.
    import importlib

    for module in (
        "app.cli_check",
        "app.cli_export",
        "app.cli_repair",
        "app.cli_import",
        "app.cli_baseline",
        "app.cli_diff",
        "app.cli_propose",
        "app.cli_server",
    ):
        importlib.import_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    before = language()
    from app.argparse_language import speak_our_language

    speak_our_language()  # "usage:", "options", argparse's errors: in the chosen language
    try:
        # The language first, so that even an error about the arguments is in it.
        try:
            argv, code = _peel_lang(argv)
        except UsageError as exc:
            set_language(None)
            print(_("{prog}: {error} (see '{prog} --help')").format(prog=PROG, error=exc),
                  file=sys.stderr)
            return EXIT_ERROR
        set_language(code)
        return _main(argv, code)
    finally:
        # Called in-process (tests, scripts), the caller's language comes back.
        set_language(before)


def _main(argv: list[str], lang: str | None = None) -> int:
    _load_plugins()
    try:
        if argv and argv[0] in SUBCOMMANDS:
            help_, add_args, run = SUBCOMMANDS[argv[0]]
            help_ = _(help_)
            parser = _Parser(
                prog=f"{PROG} {argv[0]}", description=help_[:1].upper() + help_[1:] + "."
            )
            add_args(parser)
            _lang_arg(parser)
            args = parser.parse_args(argv[1:])
            return run(args)
        args = _gui_parser().parse_args(argv)
        from app.gui import run_gui

        # --lang opens the window in that language this once (View → Language remembers).
        return run_gui(args.file, sample=args.sample, workshop=args.workshop, lang=lang)
    except UsageError as exc:
        print(_("{prog}: {error} (see '{prog} --help')").format(prog=PROG, error=exc),
              file=sys.stderr)
        return EXIT_ERROR
    except PlanError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"{PROG}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        reason = " ".join(str(exc).split())[:200]
        print(
            _("{prog}: unexpected error ({kind}: {reason})").format(
                prog=PROG, kind=type(exc).__name__, reason=reason
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR
