"""The command line: ``python -m engine COMMAND …``, with the batch runner (``batch``) and the
expansion of the paths a user gives (``paths``). The top of the engine: may use everything in it.

Each command lives in ``engine/cli/commands/<name>.py`` and provides ``add_parser(subparsers)``
(which sets ``func`` on its parser) and returns the exit status from ``func(args)``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import messages

COMMANDS = ["check", "template", "fix"]
"""Command modules under ``engine.cli.commands``, in the order ``--help`` lists them."""

messages.register(
    {
        "cli.description": ("年报校对：检查政府信息公开工作年度报告的统计表格", "NianbaoCheck: check the tables of annual reports on government information disclosure"),
        "cli.internal": ("内部错误（{kind}）：{detail}。请把这个文件和这条信息发给开发者。", "Internal error ({kind}): {detail}. Please send this file and this message to the developers."),
    }
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage mistakes exit 2 with a message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a command, only that command's module is imported (a
    check does not pay for the exports' imports), else all of them (``--help``, a mistake)."""
    parser = _Parser(prog="python -m engine", description=messages.text("cli.description"))
    parser.add_argument("--lang", choices=["zh", "en"], help="message language / 提示语言")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    named = _command(argv or [])
    for name in [named] if named in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as e:
            if e.name == f"{__package__}.commands.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command word of ``argv`` (the first argument that is not an option or its value)."""
    it = iter(argv)
    for a in it:
        if a == "--lang":
            next(it, None)
        elif not a.startswith("-"):
            return a
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.lang:
        messages.set_language(args.lang)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
