"""``python -m engine check [--json] [--format 2019|2021] PATH...``"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ... import formats, messages
from ...api import read_last_year
from ...model import ERROR, Report
from ...places import place
from ..batch import MIN_FILES, Progress, default_jobs, run_rendered, start_pool
from ..paths import expand

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ...checking.years import LastYear

messages.register(
    {
        "check.help": ("检查报告文件（或文件夹中的全部报告）", "check report files (or every report in folders)"),
        "check.no_files": ("没有找到可检查的文件（支持 .txt、.md、.docx、.xlsx、.pdf、.html、.mhtml）", "No files to check (.txt, .md, .docx, .xlsx, .pdf, .html, .mhtml are supported)"),
        "check.unreadable": ("无法读取：{error}", "Cannot read: {error}"),
        "check.head": ("格式：{format}　年度：{year}　单位：{agency}", "Format: {format}  Year: {year}  Body: {agency}"),
        "check.where": ("（{place}）", " ({place})"),
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
    jobs = args.jobs or default_jobs()
    pools: list[ProcessPoolExecutor] = []

    def counted(n: int) -> None:
        # enough files for a pool: its workers start (and import) while the listing goes on
        if jobs > 1 and n >= MIN_FILES and not pools:
            pools.append(start_pool(jobs))

    try:
        return _run(args, jobs, counted, pools)
    finally:
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)


def json_line(report: Report) -> str:
    """The report as one JSON Lines record (``--json``)."""
    return json.dumps(report.to_json(), ensure_ascii=False)


def _run(args: argparse.Namespace, jobs: int, counted: Callable[[int], None], pools: list[ProcessPoolExecutor]) -> int:
    files = expand(args.paths, counted)
    if not files:
        print(messages.text("check.no_files"), file=sys.stderr)
        return 2
    if args.summary:
        from ...export.summary import check_destination

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
    status = 0
    kept: list[Report] = []

    def emit(report: Report, text: str) -> None:
        nonlocal status
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        if report.error:
            status = 2
        elif status == 0 and report.count(ERROR):
            status = 1
        if args.summary:
            kept.append(report)  # without its cells: the workbook needs findings only, memory stays flat

    run_rendered(files, json_line if args.json else summary, emit, format_id=args.format, jobs=jobs, previous=previous,
                 progress=Progress(len(files), args.progress), pool=pools[0] if pools else None)
    if args.summary:
        from ...export.summary import write_summary

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
        where = t("check.where", place=place(f.source)) if f.source else ""
        lines.append(f"  [{t('severity.' + f.severity)}] {f.message}{where}")
    spec = formats.load(report.format) if report.format else None
    from ...checking.rules import cell_name

    for c in report.corrections:
        name = cell_name(spec, c.cell) if spec else c.cell
        lines.append(
            t("check.correction", cell=name, from_=t("check.blank") if c.from_ is None else c.from_text, to=c.to,
              confidence=t(f"confidence.{c.confidence}"), reason=c.reason)
        )
    if not report.findings:
        lines.append(t("check.all_ok"))
    return "\n".join(lines)
