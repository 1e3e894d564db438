"""The corrected (or blank) standard form as a Word document: the three tables laid out as the
national template (merges, widths, caption shading, 宋体 10 pt), corrected cells shaded with a
Word comment giving the old value and why, ready to paste into the report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .. import formats, messages
from . import layout
from .layout import CAPTION, LABEL
from .plan import Filled, show

FILL = {"corrected": "FFF2A8", "edited": "FFF2A8", "doubtful": "FFC7CE"}
CAPTION_FILL = "C6D9F1"
FONT = "宋体"

messages.register(
    {
        "export.docx_legend": (
            "说明：黄色底色为已更正的单元格（批注中为原值和依据），红色底色为存疑、需人工核实的单元格。",
            "Yellow cells were corrected (the comment gives the old value and why); red cells are doubtful and need checking.",
        ),
    }
)


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement

    e = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        e.set(_w(k), v)
    return e


def _run(text: str, size: int = 20, bold: bool = False, font: str = FONT):
    r = _el("r")
    rpr = _el("rPr")
    rpr.append(_el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia"))
    if bold:
        rpr.append(_el("b"))
    rpr.append(_el("sz", val=str(size)))
    rpr.append(_el("szCs", val=str(size)))
    r.append(rpr)
    t = _el("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _paragraph(text: str, *, jc: str = "left", size: int = 20, bold: bool = False, font: str = FONT, before: int = 0):
    p = _el("p")
    ppr = _el("pPr")
    ppr.append(_el("spacing", before=str(before), after="0"))
    ppr.append(_el("jc", val=jc))
    p.append(ppr)
    if text:
        p.append(_run(text, size, bold, font))
    return p


def _table(rows: layout.Grid, widths: tuple[int, ...], filled: Filled, header_rows: int, anchors: dict):
    tbl = _el("tbl")
    pr = _el("tblPr")
    pr.append(_el("tblW", w=str(sum(widths)), type="dxa"))
    pr.append(_el("jc", val="center"))
    borders = _el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(side, val="single", sz="8", space="0", color="000000"))
    pr.append(borders)
    pr.append(_el("tblLayout", type="fixed"))
    mar = _el("tblCellMar")
    mar.append(_el("left", w="57", type="dxa"))
    mar.append(_el("right", w="57", type="dxa"))
    pr.append(mar)
    tbl.append(pr)
    grid = _el("tblGrid")
    for w in widths:
        grid.append(_el("gridCol", w=str(w)))
    tbl.append(grid)
    for ri, placed in enumerate(layout.positions(rows)):
        tr = _el("tr")
        trpr = _el("trPr")
        trpr.append(_el("trHeight", val="340", hRule="atLeast"))
        if ri < header_rows:
            trpr.append(_el("tblHeader"))
        trpr.append(_el("jc", val="center"))
        tr.append(trpr)
        for col0, c in placed:
            tc = _el("tc")
            tcpr = _el("tcPr")
            tcpr.append(_el("tcW", w=str(sum(widths[col0:col0 + c.span])), type="dxa"))
            if c.span > 1:
                tcpr.append(_el("gridSpan", val=str(c.span)))
            if c.vmerge == "restart":
                tcpr.append(_el("vMerge", val="restart"))
            elif c.vmerge == "continue":
                tcpr.append(_el("vMerge"))
            fill = None
            text = c.text if c.vmerge != "continue" else None
            mark = None
            if c.role == CAPTION:
                fill = CAPTION_FILL
            if c.address:
                v = filled.values[c.address]
                text = show(v) if v is not None else (filled.texts[c.address] or "")
                if isinstance(v, Decimal):
                    text = format(v, "f")
                mark = filled.marks.get(c.address)
                if mark is not None:
                    fill = FILL[mark.kind]
            if fill:
                tcpr.append(_el("shd", val="clear", color="auto", fill=fill))
            tcpr.append(_el("vAlign", val="center"))
            tc.append(tcpr)
            p = _paragraph(text or "", jc="left" if c.role in (LABEL, CAPTION) else "center")
            tc.append(p)
            if mark is not None:
                if not text:
                    p.append(_run(""))
                anchors[c.address] = (p, mark.note)
            tr.append(tc)
        tbl.append(tr)
    return tbl


def build(filled: Filled):
    """The python-docx Document for ``filled``."""
    import docx
    from docx.shared import Mm
    from docx.text.paragraph import Paragraph

    spec = formats.load(filled.format_id)
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(20)
    sec.top_margin = sec.bottom_margin = Mm(25)
    body = doc.element.body
    sect = body.find(_w("sectPr"))
    blocks = [_paragraph(layout.title(filled.year, filled.agency), jc="center", size=32, bold=True, font="黑体")]
    anchors: dict[str, tuple] = {}
    for tid in formats.TABLE_IDS:
        blocks.append(_paragraph(spec.tables[tid].title, size=24, font="黑体", before=240))
        blocks.append(_table(layout.grid(spec, tid), layout.WIDTHS[tid], filled, layout.header_rows(tid), anchors))
    if filled.marks:
        blocks.append(_paragraph(messages.text("export.docx_legend"), size=18, before=120))
    for b in blocks:
        sect.addprevious(b)
    author = messages.text("export.author")
    for p_el, note in anchors.values():
        para = Paragraph(p_el, doc._body)
        doc.add_comment(para.runs, text=note, author=author, initials="NB")
    return doc


def write(filled: Filled, tmp: Path) -> None:
    build(filled).save(str(tmp))
