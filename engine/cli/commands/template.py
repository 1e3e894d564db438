"""``python -m engine template PATH --out FILE.xlsx|FILE.docx`` and ``template --blank``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ... import formats, messages
from ...api import check_file_with_document
from ...export import ExportError, plan, write_blank_template, write_filled
from ...export.plan import CORRECTED, DOUBTFUL, EDITED, Filled
from ...model import ERROR, Report

messages.register(
    {
        "template.help": ("生成更正后的标准表格（.xlsx 或 .docx），或空白模板", "write the corrected standard form (.xlsx or .docx), or a blank one"),
        "template.need_path": ("请给出报告文件，或用 --blank 生成空白模板", "Give a report file, or --blank for an empty form"),
        "template.blank_path": ("--blank 不需要报告文件", "--blank takes no report file"),
        "template.blank_needs": ("--blank 需要 --format 或 --year", "--blank needs --format or --year"),
        "template.written": ("已生成：{out}（已更正 {applied} 处，存疑待核 {doubtful} 处）", "Written: {out} ({applied} cells corrected, {doubtful} to check)"),
        "template.written_blank": ("已生成空白模板：{out}（{format}，{year}年度）", "Blank form written: {out} (format {format}, year {year})"),
        "template.remaining": ("更正后仍有 {n} 项错误需要人工处理", "{n} errors remain after the corrections and need a person"),
        "template.failed": ("未生成：{error}", "Not written: {error}"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help=messages.text("template.help"))
    p.add_argument("path", nargs="?", metavar="PATH")
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.docx")
    p.add_argument("--only-certain", action="store_true", help="apply certain and deduced corrections only")
    p.add_argument("--blank", action="store_true", help="an empty form for --format/--year")
    p.add_argument("--format", choices=list(formats.FORMAT_IDS), help="the national format")
    p.add_argument("--year", type=int, help="report year (with --blank)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.blank:
        if args.path:
            return usage(messages.text("template.blank_path"))
        if not args.format and not args.year:
            return usage(messages.text("template.blank_needs"))
        fmt = args.format or formats.format_for_year(args.year)
        try:
            out = write_blank_template(fmt, args.year, args.out, force=args.force)
        except ExportError as e:
            return failed(args, None, e)
        emit(args, {"file": None, "out": str(out), "format": fmt, "year": args.year, "error": None},
             messages.text("template.written_blank", out=out, format=fmt, year=args.year or "____"))
        return 0
    if not args.path:
        return usage(messages.text("template.need_path"))
    report, doc = check_file_with_document(args.path, args.format)
    if report.error:
        return failed(args, report, ExportError("export.unreadable", error=report.error))
    filled = plan(report, only_certain=args.only_certain, document=doc) if report.format else None
    try:
        if filled is None:
            raise ExportError("export.no_format")
        out = write_filled(filled, args.out, force=args.force, protect=report.file)
    except ExportError as e:
        return failed(args, report, e)
    return done(args, report, filled, out)


def outcome(report: Report, filled: Filled, out: Path) -> tuple[dict, int]:
    """The JSON object of a written output and its exit status (1 when errors remain in the written
    content, re-checked with the prose)."""
    after = filled.report or report
    remaining = [f for f in after.findings if f.severity == ERROR]
    obj = {
        "file": report.file, "out": str(out), "format": report.format, "year": report.year, "agency": report.agency,
        "error": None,
        "applied": [{"cell": a, "from": _n(m.old), "to": _n(m.new), "confidence": m.confidence, "note": m.note}
                    for a, m in filled.marks.items() if m.kind in (CORRECTED, EDITED)],
        "doubtful": [{"cell": a, "value": _n(m.old), "note": m.note} for a, m in filled.marks.items() if m.kind == DOUBTFUL],
        "remaining": [f.to_json() for f in remaining],
    }
    return obj, 1 if remaining else 0


def done(args: argparse.Namespace, report: Report, filled: Filled, out: Path) -> int:
    obj, status = outcome(report, filled, out)
    text = messages.text("template.written", out=out, applied=len(obj["applied"]), doubtful=len(obj["doubtful"]))
    if obj["remaining"]:
        text += "\n" + messages.text("template.remaining", n=len(obj["remaining"]))
        text += "".join(f"\n  {f['message']}" for f in obj["remaining"])
    emit(args, obj, text)
    return status


def failed(args: argparse.Namespace, report: Report | None, e: ExportError) -> int:
    emit(args, {"file": report.file if report else args.path, "out": None, "error": str(e), "error_code": e.code},
         messages.text("template.failed", error=e), err=True)
    return 2


def usage(message: str) -> int:
    print(f"python -m engine template: {message}", file=sys.stderr)
    return 2


def emit(args: argparse.Namespace, obj: dict, text: str, err: bool = False) -> None:
    if args.json:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        print(text, file=sys.stderr if err else sys.stdout)


def _n(v):
    if v is None:
        return None
    return v if isinstance(v, int) else float(v)
