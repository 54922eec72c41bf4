"""Every hostile input of the hardening work, timed, with its peak memory.

    .venv/bin/python benchmarks/robustness.py [--only SUBSTRING] [--list]

The cases live beside this file, one module per area, each exposing
`cases() -> list[tuple[str, Callable[[], None]]]`:

* `robustness_fetch`: redirects to unfetchable addresses, link-local hosts, a story
  that stays dead for a thousand checks, an extractor that crashes mid-batch;
* `robustness_parsing`: deep markup, mis-declared and undeclared character sets;
* `robustness_text`: bidirectional controls and invisible characters through the
  aligner and every text renderer;
* `robustness_size`: a 5 MB unbroken paragraph and a 100,000-paragraph diff, in the
  window and as a PDF;
* `robustness_files`: PDFs and images given as pages, foreign and damaged databases,
  a full disk.

Each case runs in a fresh child process, so its peak RSS (`ru_maxrss` of that child)
is its own and one case's memory cannot hide another's. A case that raises is
reported as FAILED with its last line and makes the exit status 1; so does a case
over its target, where the hardening issue sets one.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = (
    "robustness_fetch",
    "robustness_parsing",
    "robustness_text",
    "robustness_size",
    "robustness_files",
)
# The targets, by a substring of the case name: (seconds, megabytes).
TARGETS: dict[str, tuple[float | None, float | None]] = {
    "huge_paragraph_pdf": (10.0, None),  # a 5 MB unbroken paragraph exported as a PDF
    "huge_paragraph_window": (1.0, None),  # ... painted in the window after selection
    "many_paragraphs_pdf": (None, 600.0),  # 100,000 paragraphs exported as a PDF
}


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    seconds: float
    peak_mb: float
    error: str | None


def load_cases() -> list[tuple[str, str, Callable[[], None]]]:
    sys.path.insert(0, str(HERE))
    found = []
    for module_name in MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            print(f"(no {module_name}.py: its cases are not run)", file=sys.stderr)
            continue
        found.extend((module_name, name, case) for name, case in module.cases())
    return found


def run_one(module_name: str, case_name: str) -> None:
    """In the child: run the case, then print seconds and peak MB on the last line."""
    sys.path.insert(0, str(HERE))
    module = importlib.import_module(module_name)
    case = dict(module.cases())[case_name]
    started = time.perf_counter()
    case()
    seconds = time.perf_counter() - started
    print(f"RESULT {seconds:.6f} {peak_megabytes():.1f}")


def peak_megabytes() -> float:
    """This process's peak resident memory.

    Linux keeps `ru_maxrss` across exec, so a child started by a parent that had
    grown to 100 MB would report at least 100 MB; the memory map's own high-water
    mark (VmHWM) starts afresh at exec.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def measure(module_name: str, case_name: str) -> Outcome:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, __file__, "--child", module_name, case_name]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("RESULT "):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Outcome(case_name, 0.0, 0.0, f"exit {done.returncode}: {last}")
    _, seconds, peak = lines[-1].split()
    return Outcome(case_name, float(seconds), float(peak), None)


def over_target(outcome: Outcome) -> str | None:
    for key, (seconds, megabytes) in TARGETS.items():
        if key not in outcome.name:
            continue
        if seconds is not None and outcome.seconds > seconds:
            return f"over {seconds:g} s"
        if megabytes is not None and outcome.peak_mb > megabytes:
            return f"over {megabytes:g} MB"
    return None


def run_module(module_name: str, argv: list[str]) -> int:
    """Each case of one module (or the one named in `argv`), in its own process:
    what `python benchmarks/robustness_size.py [CASE]` and its siblings run."""
    sys.path.insert(0, str(HERE))
    names = [name for name, _ in importlib.import_module(module_name).cases()]
    if argv:
        names = [name for name in names if name == " ".join(argv)]
        if not names:
            print(f"no case named {' '.join(argv)!r} in {module_name}", file=sys.stderr)
            return 2
    return report([(module_name, name) for name in names])


def report(chosen: list[tuple[str, str]]) -> int:
    """Measure each case, print a line for it, and say how many failed."""
    failures = 0
    print(f"{'case':<64} {'time':>9} {'peak RSS':>10}")
    for module_name, name in chosen:
        outcome = measure(module_name, name)
        problem = outcome.error or over_target(outcome)
        failures += problem is not None
        shown = f"{outcome.seconds:8.2f}s {outcome.peak_mb:8.0f}MB"
        print(f"{name[:64]:<64} {shown}{'  FAILED: ' + problem if problem else ''}")
    print(f"{len(chosen)} cases, {failures} failed or over target")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run the cases whose name contains this text")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(*args.child)
        return 0
    cases = load_cases()
    if args.only:
        cases = [case for case in cases if args.only.lower() in case[1].lower()]
    if args.list:
        for module_name, name, _ in cases:
            print(f"{module_name}: {name}")
        return 0
    return report([(module_name, name) for module_name, name, _ in cases])


if __name__ == "__main__":
    sys.exit(main())
