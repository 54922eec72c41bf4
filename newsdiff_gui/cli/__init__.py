"""`newsdiff`: the headless command line over the core (contract in DESIGN.md).

Exit codes: 0 success, 1 a handled error (one line on stderr), 2 bad usage.
Each subcommand lives in its own module exposing `register(subparsers)`; the
module sets `func` on its parser to a handler `(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from newsdiff_gui import __version__
from newsdiff_gui.cli.errors import CliError

# Modules that contribute subcommands, in the order `--help` lists them.
_COMMAND_MODULES = (
    "newsdiff_gui.cli.tracking",
    "newsdiff_gui.cli.checks_command",
    "newsdiff_gui.cli.extract_command",
    "newsdiff_gui.cli.diff_command",
    "newsdiff_gui.cli.export_command",
    "newsdiff_gui.cli.store_command",
    "newsdiff_gui.cli.log_command",
    "newsdiff_gui.cli.sources_command",
    "newsdiff_gui.cli.watch_command",
    "newsdiff_gui.cli.life_commands",
    "newsdiff_gui.cli.evidence_command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdiff",
        description="Track news articles, store every version, and diff them.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=os.environ.get("NEWSDIFF_DB"),
        help="SQLite file or postgresql://user@host:port/dbname"
        " (default: $NEWSDIFF_DB, else a file in the user data directory)",
    )
    parser.add_argument("--version", action="version", version=f"newsdiff {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in _COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except CliError as exc:
        print(f"newsdiff: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdiff: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `newsdiff list --json | head` closing the pipe early is not an error.
        sys.stderr.close()
        return 0
    return result
