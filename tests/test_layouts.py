"""Layouts that were misread (issue 16), each built as a document of that shape from generated
values: tables in text boxes and shapes, an empty row before table 四's figures, figures in merged
Excel cells, a typo'd row label placed by its numbering and neighbours, a page-number line inside a
one-value-per-line table, pipe rows whose empty fields line up with their header. Where a reading
rests on an inference, an info finding says so."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import builders as b
import pytest
from lxml import etree

from engine.api import check_file
from engine.model import INFO

TITLE = "测试县人民政府2022年政府信息公开工作年度报告"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"


def _values(report) -> dict[str, tuple[str | None, str]]:
    return {a: (c.raw, c.status) for a, c in report.cells.items()}


def _all_read(report) -> None:
    assert report.error is None, report.error
    assert not [f for f in report.findings if f.rule in ("table.missing", "cell.missing", "cell.invalid")], [
        f.message for f in report.findings if f.severity != INFO]
    assert all(c.status == "ok" for c in report.cells.values())


def _edit_docx(src: Path, dst: Path, edit) -> Path:
    """A copy of ``src`` with ``edit(body)`` applied to its main part."""
    zin = zipfile.ZipFile(src)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root.find(f"{{{W}}}body"))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, data)
    dst.write_bytes(out.getvalue())
    return dst


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _drawing(tbl, anchor: bool):
    """``w:drawing`` holding a DrawingML text box (``wps:txbx``) with ``tbl`` inside."""
    d = etree.Element(_w("drawing"), nsmap={"w": W, "wp": WP, "a": A, "wps": WPS})
    holder = etree.SubElement(d, f"{{{WP}}}{'anchor' if anchor else 'inline'}")
    g = etree.SubElement(etree.SubElement(holder, f"{{{A}}}graphic"), f"{{{A}}}graphicData", uri=WPS)
    box = etree.SubElement(etree.SubElement(g, f"{{{WPS}}}wsp"), f"{{{WPS}}}txbx")
    content = etree.SubElement(box, _w("txbxContent"))
    content.append(tbl)
    etree.SubElement(content, _w("p"))
    return d


def _pict(tbl):
    """VML ``w:pict`` text box (old Word, WPS) with ``tbl`` inside."""
    pict = etree.Element(_w("pict"), nsmap={"w": W, "v": V})
    content = etree.SubElement(etree.SubElement(etree.SubElement(pict, f"{{{V}}}shape"), f"{{{V}}}textbox"),
                               _w("txbxContent"))
    content.append(tbl)
    etree.SubElement(content, _w("p"))
    return pict


def _boxed(style: str, only_last: bool = False):
    """Each body table (or only the last, table 四) moved into a text box anchored in a paragraph."""

    def edit(body) -> None:
        tables = body.findall(_w("tbl"))
        for tbl in tables[-1:] if only_last else tables:
            p = etree.Element(_w("p"))
            run = etree.SubElement(p, _w("r"))
            tbl.addprevious(p)
            body.remove(tbl)
            if style == "choice_fallback":  # what Word 2010+ writes: DrawingML, and a VML copy for old readers
                alt = etree.SubElement(run, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
                choice = etree.SubElement(alt, f"{{{MC}}}Choice", Requires="wps")
                choice.append(_drawing(copy.deepcopy(tbl), anchor=True))
                etree.SubElement(alt, f"{{{MC}}}Fallback").append(_pict(tbl))
            elif style == "inline":
                run.append(_drawing(tbl, anchor=False))
            elif style == "floating":
                run.append(_drawing(tbl, anchor=True))
            else:
                run.append(_pict(tbl))

    return edit


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("style", ["choice_fallback", "inline", "floating", "vml"])
def test_tables_in_text_boxes_are_read_once(tmp_path, fmt, style):
    v = b.consistent_values(fmt, 21)
    plain = b.docx_official(tmp_path / "plain.docx", fmt, v, title=TITLE)
    boxed = _edit_docx(plain, tmp_path / f"{style}.docx", _boxed(style))
    r, want = check_file(boxed), check_file(plain)
    _all_read(r)
    assert _values(r) == _values(want)
    assert [c.source for c in r.cells.values()] == [c.source for c in want.cells.values()]  # numbered once


def test_only_table_4_in_a_text_box(tmp_path):
    v = b.consistent_values("2021", 22)
    plain = b.docx_official(tmp_path / "plain.docx", "2021", v, title=TITLE)
    r = check_file(_edit_docx(plain, tmp_path / "box4.docx", _boxed("choice_fallback", only_last=True)))
    _all_read(r)
    assert _values(r) == _values(check_file(plain))


def _empty_row_before_figures(body) -> None:
    tbl = body.findall(_w("tbl"))[-1]
    data = tbl.findall(_w("tr"))[-1]
    empty = copy.deepcopy(data)
    for t in empty.iter(_w("t")):
        t.text = ""
    data.addprevious(empty)


def test_empty_row_between_table_4_header_and_figures(tmp_path):
    v = b.consistent_values("2019", 23)
    v["appeals/review/upheld"] = "3"  # breaks 行政复议's 总计: an error there must be found
    plain = b.docx_official(tmp_path / "plain.docx", "2019", v, title=TITLE)
    r = check_file(_edit_docx(plain, tmp_path / "gap.docx", _empty_row_before_figures))
    assert {a: c.raw for a, c in r.cells.items() if a.startswith("appeals/")} == {
        a: c.raw for a, c in check_file(plain).cells.items() if a.startswith("appeals/")}
    assert all(c.status == "ok" for c in r.cells.values())
    assert any(f.rule == "appeals.total" for f in r.findings)
    (note,) = [f for f in r.findings if f.rule == "row.inferred"]
    assert note.severity == INFO and "空行" in note.message and "row 5" in note.source


def test_figures_in_merged_excel_cells(tmp_path):
    """A web table pasted into Excel: the first value merged across five columns (as is its header),
    an empty spacer column between 行政复议 and 行政诉讼, the title wider than the table."""
    import openpyxl

    v = b.consistent_values("2021", 24)
    from engine import formats

    ws_vals = [v[c.address] for c in formats.load("2021").cells if c.table == "appeals"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "四、政府信息公开行政复议、行政诉讼情况"
    ws.merge_cells("A1:W1")
    ws["A2"] = "行政复议"
    ws.merge_cells("A2:I3")
    ws["K2"] = "行政诉讼"
    ws.merge_cells("K2:T2")
    ws["K3"] = "未经复议直接起诉"
    ws.merge_cells("K3:O3")
    ws["P3"] = "复议后起诉"
    ws.merge_cells("P3:T3")
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cols = ["A", "F", "G", "H", "I", *"KLMNOPQRST"]
    for i, col in enumerate(cols):
        ws[f"{col}4"] = leaves[i % 5]
        ws[f"{col}5"] = int(ws_vals[i])
    ws.merge_cells("A4:E4")
    ws.merge_cells("A5:E5")
    p = tmp_path / "pasted.xlsx"
    wb.save(p)
    r = check_file(p)
    got = {a: c.raw for a, c in r.cells.items() if a.startswith("appeals/")}
    assert list(got.values()) == ws_vals
    assert [r.cells[a].source for a in got][:2] == ["Sheet!A5", "Sheet!F5"]
    assert any(f.rule == "row.inferred" and f.severity == INFO and "列" in f.message for f in r.findings)


def _inline_text(tmp_path: Path, v, typo: str) -> Path:
    """Table 三's numbered rows as text copied out of a PDF: label and values on one line separated
    by spaces (「2.其他法律行政法规禁止公开 0 0 0 0 0 0 0」), the other rows tab-separated."""
    p = b.txt(tmp_path / "tab.txt", "2021", v, title=TITLE)
    text = re.sub(r"(?m)^\d\..*$", lambda m: m.group(0).replace("\t", " "), p.read_text(encoding="utf-8"))
    text = text.replace("其他法律行政法规禁止公开", typo)
    q = tmp_path / "inline.txt"
    q.write_text(text, encoding="utf-8")
    return q


@pytest.mark.parametrize("typo", ["其他法律行政止公开", "其他法律行政法規禁止公開"])
def test_typo_label_placed_by_numbering_and_neighbours(tmp_path, typo):
    from engine import formats

    v = b.consistent_values("2021", 25)
    row = [c.address for c in formats.load("2021").cells if c.address.startswith("requests/3.3.2/")]
    v.update(dict(zip(row, ["1", "2", "3", "4", "5", "6", "21"], strict=True)))
    q = _inline_text(tmp_path, v, typo)
    assert f"2.{typo} 1 2 3 4 5 6 21" in q.read_text(encoding="utf-8")
    r = check_file(q)
    row = {a: c.raw for a, c in r.cells.items() if a.startswith("requests/3.3.2/")}
    assert list(row.values()) == ["1", "2", "3", "4", "5", "6", "21"]
    (note,) = [f for f in r.findings if f.rule == "row.inferred"]
    assert note.severity == INFO and typo in note.message and "其他法律行政法规禁止公开" in note.message
    assert "属于国家秘密" in note.message and "危及" in note.message


def test_unnumbered_or_distant_label_is_not_guessed(tmp_path):
    v = b.consistent_values("2021", 26)
    q = _inline_text(tmp_path, v, "其他法律行政止公开")
    q.write_text(q.read_text(encoding="utf-8").replace("2.其他法律行政止公开", "9.完全不同的一行字"), encoding="utf-8")
    r = check_file(q)
    assert all(c.status == "missing" for a, c in r.cells.items() if a.startswith("requests/3.3.2/"))
    assert not [f for f in r.findings if f.rule == "row.inferred"]


def test_page_number_line_inside_a_one_value_per_line_table(tmp_path):
    v = b.consistent_values("2019", 27)
    p = b.txt(tmp_path / "led.txt", "2019", v, layout="tab_led", title=TITLE)
    lines = p.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("\t") and ln.strip().isdigit() and i > len(lines) // 2)
    lines.insert(at + 1, "- 4 -")
    q = tmp_path / "paged.txt"
    q.write_text("\n".join(lines), encoding="utf-8")
    r = check_file(q)
    _all_read(r)
    assert _values(r) == _values(check_file(p))


def test_pipe_rows_aligned_with_their_header(tmp_path):
    v = b.consistent_values("2019", 28)
    p = b.txt(tmp_path / "pipe.txt", "2019", v, layout="pipe", title=TITLE)
    text = p.read_text(encoding="utf-8")
    made, pub = v["active/regulations/made"], v["active/regulations/published"]
    text = re.sub(r"信息内容 \| 本年新制作数量 \| 本年新公开数量 \| 对外公开总数量 \|",
                  "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |", text, count=1)
    text = re.sub(r"规章 \| .*", f"规章 | {made} | {pub} | ||", text, count=1)
    q = tmp_path / "aligned.txt"
    q.write_text(text, encoding="utf-8")
    r = check_file(q)
    cells = r.cells
    assert (cells["active/regulations/made"].raw, cells["active/regulations/published"].raw) == (made, pub)
    assert cells["active/regulations/public_total"].status == "blank"
    assert cells["active/regulations/public_total"].source.endswith("col 4")
    # a row with fewer separators than its header stays unplaced: nothing says which cell is empty
    q.write_text(text.replace(f"规章 | {made} | {pub} | ||", f"规章 | {made} | {pub} |"), encoding="utf-8")
    assert check_file(q).cells["active/regulations/made"].status == "missing"
