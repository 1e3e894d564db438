"""The corrected (or blank) standard form as an Excel workbook: one sheet per table, laid out as the
official form, totals as live SUM formulas, data validation and conditional formatting that shows a
broken 勾稽关系 or total in red."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from .. import formats, messages
from . import layout
from .layout import CAPTION, LABEL
from .plan import CORRECTED, DOUBTFUL, EDITED, Filled

messages.register(
    {
        "export.xlsx_sheets": ("二、主动公开|三、依申请公开|四、复议诉讼", "2 Proactive|3 Requests|4 Appeals"),
        "export.legend": (
            "说明：黄色底色为已更正的单元格（批注中为原值和依据），红色底色为存疑、需人工核实的单元格；总计为公式，修改数据后自动重算；"
            "勾稽关系或总计不成立时该格显示为红字。",
            "Yellow cells were corrected (the comment gives the old value and why); red cells are doubtful and need checking; "
            "totals are formulas and recompute; a broken balance or total shows in red.",
        ),
        "export.validation_count": ("请填写非负整数", "Enter a non-negative whole number"),
        "export.validation_signed": ("请填写整数（减少用负数）", "Enter a whole number (negative for a decrease)"),
        "export.validation_money": ("请填写金额（万元，非负数）", "Enter an amount in 10k yuan (not negative)"),
        "export.validation_title": ("数据有误", "Invalid value"),
    }
)

FILL = {CORRECTED: "FFF2A8", EDITED: "FFF2A8", DOUBTFUL: "FFC7CE"}
CAPTION_FILL = "C6D9F1"
FONT = "宋体"


def _excel_width(twips: int) -> float:
    return round(twips / 15 / 7 + 0.7, 1)


LINE_PT = 14.5
"""Height of one line of 10 pt 宋体 with its leading, in points."""


def text_height(text: str, width: float) -> float:
    """Points a cell of ``width`` (Excel width units) needs for ``text`` wrapped in 10 pt 宋体: a
    CJK character takes about two units (measured on LibreOffice and WPS prints), others one."""
    room = max(width - 1.0, 1.0)
    lines = 0
    for part in text.split("\n"):
        units = sum(2.0 if ord(ch) > 0x2E7F else 1.05 for ch in part)
        lines += max(1, math.ceil(units / room))
    return lines * LINE_PT + 6


def build(filled: Filled):
    """The workbook (openpyxl) for ``filled``."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = formats.load(filled.format_id)
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    font = Font(name=FONT, size=10)
    red_font = Font(name=FONT, size=10, color="FF0000", bold=True)
    red_fill = PatternFill("solid", fgColor="FFC7CE")
    author = messages.text("export.author")
    where: dict[str, str] = {}  # address → sheet-local coordinate
    sheets = {}
    names = messages.text("export.xlsx_sheets").split("|")
    for si, tid in enumerate(formats.TABLE_IDS):
        ws = wb.create_sheet(names[si])
        sheets[tid] = ws
        width = sum(c.span for c in layout.grid(spec, tid)[0])
        r = 1
        if si == 0:
            ws.cell(1, 1, layout.title(filled.year, filled.agency)).font = Font(name="黑体", size=14, bold=True)
            ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
            ws.row_dimensions[1].height = 36
            r = 2
        ws.cell(r, 1, spec.tables[tid].title).font = Font(name="黑体", size=12)
        ws.row_dimensions[r].height = 24
        first = r + 1
        rows = layout.grid(spec, tid)
        widths = [_excel_width(w) if tid != "appeals" else 8.5 for w in layout.WIDTHS[tid]]
        needed: dict[int, float] = {}  # sheet row → points its wrapped texts need
        for ri, placed in enumerate(layout.positions(rows)):
            row = first + ri
            for col0, c in placed:
                col = col0 + 1
                for k in range(c.span):
                    ws.cell(row, col + k).border = border
                cell = ws.cell(row, col)
                cell.font = font
                cell.alignment = left if c.role == LABEL else center
                if c.role == CAPTION:
                    cell.fill = PatternFill("solid", fgColor=CAPTION_FILL)
                    cell.alignment = left
                if c.vmerge == "continue":
                    continue
                if c.text is not None:
                    cell.value = c.text
                if c.address:
                    where[c.address] = f"{get_column_letter(col)}{row}"
                span_down = 1
                if c.vmerge == "restart":
                    for below in placed_rows_below(rows, ri, col0):
                        span_down += below
                if c.span > 1 or span_down > 1:
                    ws.merge_cells(start_row=row, start_column=col, end_row=row + span_down - 1, end_column=col + c.span - 1)
                if c.text:
                    h = text_height(c.text, sum(widths[col0:col0 + c.span])) / span_down
                    for k in range(span_down):
                        needed[row + k] = max(needed.get(row + k, 0), h)
            base = 30 if tid == "requests" and ri < 3 else 22
            ws.row_dimensions[row].height = max(base, needed.get(row, 0))
        last = first + len(rows) - 1
        ws.cell(last + 2, 1, messages.text("export.legend")).font = Font(name=FONT, size=9)
        ws.cell(last + 2, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=last + 2, start_column=1, end_row=last + 2, end_column=width)
        ws.row_dimensions[last + 2].height = 40
        for i, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = w
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if tid == "appeals" else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top = ws.page_margins.bottom = 0.8
        if layout.header_rows(tid):
            ws.print_title_rows = f"{first}:{first + layout.header_rows(tid) - 1}"
        ws.print_area = f"A1:{get_column_letter(width)}{last + 2}"

    # values, totals as formulas where the form's arithmetic holds, marks
    parts_of = layout.sum_parts(spec)
    for c in spec.cells:
        ws = sheets[c.table]
        cell = ws[where[c.address]]
        v = filled.values[c.address]
        parts = parts_of.get(c.address)
        if parts and _formula_holds(filled, c.address, parts):
            cell.value = _sum_formula([where[p] for p in parts])
        elif v is not None:
            cell.value = int(v) if c.kind != "money" else (float(v) if isinstance(v, Decimal) else v)
        elif filled.texts[c.address]:
            cell.value = filled.texts[c.address]
        cell.number_format = "0" if c.kind != "money" else "0.00##"
        mark = filled.marks.get(c.address)
        if mark is not None:
            cell.fill = PatternFill("solid", fgColor=FILL[mark.kind])
            comment = Comment(mark.note, author)
            comment.width, comment.height = 260, 110
            cell.comment = comment

    # data validation per kind
    for kind, dv in (
        ("count", DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")),
        ("signed", DataValidation(type="whole", operator="between", formula1="-1000000000", formula2="1000000000")),
        ("money", DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")),
    ):
        dv.error, dv.errorTitle = messages.text(f"export.validation_{kind}"), messages.text("export.validation_title")
        dv.showErrorMessage = True
        per_sheet: dict[str, list[str]] = {}
        for c in spec.cells:
            if c.kind == kind and c.address not in parts_of:
                per_sheet.setdefault(c.table, []).append(where[c.address])
        for tid, refs in per_sheet.items():
            sheet_dv = DataValidation(type=dv.type, operator=dv.operator, formula1=dv.formula1, formula2=dv.formula2,
                                      showErrorMessage=True, error=dv.error, errorTitle=dv.errorTitle, allow_blank=True)
            for ref in refs:
                sheet_dv.add(ref)
            sheets[tid].add_data_validation(sheet_dv)

    # conditional formatting: the printed 勾稽关系 per column, and every total against its parts
    req = sheets["requests"]
    for col in spec.tables["requests"].groups[0].cols:
        refs = [_abs(where[f"requests/{r}/{col.id}"]) for r in ("1", "2", "3.7", "4")]
        formula = f"AND(COUNT({','.join(refs)})=4,{refs[0]}+{refs[1]}<>{refs[2]}+{refs[3]})"
        req.conditional_formatting.add(" ".join(where[f"requests/{r}/{col.id}"] for r in ("1", "2", "3.7", "4")),
                                       FormulaRule(formula=[formula], font=red_font, fill=red_fill))
    for target, parts in parts_of.items():
        ws = sheets[target.split("/")[0]]
        t = _abs(where[target])
        formula = f"AND(ISNUMBER({t}),{t}<>{_sum_formula([_abs(where[p]) for p in parts])[1:]})"
        ws.conditional_formatting.add(where[target], FormulaRule(formula=[formula], font=red_font, fill=red_fill))
    return wb


def placed_rows_below(rows: layout.Grid, ri: int, col0: int) -> list[int]:
    """1 for each row below ``ri`` whose cell at grid column ``col0`` continues a vertical merge."""
    out = []
    for placed in layout.positions(rows[ri + 1:]):
        hit = next((c for c0, c in placed if c0 == col0), None)
        if hit is None or hit.vmerge != "continue":
            break
        out.append(1)
    return out


def _formula_holds(filled: Filled, target: str, parts: tuple[str, ...]) -> bool:
    """A total becomes a formula only when it shows the value written (no silent change)."""
    v = filled.values[target]
    if v is None:
        return filled.blank_form and all(filled.values[p] is None and not filled.texts[p] for p in parts) and not filled.texts[target]
    vals = [filled.values[p] for p in parts]
    return all(x is not None for x in vals) and sum(vals) == v


def _abs(ref: str) -> str:
    letters = "".join(ch for ch in ref if ch.isalpha())
    return f"${letters}${ref[len(letters):]}"


def _sum_formula(refs: list[str]) -> str:
    """=SUM(B5:G5) for a contiguous run of one row or one column, else =SUM(a,b,…)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    plain = [r.replace("$", "") for r in refs]
    coords = [coordinate_from_string(r) for r in plain]
    cols = [column_index_from_string(c) for c, _ in coords]
    rows = [r for _, r in coords]
    if len(set(rows)) == 1 and cols == list(range(cols[0], cols[0] + len(cols))):
        return f"=SUM({refs[0]}:{refs[-1]})"
    if len(set(cols)) == 1 and rows == list(range(rows[0], rows[0] + len(rows))):
        return f"=SUM({refs[0]}:{refs[-1]})"
    return f"=SUM({','.join(refs)})"


def write(filled: Filled, tmp: Path) -> None:
    build(filled).save(str(tmp))
