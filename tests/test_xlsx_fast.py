"""The .xlsx reader's direct XML path (``engine.reading.xlsx_package``) reads exactly what
openpyxl's full workbook load reads, and hands anything it does not reproduce to openpyxl."""

from __future__ import annotations

import io
import zipfile

import builders
import pytest

from engine.reading import xlsx, xlsx_package

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _both(data: bytes, name: str = "t.xlsx"):
    """(document through the direct path, document through openpyxl, whether the direct path was used)."""
    from pathlib import Path

    used = xlsx._load_fast(data) is not None
    fast = xlsx.read(Path(name), data)
    orig = xlsx._load_fast
    xlsx._load_fast = lambda d: None
    try:
        slow = xlsx.read(Path(name), data)
    finally:
        xlsx._load_fast = orig
    return fast, slow, used


@pytest.mark.parametrize("variant", [v for v in builders.VARIANTS if v.startswith("xlsx")])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_every_builder_workbook_reads_the_same_without_openpyxl(tmp_path, variant, fmt):
    values = builders.consistent_values(fmt, 7)
    values["requests/3.1/natural"] = ""  # a blank cell
    p = builders.VARIANTS[variant](tmp_path / "r.xlsx", fmt, values, prose=["全年共收到申请5件。"])
    fast, slow, used = _both(p.read_bytes())
    assert used
    assert fast == slow
    assert any(c.source.endswith("!A1") for r in fast.rows for c in r.cells)


@pytest.mark.parametrize("formulas", ["cached", "uncached"])
def test_formulas_saved_or_computed_read_the_same(tmp_path, formulas):
    values = builders.consistent_values("2021", 3)
    p = builders.xlsx_three_sheets(tmp_path / "f.xlsx", "2021", values, formulas=formulas)
    fast, slow, used = _both(p.read_bytes())
    assert used and fast == slow
    assert bool(fast.notes) == (formulas == "uncached")  # computed formulas are said


def _package(sheet: str, shared: str | None = None, styles: str | None = None, sheet_name: str = "表1") -> bytes:
    """A minimal workbook as Excel lays it out, with shared strings when given."""
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else "")
             + "</Types>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
    wb = f'<workbook {NS} {R_NS}><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    wb_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
               + ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
               + "</Relationships>")
    styles = styles or (f'<styleSheet {NS}><fonts count="1"><font><sz val="11"/></font></fonts>'
                        '<fills count="1"><fill><patternFill/></fill></fills>'
                        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                        '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>')
    parts = {"[Content_Types].xml": types, "_rels/.rels": rels, "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": wb_rels,
             "xl/styles.xml": styles, "xl/worksheets/sheet1.xml": f"<worksheet {NS}>{sheet}</worksheet>"}
    if shared:
        parts["xl/sharedStrings.xml"] = f"<sst {NS}>{shared}</sst>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in parts.items():
            z.writestr(k, v)
    return buf.getvalue()


def test_excel_cell_types_shared_strings_rich_text_and_merges_read_the_same():
    shared = ("<si><t>本年新收政府信息公开申请数量</t></si>"
              "<si><r><t>予以</t></r><r><rPr><b/></rPr><t>公开</t></r><rPh sb='0' eb='2'><t>よ</t></rPh></si>"
              "<si><t xml:space=\"preserve\"> 12 </t></si><si><t>x005F_x000D_说明</t></si>")
    sheet = ("<sheetData>"
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12</v></c><c r="C1" s="1"><v>987.0360000000001</v></c>'
             '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><f>B1*2</f><v>24</v></c>'
             '<c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E2" t="inlineStr"><is><r><t>甲</t></r><r><t>乙</t></r></is></c></row>'
             '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><f>SUM(B1:B2)</f></c><c r="C3"><v>1E-3</v></c><c r="D3"><v>5</v></c>'
             '<c r="E3"><v></v></c></row>'
             '<row r="4"><c r="A4"><v>1</v></c><c r="B4"><v>99</v></c></row>'
             "</sheetData>"
             '<mergeCells count="2"><mergeCell ref="D3:E3"/><mergeCell ref="A4:B5"/></mergeCells>')
    fast, slow, used = _both(_package(sheet, shared))
    assert used
    assert fast == slow
    texts = [c.text for r in fast.rows for c in r.cells]
    assert "予以公开" in texts and " 12 " in texts and "987.036" in texts and "TRUE" in texts and "#DIV/0!" in texts
    assert "99" not in texts  # a value under a merge is not shown, as in Excel
    assert fast.notes  # the formula without a saved value was computed


@pytest.mark.parametrize("why, sheet, styles", [
    ("a date", '<sheetData><row r="1"><c r="A1" s="1"><v>44197</v></c></row></sheetData>',
     f'<styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
    ("a custom date format", '<sheetData><row r="1"><c r="A1" s="1"><v>44197</v></c></row></sheetData>',
     f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
     '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>'),
    ("a shared formula", '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
     '<row r="2"><c r="A2"><f t="shared" ref="A2:B2" si="0">A1*2</f><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>', None),
    ("a cell without reference", '<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row></sheetData>', None),
    ("overlapping merges", '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
     '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>', None),
])
def test_what_only_openpyxl_reproduces_goes_to_openpyxl(why, sheet, styles):
    data = _package(sheet, styles=styles)
    with pytest.raises(xlsx_package.Unsupported):
        xlsx_package.load(data)
    fast, slow, used = _both(data)
    assert not used and fast == slow


def test_a_date_is_still_read_as_a_date():
    styles = f'<styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    doc, _, _ = _both(_package('<sheetData><row r="1"><c r="A1" s="1"><v>44197</v></c></row></sheetData>', styles=styles))
    assert doc.rows[0].cells[0].text == "2021-01-01"
