"""Run the whole GUI test suite (`pytest -m gui`) many times in a row and count the crashes:
runs that ended by a signal (a segfault, an abort) rather than with pytest's exit code.
Intermittent crashes (the garbage-collection crash of issue 10) show up only this way.

    .venv/bin/python benchmarks/soak_gui.py              # 20 rounds
    nice .venv/bin/python benchmarks/soak_gui.py -n 5 --log-dir /tmp/soak

Not run by CI (it takes about as many minutes as rounds times two). Each crashed round's
output (with faulthandler's trace) is kept in the log folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_round(n: int, log_dir: Path, extra: list[str]) -> tuple[int, float]:
    started = time.perf_counter()
    log = log_dir / f"round-{n:03d}.txt"
    with tempfile.TemporaryDirectory(prefix="soak-") as home, log.open("w") as out:
        # A home and a pytest temp folder of its own: Qt's test-mode settings live under
        # $HOME/.qttest and the tests clear them, so a soak next to another test run (ours or
        # a colleague's on the same account) would make both flaky.
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=home)
        code = subprocess.call(
            [sys.executable, "-X", "faulthandler", "-m", "pytest", "-m", "gui", "-q",
             "-p", "no:cacheprovider", "--basetemp", str(Path(home) / "pytest"), *extra],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    if code == 0:
        log.unlink()  # keep only the rounds worth reading
    return code, time.perf_counter() - started


def describe(code: int) -> str:
    if code < 0:
        try:
            return f"crashed ({signal.Signals(-code).name})"
        except ValueError:
            return f"crashed (signal {-code})"
    return "passed" if code == 0 else f"tests failed (exit {code})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=20)
    parser.add_argument("--log-dir", type=Path, default=ROOT / "benchmarks" / "out" / "soak")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest")
    args = parser.parse_args(argv)
    args.log_dir.mkdir(parents=True, exist_ok=True)
    crashes = failures = 0
    for n in range(1, args.rounds + 1):
        code, seconds = run_round(n, args.log_dir, args.pytest_args)
        crashes += code < 0
        failures += code > 0
        print(f"round {n}/{args.rounds}: {describe(code)} in {seconds:.0f} s", flush=True)
    print(
        f"{crashes} crashes and {failures} failed runs in {args.rounds} rounds of the GUI "
        f"suite (logs of those in {args.log_dir})",
        flush=True,
    )
    return 1 if crashes or failures else 0


if __name__ == "__main__":
    sys.exit(main())
