"""The Word and Excel readers at Document level: cells, merges, covered flags and sources, on the
official template, on builder output and on small hand-made files for the odd corners."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import builders as b
import pytest
from conftest import SAMPLES

from engine.api import check_file
from engine.reading import read_document
from engine.reading.document import Document, Row
from engine.reading.xlsx import format_number, sheet_ref

TEMPLATE = SAMPLES / "official-template-2021.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _table_rows(doc: Document, t: int) -> list[Row]:
    return [r for r in doc.rows if r.grid and r.table == t]


def _cells(row: Row) -> list[tuple[str, str, bool]]:
    return [(c.text, c.source, c.covered) for c in row.cells]


def _by_source(doc: Document) -> dict[str, tuple[str, bool]]:
    return {c.source: (c.text, c.covered) for r in doc.rows for c in r.cells}


# ---------------------------------------------------------------------------------------------
# Word: the official template itself


def test_template_tables_rows_and_paragraphs():
    d = read_document(TEMPLATE)
    assert d.kind == "docx"
    assert [len(_table_rows(d, t)) for t in (1, 2, 3, 4)] == [14, 28, 4, 0]
    plain = [r for r in d.rows if not r.grid]
    assert all(len(r.cells) == 1 and r.cells[0].text.strip() and r.table is None for r in plain)
    heads = {r.cells[0].text: r.cells[0].source for r in plain}
    assert heads["二、主动公开政府信息情况"] == "paragraph 7"
    assert "三、收到和处理政府信息公开申请情况" in heads and "五、存在的主要问题及改进情况" in heads
    # reading order: heading 三 between the last row of table 1 and the first of table 2
    order = [r.cells[0].text if not r.grid else f"T{r.table}" for r in d.rows]
    i = order.index("三、收到和处理政府信息公开申请情况")
    assert order[i - 1] == "T1" and order[i + 1] == "T2"


def test_template_horizontal_merges_are_one_cell():
    d = read_document(TEMPLATE)
    act = _table_rows(d, 1)
    assert _cells(act[0]) == [("第二十条第（一）项", "table 1 row 1 col 1", False)]  # gridSpan 4
    assert _cells(act[6]) == [("行政许可", "table 1 row 7 col 1", False), ("", "table 1 row 7 col 2", False)]
    req = _table_rows(d, 2)
    assert [c.source for c in req[0].cells] == ["table 2 row 1 col 1", "table 2 row 1 col 4"]
    assert req[0].cells[1].text == "申请人情况"


def test_template_vertical_merges_are_covered_copies():
    d = read_document(TEMPLATE)
    req = _table_rows(d, 2)
    note = req[0].cells[0].text
    assert "勾稽关系" in note
    assert _cells(req[1])[0] == (note, "table 2 row 2 col 1", True)
    assert _cells(req[2])[:2] == [(note, "table 2 row 3 col 1", True), ("自然人", "table 2 row 3 col 4", True)]
    assert req[2].cells[-1].text == "总计" and req[2].cells[-1].covered
    assert [c.text for c in req[2].cells[2:7]] == ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"]
    # （三）不予公开: restart on its first row, covered copies below, a fresh group after
    by = _by_source(d)
    assert by["table 2 row 8 col 2"] == ("（三）不予公开", False)
    assert by["table 2 row 15 col 2"] == ("（三）不予公开", True)
    assert by["table 2 row 16 col 2"] == ("（四）无法提供", False)
    assert by["table 2 row 27 col 1"] == ("三、本年度办理结果", True)
    # table 四: five header cells merged over two rows, fifteen empty data cells
    app = _table_rows(d, 3)
    assert [c.covered for c in app[2].cells] == [True] * 5 + [False] * 10
    assert _cells(app[3]) == [("", f"table 3 row 4 col {c}", False) for c in range(1, 16)]


def test_template_keeps_empty_cells_full_width():
    d = read_document(TEMPLATE)
    req = _table_rows(d, 2)
    for row in req[3:]:
        values = [c for c in row.cells if int(c.source.rsplit(" ", 1)[1]) >= 4]
        assert [int(c.source.rsplit(" ", 1)[1]) for c in values] == list(range(4, 11))


def test_template_checks_as_2021_with_every_cell_blank():
    r = check_file(TEMPLATE)
    assert r.error is None and r.format == "2021" and len(r.cells) == 200
    assert {c.status for c in r.cells.values()} == {"blank"}
    assert r.cells["requests/1/natural"].source == "table 2 row 4 col 4"
    assert r.cells["requests/4/total"].source == "table 2 row 28 col 10"
    assert r.cells["appeals/suit_after_review/total"].source == "table 3 row 4 col 15"
    assert not [f for f in r.findings if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# Word: builder output


def test_filled_template_sources_and_values(tmp_path):
    vals = b.consistent_values("2021", 11)
    r = check_file(b.docx_official(tmp_path / "a.docx", "2021", vals))
    assert r.format == "2021" and r.year == 2021
    got = {a: c.raw for a, c in r.cells.items()}
    assert got == vals
    assert r.cells["active/licensing/decisions"].source == "table 1 row 7 col 2"
    assert r.cells["requests/3.6.3/other"].source == "table 2 row 26 col 9"
    assert not [f for f in r.findings if f.severity == "error"]


def test_2019_layout_merges(tmp_path):
    d = read_document(b.docx_official(tmp_path / "a.docx", "2019", b.consistent_values("2019", 2)))
    act = _table_rows(d, 1)
    fees_head = next(r for r in act if r.cells[0].text == "信息内容" and r.cells[-1].text == "本年增/减")
    assert [c.source.rsplit(" ", 1)[1] for c in fees_head.cells] == ["1", "2", "3"]  # 本年增/减 spans 3–4
    req = _table_rows(d, 2)
    other = next(r for r in req if r.cells[1].text == "（六）其他处理")  # 2019: one data row
    assert other.cells[0].covered and len(other.cells) == 9
    assert other.cells[1].source.endswith("col 2") and other.cells[2].source.endswith("col 4")


def test_nested_table_rows_follow_their_row_and_are_not_duplicated(tmp_path):
    vals = b.consistent_values("2019", 5)
    d = read_document(b.docx_nested(tmp_path / "n.docx", "2019", vals))
    tables = [r.table for r in d.rows if r.grid]
    assert tables[0] == 1 and tables.count(1) == 1
    assert sorted(set(tables)) == [1, 2, 3, 4]
    assert tables == sorted(tables)  # inner rows come right after the outer row, in order
    outer = next(r for r in d.rows if r.table == 1).cells[0]
    assert outer.source == "table 1 row 1 col 1"
    assert outer.text.split("\n") == [b.HEADINGS[t] for t in ("active", "requests", "appeals")]
    assert "规章" not in outer.text and "结果维持" not in outer.text
    r = check_file(tmp_path / "n.docx")
    assert {a: c.raw for a, c in r.cells.items()} == vals
    assert r.cells["requests/1/natural"].source == "table 3 row 4 col 4"


@pytest.mark.parametrize("repeat", [True, False])
def test_split_table_continues_in_a_second_word_table(tmp_path, repeat):
    vals = b.consistent_values("2021", 6)
    p = b.docx_split(tmp_path / "s.docx", "2021", vals, repeat_header=repeat)
    d = read_document(p)
    second = _table_rows(d, 3)
    first = second[3] if repeat else second[0]
    # the merged group cells cut by the split: a fresh empty merge (header repeated, as Word splits),
    # or a continuation with nothing above it to copy
    n = 4 if repeat else 1
    assert _cells(first)[:3] == [("", f"table 3 row {n} col 1", not repeat), ("", f"table 3 row {n} col 2", not repeat),
                                 ("5.属于三类内部事务信息", f"table 3 row {n} col 3", False)]
    if repeat:
        assert _cells(second[1])[0] == (second[0].cells[0].text, "table 3 row 2 col 1", True)
    r = check_file(p)
    assert {a: c.raw for a, c in r.cells.items()} == vals
    assert r.cells["requests/3.3.5/natural"].source.startswith("table 3 ")
    assert r.cells["requests/3.3.4/natural"].source.startswith("table 2 ")


def test_pasted_paragraphs_are_cut_like_text_lines(tmp_path):
    vals = b.consistent_values("2019", 8)
    d = read_document(b.docx_paragraphs(tmp_path / "p.docx", "2019", vals))
    assert not any(r.table for r in d.rows)
    row = next(r for r in d.rows if r.cells[0].text == "规章")
    assert row.grid and [c.text for c in row.cells] == ["规章", *(vals[f"active/regulations/{c}"] for c in ("made", "published", "public_total"))]
    n = row.cells[0].source.split()[1]
    assert [c.source for c in row.cells] == [f"paragraph {n} col {i}" for i in (1, 2, 3, 4)]
    title = d.rows[0]
    assert not title.grid and title.cells[0].source == "paragraph 1"


def _docx_from_body(body_xml: str) -> bytes:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body_xml}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_odd_corners(tmp_path):
    body = (
        _p("标题")
        + "<w:p/>"  # empty paragraph: counted, not emitted
        + "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
          "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>"
          "<w:r><w:tab/><w:t>尾</w:t></w:r></w:p>"
        + "<w:tbl>"
          "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr><w:tc>" + _p("甲") + "</w:tc>"
          "<w:tc><w:tcPr><w:hMerge w:val='restart'/></w:tcPr>" + _p("乙") + "</w:tc>"
          "<w:tc><w:tcPr><w:hMerge/></w:tcPr>" + _p("") + "</w:tc>"
          "<w:sdt><w:sdtContent><w:tc>" + _p("丙") + _p("丁") + "</w:tc></w:sdtContent></w:sdt></w:tr>"
          "</w:tbl>"
        + "<w:sdt><w:sdtContent>" + _p("控件内") + "</w:sdtContent></w:sdt>"
    )
    p = tmp_path / "odd.docx"
    p.write_bytes(_docx_from_body(body))
    d = read_document(p)
    assert [(r.grid, _cells(r)) for r in d.rows] == [
        (False, [("标题", "paragraph 1", False)]),
        (True, [("保留", "paragraph 3 col 1", False), ("尾", "paragraph 3 col 2", False)]),
        (False, [("文本框", "paragraph 4", False)]),  # the text box, read after its anchor paragraph
        (True, [("甲", "table 1 row 1 col 2", False), ("乙", "table 1 row 1 col 3", False),
                ("丙\n丁", "table 1 row 1 col 5", False)]),
        (False, [("控件内", "paragraph 5", False)]),
    ]


def test_docx_hidden_text_deleted_rows_and_field_results(tmp_path):
    body = (
        "<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>也可见</w:t></w:r></w:p>"
        "<w:tbl>"
        "<w:tr><w:tc>" + _p("规章") + "</w:tc><w:tc>"
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>=SUM(LEFT)</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>81</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        "</w:tc></w:tr>"
        "<w:tr><w:trPr><w:del w:id='1' w:author='x'/></w:trPr><w:tc>" + _p("删掉的行") + "</w:tc><w:tc>" + _p("9") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + _p("行政许可") + "</w:tc><w:tc><w:p><w:fldSimple w:instr='=SUM(ABOVE)'><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    p = tmp_path / "hidden.docx"
    p.write_bytes(_docx_from_body(body))
    d = read_document(p)
    assert [_cells(r) for r in d.rows] == [
        [("可见也可见", "paragraph 1", False)],
        [("规章", "table 1 row 1 col 1", False), ("81", "table 1 row 1 col 2", False)],
        [("行政许可", "table 1 row 3 col 1", False), ("7", "table 1 row 3 col 2", False)],
    ]


def test_pasted_rows_in_one_paragraph_with_line_breaks(tmp_path):
    body = ("<w:p><w:r><w:t>第二十条第（一）项</w:t><w:br/><w:t>规章</w:t><w:tab/><w:t>1</w:t><w:tab/><w:t>2</w:t>"
            "<w:br/><w:t>说明</w:t></w:r></w:p>" + _p("一、\u603b体情况"))
    p = tmp_path / "br.docx"
    p.write_bytes(_docx_from_body(body))
    d = read_document(p)
    assert [(r.grid, _cells(r)) for r in d.rows] == [
        (False, [("第二十条第（一）项", "paragraph 1 line 1", False)]),
        (True, [("规章", "paragraph 1 line 2 col 1", False), ("1", "paragraph 1 line 2 col 2", False),
                ("2", "paragraph 1 line 2 col 3", False)]),
        (False, [("说明", "paragraph 1 line 3", False)]),
        (False, [("一、总体情况", "paragraph 2", False)]),
    ]


def test_strict_open_xml_is_read(tmp_path):
    data = _docx_from_body(_p("标题") + "<w:tbl><w:tr><w:tc>" + _p("规章") + "</w:tc><w:tc>" + _p("3") + "</w:tc></w:tr></w:tbl>")
    z = zipfile.ZipFile(io.BytesIO(data))
    xml = z.read("word/document.xml").replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        out.writestr("word/document.xml", xml)
    p = tmp_path / "strict.docx"
    p.write_bytes(buf.getvalue())
    d = read_document(p)
    assert [_cells(r) for r in d.rows] == [[("标题", "paragraph 1", False)],
                                           [("规章", "table 1 row 1 col 1", False), ("3", "table 1 row 1 col 2", False)]]


# ---------------------------------------------------------------------------------------------
# Excel


def test_xlsx_merged_headers_one_cell_per_row(tmp_path):
    vals = b.consistent_values("2019", 4)
    d = read_document(b.xlsx_one_sheet(tmp_path / "a.xlsx", "2019", vals))
    assert d.kind == "xlsx" and not d.notes
    assert _cells(d.rows[0]) == [(b._title(b.formats.load("2019"), None), "年报!A1", False)]  # merged A1:O1
    i = next(k for k, r in enumerate(d.rows) if r.cells[0].text == b.CHECK_NOTE)
    h1, h2, h3, first = d.rows[i: i + 4]
    row_no = int(h1.cells[0].source[4:])
    assert [c.text for c in h1.cells] == [b.CHECK_NOTE, "申请人情况"] + [""] * 5  # K..O empty, B:C and E:J omitted
    assert [c.source for c in h1.cells[:2]] == [f"年报!A{row_no}", f"年报!D{row_no}"]
    assert _cells(h2)[:4] == [(b.CHECK_NOTE, f"年报!A{row_no + 1}", True), ("自然人", f"年报!D{row_no + 1}", False),
                              ("法人或其他组织", f"年报!E{row_no + 1}", False), ("总计", f"年报!J{row_no + 1}", False)]
    assert [c.covered for c in h3.cells[:2]] == [True, True] and h3.cells[1].text == "自然人"
    assert h3.cells[7] == h3.cells[7].__class__("总计", f"年报!J{row_no + 2}", True)
    assert [c.text for c in first.cells[:8]] == ["一、本年新收政府信息公开申请数量"] + [vals[f"requests/1/{c}"] for c in
                                                   ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")]
    assert all(len(r.cells) <= 15 for r in d.rows)


def test_xlsx_three_sheets_sources_are_quoted_like_excel(tmp_path):
    vals = b.consistent_values("2021", 4)
    p = b.xlsx_three_sheets(tmp_path / "a.xlsx", "2021", vals)
    d = read_document(p)
    assert sorted({r.table for r in d.rows}) == [1, 2, 3]
    r = check_file(p)
    assert {a: c.raw for a, c in r.cells.items()} == vals
    assert r.cells["requests/1/natural"].source.startswith("'依申请 公开'!D")
    assert r.cells["appeals/review/upheld"].source.startswith("复议诉讼!A")
    assert r.cells["active/regulations/issued"].source.startswith("主动公开!B")


def test_sheet_ref_quoting():
    assert sheet_ref("Sheet1", "A1") == "Sheet1!A1"
    assert sheet_ref("表二", "B3") == "表二!B3"
    assert sheet_ref("My Sheet", "B3") == "'My Sheet'!B3"
    assert sheet_ref("O'Brien", "C2") == "'O''Brien'!C2"
    assert sheet_ref("2021", "A1") == "'2021'!A1"


@pytest.mark.parametrize("value, text", [(12, "12"), (12.0, "12"), (987.036, "987.036"), (0.1 + 0.2, "0.3"),
                                         (6187.4, "6187.4"), (-8, "-8"), (1e-7, "0.0000001"), (123456789012.5, "123456789012.5")])
def test_numbers_without_float_noise(value, text):
    assert format_number(value) == text


def test_numbers_as_text_stay_text(tmp_path):
    import openpyxl

    vals = b.consistent_values("2019", 9)
    vals["active/procurement/amount"] = "0987.50"  # text keeps its own spelling
    p = b.xlsx_one_sheet(tmp_path / "t.xlsx", "2019", vals, numbers_as_text=True)
    ws = openpyxl.load_workbook(p).active
    assert ws["B7"].data_type == "s"
    r = check_file(p)
    assert r.cells["active/procurement/amount"].raw == "0987.50"
    assert {a: c.raw for a, c in r.cells.items()} == vals
    assert {c.status for c in r.cells.values()} == {"ok"}


def test_hidden_rows_and_columns_are_read(tmp_path):
    import openpyxl

    vals = b.consistent_values("2021", 12)
    p = b.xlsx_one_sheet(tmp_path / "h.xlsx", "2021", vals, hidden_rows=("3.3.8", "appeals/review/total"), hidden_cols=(2, 4))
    ws = openpyxl.load_workbook(p).active
    assert ws.column_dimensions["D"].hidden and sum(1 for d in ws.row_dimensions.values() if d.hidden) == 2
    r = check_file(p)
    assert {a: c.raw for a, c in r.cells.items()} == vals
    row = int(r.cells["requests/3.3.8/natural"].source.split("!D")[1])
    assert ws.row_dimensions[row].hidden


def test_formulas_with_cached_values_use_the_cache(tmp_path):
    vals = b.consistent_values("2019", 13)
    p = b.xlsx_one_sheet(tmp_path / "c.xlsx", "2019", vals, formulas="cached")
    d = read_document(p)
    assert not d.notes
    r = check_file(p)
    assert {a: c.raw for a, c in r.cells.items()} == vals
    # a cache that disagrees with the formula wins: it is what Excel shows
    coord = r.cells["requests/1/total"].source.split("!")[1]
    doctored = b._inject_cached(_strip_cache(p.read_bytes()), ["年报"], {"年报": {coord: "999"}})
    q = tmp_path / "doctored.xlsx"
    q.write_bytes(doctored)
    assert check_file(q).cells["requests/1/total"].raw == "999"


def _strip_cache(data: bytes) -> bytes:
    import re

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v></v>", body)
            dst.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize("sheets", ["one", "three"])
def test_formulas_without_cached_values_are_computed_and_noted(tmp_path, sheets):
    vals = b.consistent_values("2021", 14)
    build = b.xlsx_one_sheet if sheets == "one" else b.xlsx_three_sheets
    p = build(tmp_path / "u.xlsx", "2021", vals, formulas="uncached")
    d = read_document(p)
    assert d.notes and all("没有保存计算结果" in n and "已按公式算出" in n for n in d.notes)
    r = check_file(p)
    assert {a: c.raw for a, c in r.cells.items()} == vals  # 3.7's total sums formulas of formulas
    assert not [f for f in r.findings if f.severity == "error"]


def test_uncomputable_formula_shows_as_formula_text_never_blank(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A2"], ws["B2"], ws["C2"], ws["D2"] = "规章", 2, "3", "=AVERAGE(B2:B3)"
    ws["B3"], ws["C3"], ws["D3"] = 1, 4, "=B2+A2"  # text that is not a number in + : #VALUE! in Excel
    ws["E2"] = "=SUM(A2:C2)"  # SUM skips the label and the number stored as text, as Excel does
    ws["E3"] = "=SUM(B3:C3)-1+(B2)+C2"  # + converts the numeric text "3"
    p = tmp_path / "f.xlsx"
    wb.save(p)
    d = read_document(p)
    by = _by_source(d)
    assert by["Sheet!D2"] == ("=AVERAGE(B2:B3)", False)
    assert by["Sheet!D3"] == ("=B2+A2", False)
    assert by["Sheet!E2"] == ("2", False)
    assert by["Sheet!E3"] == ("9", False)  # 1+4-1+2+3
    assert any("D2、D3" in n and "公式原文" in n for n in d.notes)
    assert any("E2、E3" in n and "已按公式算出" in n for n in d.notes)


def test_stray_value_under_a_merge_and_offset_start(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "My Sheet"
    ws["C3"], ws["D3"], ws["E3"] = "合并", "藏", 5
    ws.merge_cells("C3:D4")
    ws["E4"] = 6
    ws["C7"] = "后"  # rows 5–6 are empty: left out
    p = tmp_path / "m.xlsx"
    wb.save(p)
    d = read_document(p)
    assert [_cells(r) for r in d.rows] == [
        [("合并", "'My Sheet'!C3", False), ("5", "'My Sheet'!E3", False)],
        [("合并", "'My Sheet'!C4", True), ("6", "'My Sheet'!E4", False)],
        [("后", "'My Sheet'!C7", False), ("", "'My Sheet'!D7", False), ("", "'My Sheet'!E7", False)],
    ]


def test_sheet_over_the_cell_limit_is_refused(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("大表")
    for _ in range(401):
        ws.append([1] * 500)
    p = tmp_path / "big.xlsx"
    wb.save(p)
    r = check_file(p)
    assert r.error_code == "read.too_large"
    assert "大表" in r.error and "200000" in r.error


def test_reading_never_writes_the_input(tmp_path):
    import hashlib

    vals = b.consistent_values("2021", 15)
    for p in (b.xlsx_one_sheet(tmp_path / "a.xlsx", "2021", vals, formulas="uncached"),
              b.docx_official(tmp_path / "a.docx", "2021", vals), Path(TEMPLATE)):
        before = hashlib.sha256(p.read_bytes()).hexdigest()
        check_file(p)
        assert hashlib.sha256(p.read_bytes()).hexdigest() == before


def test_streamed_cell_count_matches_openpyxl(tmp_path):
    import openpyxl

    from engine.reading.xlsx import _count_cells, _sheet_names

    p = b.xlsx_three_sheets(tmp_path / "c.xlsx", "2019", b.consistent_values("2019", 1), formulas="uncached")
    wb = openpyxl.load_workbook(p)
    with zipfile.ZipFile(p) as zf:
        names = _sheet_names(zf)
        counted = {names[n]: _count_cells(zf, n) for n in names}
    # every cell object openpyxl will create: stored cells and the cells of merged ranges
    assert counted == {ws.title: len(ws._cells) for ws in wb.worksheets}
    assert all(n > 30 for n in counted.values())
    assert list(counted) == list(b.SHEET_NAMES)


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "B2:AX10000"])
def test_giant_merged_range_is_refused_before_loading(tmp_path, ref):
    import openpyxl

    from engine.reading.document import ReadError
    from engine.reading.xlsx import _check_package

    wb = openpyxl.Workbook()
    wb.active["A1"] = "标题"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode())
            dst.writestr(info, body)
    with pytest.raises(ReadError) as e:
        _check_package(out.getvalue())
    assert e.value.code == "read.too_large"
    p = tmp_path / "merge.xlsx"
    p.write_bytes(out.getvalue())
    r = check_file(p)
    assert r.error_code == "read.too_large" and "Sheet" in r.error
