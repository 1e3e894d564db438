"""``python -m engine fix PATH [--out FILE]``: a corrected copy of a .docx/.xlsx draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from ... import formats, messages
from ...api import check_file_with_document
from ...export import ExportError, can_fix_copy, ensure_unchanged, fixed_copy_name, plan, save_atomic
from ...export import fix as fixing
from .template import done, failed

messages.register(
    {
        "fix.help": ("生成草稿的更正稿（.docx/.xlsx）：在原单元格写入更正值并标出", "write a corrected copy of a .docx/.xlsx draft, corrections highlighted in their cells"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help=messages.text("fix.help"))
    p.add_argument("path", metavar="PATH")
    p.add_argument("--out", metavar="FILE", help="default: NAME_已更正.docx beside the input")
    p.add_argument("--only-certain", action="store_true", help="apply certain and deduced corrections only")
    p.add_argument("--format", choices=list(formats.FORMAT_IDS), help="force the national format")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src = Path(args.path)
    ext = src.suffix.lower()
    try:
        if not can_fix_copy(src):
            raise ExportError("export.fix_kind", ext=src.suffix or src.name)
        report, doc = check_file_with_document(src, args.format)
        if report.error:
            raise ExportError("export.unreadable", error=report.error)
        if report.format is None:
            raise ExportError("export.no_format")
        out = Path(args.out) if args.out else fixed_copy_name(src)
        if out.suffix.lower() != ext:
            raise ExportError("export.fix_kind_mismatch", ext=ext)
        filled = plan(report, only_certain=args.only_certain, document=doc)
        data = src.read_bytes()
        ensure_unchanged(data, report)
        save_atomic(out, lambda tmp: tmp.write_bytes(fixing.fixed(data, ext, report, filled)), force=args.force, protect=src)
    except ExportError as e:
        return failed(args, None, e)
    except OSError as e:
        return failed(args, None, ExportError("export.unreadable", error=e.strerror or type(e).__name__))
    return done(args, report, filled, out)
