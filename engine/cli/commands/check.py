"""``python -m engine check [--json] [--format 2019|2021] PATH...``"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ... import formats, messages
from ...api import read_last_year
from ...checking.rules import cell_name
from ...checking.years import LastYear
from ...export.summary import check_destination, write_summary
from ...model import ERROR, Report
from ..batch import Progress, default_jobs, run_batch
from ..paths import expand

messages.register(
    {
        "check.help": ("检查报告文件（或文件夹中的全部报告）", "check report files (or every report in folders)"),
        "check.no_files": ("没有找到可检查的文件（支持 .txt、.md、.docx、.xlsx、.pdf、.html、.mhtml）", "No files to check (.txt, .md, .docx, .xlsx, .pdf, .html, .mhtml are supported)"),
        "check.unreadable": ("无法读取：{error}", "Cannot read: {error}"),
        "check.head": ("格式：{format}　年度：{year}　单位：{agency}", "Format: {format}  Year: {year}  Body: {agency}"),
        "check.cells": ("读取单元格 {ok}/{total} 个（空白 {blank}，缺失 {missing}，无效 {invalid}）", "Cells read {ok}/{total} (blank {blank}, missing {missing}, invalid {invalid})"),
        "check.counts": ("错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项", "{errors} errors, {warnings} warnings, {infos} notes"),
        "check.correction": ("  建议更正 {cell}：{from_} → {to}（{confidence}）{reason}", "  Suggested correction {cell}: {from_} → {to} ({confidence}) {reason}"),
        "check.all_ok": ("  全部规则成立。", "  Every rule holds."),
        "check.previous_unreadable": ("无法读取上一年度的报告：{error}", "Cannot read last year's report: {error}"),
        "check.previous_none": ("文件夹{folder}中没有可读取的上一年度报告", "No readable report of last year in the folder {folder}"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help=messages.text("check.help"))
    p.add_argument("--json", action="store_true", help="JSON Lines output, one object per file")
    p.add_argument("--format", choices=["2019", "2021"], help="force the national format")
    p.add_argument("--previous", metavar="LAST_YEAR_PATH",
                   help="last year's report, to compare across years; a folder: each file is paired with the report of its body")
    p.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N", help="files checked in parallel (default: all cores)")
    p.add_argument("--summary", metavar="OUT.xlsx", help="also write a summary workbook of all files")
    p.add_argument("--force", action="store_true", help="overwrite an existing --summary file")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr (default: when it is a terminal)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError("N >= 1")
    return n


def run(args: argparse.Namespace) -> int:
    files = expand(args.paths)
    if not files:
        print(messages.text("check.no_files"), file=sys.stderr)
        return 2
    if args.summary:
        try:  # before the batch: an unwritable destination is said at once, not after an hour
            check_destination(args.summary, force=args.force)
        except OSError as e:
            print(str(e), file=sys.stderr)
            return 2
    previous: LastYear | list[LastYear] | None = None
    if getattr(args, "previous", None):
        if Path(args.previous).is_dir():  # last year's folder: each file gets the report of its body
            previous = [x for f in expand([args.previous]) if (x := read_last_year(f)).text is not None]
            if not previous:
                print(messages.text("check.previous_none", folder=args.previous), file=sys.stderr)
                return 2
        else:
            previous = read_last_year(args.previous)
            if previous.text is None:  # not even its text could be read
                print(messages.text("check.previous_unreadable", error=previous.report.error), file=sys.stderr)
                return 2
    jobs = args.jobs or default_jobs()
    status = 0
    kept: list[Report] = []

    def emit(report: Report) -> None:
        nonlocal status
        if args.json:
            sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(summary(report) + "\n")
        sys.stdout.flush()
        if report.error:
            status = 2
        elif status == 0 and report.count(ERROR):
            status = 1
        if args.summary:
            report.cells = {}  # the workbook needs findings only: keep memory flat over large batches
            kept.append(report)

    run_batch(files, emit, format_id=args.format, jobs=jobs, previous=previous, progress=Progress(len(files), args.progress))
    if args.summary:
        try:
            write_summary(kept, args.summary, force=args.force)
        except OSError as e:  # the folder went away or filled up during the batch
            print(str(e), file=sys.stderr)
            return 2
    return status


def summary(report: Report) -> str:
    """A readable multi-line summary of one report, in the current language."""
    t = messages.text
    lines = [f"== {report.file}"]
    if report.error:
        lines.append(t("check.unreadable", error=report.error))
        return "\n".join(lines)
    unknown = t("unknown")
    lines.append(t("check.head", format=report.format or unknown, year=report.year or unknown, agency=report.agency or unknown))
    st = [c.status for c in report.cells.values()]
    lines.append(
        t("check.cells", ok=st.count("ok"), total=len(st), blank=st.count("blank"), missing=st.count("missing"), invalid=st.count("invalid"))
    )
    lines.append(t("check.counts", errors=report.count("error"), warnings=report.count("warning"), infos=report.count("info")))
    for f in report.findings:
        where = f"（{f.source}）" if f.source else ""
        lines.append(f"  [{t('severity.' + f.severity)}] {f.message}{where}")
    spec = formats.load(report.format) if report.format else None
    for c in report.corrections:
        name = cell_name(spec, c.cell) if spec else c.cell
        lines.append(
            t("check.correction", cell=name, from_=t("check.blank") if c.from_ is None else c.from_, to=c.to,
              confidence=t(f"confidence.{c.confidence}"), reason=c.reason)
        )
    if not report.findings:
        lines.append(t("check.all_ok"))
    return "\n".join(lines)
