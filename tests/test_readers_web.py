"""Published reports: web pages (.html/.htm/.mhtml) and PDFs with a text layer.

Generated documents carry known cells (the five samples, consistent reports) and must read back
cell for cell; the real corpus pages and PDFs are checked against values read by eye.
PDFs are printed by LibreOffice headless from the Word or web rendering, as publishers do.
"""

from __future__ import annotations

import re
from decimal import Decimal

import builders as b
import pytest
import web_builders as wb
from conftest import CORPUS, SAMPLE_IDS, expected

from engine.api import check_file
from engine.reading import read_document
from engine.reading.document import ReadError

TITLE_21 = "测试市生态环境局2022年政府信息公开工作年度报告"
needs_soffice = pytest.mark.skipif(wb.soffice() is None, reason="LibreOffice missing: run scripts/setup.sh")


def _raws(r) -> dict[str, str | None]:
    return {a: c.raw for a, c in r.cells.items()}


def _sample(sample_id: str) -> tuple[dict, dict[str, str], str]:
    exp = expected(sample_id)
    values = {a: c["raw"] for a, c in exp["cells"].items() if c["status"] != "missing"}
    return exp, values, f"{exp['agency'] or ''}{exp['year']}年政府信息公开工作年度报告"


def _same_cells(r, exp: dict) -> None:
    """Every cell of the sample reads back with its value and status (a cell the sample lacks is
    an empty grid cell: blank, or missing)."""
    assert r.error is None and r.format == exp["format"]
    for a, c in exp["cells"].items():
        got = r.cells[a]
        if c["status"] == "missing":
            assert got.status in ("blank", "missing") and got.value is None, (a, got)
        else:
            assert (got.to_json()["value"], got.status) == (c["value"], c["status"]), (a, c["raw"], got)


# ---------------------------------------------------------------------------------------------
# HTML: document shape


def test_html_table_shape_rowspan_colspan_blank(tmp_path):
    values = b.consistent_values("2021", 4)
    values["requests/2/legal"] = ""  # written as &nbsp;
    doc = read_document(wb.html(tmp_path / "r.html", "2021", values, title=TITLE_21))
    assert doc.kind == "html" and doc.encoding == "utf-8"
    grid = [r for r in doc.rows if r.grid]
    assert sorted({r.table for r in grid}) == [1, 2, 3]
    req = [r for r in grid if r.table == 2]
    # header: the check note spans 3 columns and 3 rows; 申请人情况 spans 7 columns
    assert [c.text for c in req[0].cells] == [b.CHECK_NOTE, "申请人情况"]
    assert [(c.source, c.covered) for c in req[1].cells[:2]] == [("table 2 row 2 col 1", True), ("table 2 row 2 col 4", False)]
    row2 = next(r for r in req if r.cells[0].text == "二、上年结转政府信息公开申请数量")
    assert [c.text for c in row2.cells[1:]] == [values[f"requests/2/{c}"] for c in
                                                ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")]
    assert row2.cells[5].text == "" and row2.cells[5].source == "table 2 row 5 col 8"
    # a cell covered by 三、本年度办理结果 and （三）不予公开 repeats their text
    r332 = next(r for r in req if len(r.cells) > 2 and r.cells[2].text.startswith("2.其他法律"))
    assert [(c.text, c.covered) for c in r332.cells[:2]] == [("三、本年度办理结果", True), ("（三）不予公开", True)]
    assert doc.rows[0].cells[0].source == "paragraph 1" and not doc.rows[0].grid


@pytest.mark.parametrize("style,encoding,declare", [
    ("plain", "utf-8", True), ("word", "gbk", True), ("word", "utf-8", False),
    ("chrome", "gb2312", True), ("chrome", "gb18030", False),
])
@pytest.mark.parametrize("fmt,seed", [("2021", 1), ("2019", 2)])
def test_html_styles_and_encodings_read_back(tmp_path, style, encoding, declare, fmt, seed):
    values = b.consistent_values(fmt, seed)
    path = wb.html(tmp_path / "r.htm", fmt, values, style=style, encoding=encoding, declare=declare)
    r = check_file(path)
    assert r.error is None and r.format == fmt
    assert _raws(r) == values
    assert {c.status for c in r.cells.values()} == {"ok"}
    assert all(re.fullmatch(r"table \d row \d+ col \d+", c.source) for c in r.cells.values())
    assert not [f for f in r.findings if f.severity == "error"]


def test_site_chrome_scripts_and_hidden_text_left_out(tmp_path):
    doc = read_document(wb.html(tmp_path / "r.html", "2021", b.consistent_values("2021", 1), style="chrome"))
    text = doc.text()
    assert "var x" not in text and "隐藏内容" not in text and "版权所有" in text
    # the layout table around the article is not a grid: only the form's three tables are
    assert sorted({r.table for r in doc.rows if r.grid}) == [1, 2, 3]


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_samples_as_web_pages(tmp_path, sample_id):
    exp, values, title = _sample(sample_id)
    _same_cells(check_file(wb.html(tmp_path / "r.html", exp["format"], values, title=title, style="word", encoding="gbk")), exp)


@pytest.mark.parametrize("transfer,encoding", [("quoted-printable", "utf-8"), ("base64", "gbk")])
def test_mhtml_archives(tmp_path, transfer, encoding):
    values = b.consistent_values("2021", 3)
    r = check_file(wb.mhtml(tmp_path / "r.mhtml", "2021", values, title=TITLE_21, transfer=transfer, encoding=encoding))
    assert (r.error, r.format, r.year) == (None, "2021", 2022)
    assert _raws(r) == values


def test_bad_web_pages_say_why_in_chinese(tmp_path):
    no_page = tmp_path / "x.mht"
    no_page.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
    r = check_file(no_page)
    assert r.error_code == "read.corrupt" and "没有 HTML 页面" in r.error
    blank = tmp_path / "x.html"
    blank.write_bytes(b"<html><body><p>\xe6\x97\xa0</p></body></html>")
    r = check_file(blank)
    assert r.error_code == "read.no_tables"
    with pytest.raises(ReadError):
        read_document(tmp_path / "missing.html")


def test_page_linking_the_report_as_attachment_says_so(tmp_path):
    page = tmp_path / "x.html"
    page.write_text('<html><head><meta charset="gbk"><title>2023年政府信息公开工作年度报告</title></head><body>'
                    '<p>附件：<a href="/u/cms/2024/report.pdf">某县2023年年报.pdf</a> <a href="/index.html">首页</a></p>'
                    "</body></html>", encoding="gbk")
    doc = read_document(page)
    assert doc.notes == ["网页正文中没有表格；报告可能在附件中（某县2023年年报.pdf），请下载附件后再检查"]
    assert check_file(page).error_code == "read.no_tables"


# ---------------------------------------------------------------------------------------------
# HTML: the real corpus


def test_corpus_pingtan_2024_page():
    r = check_file(CORPUS / "html" / "2024_pingtan_zonghe_shiyanqu_page.html")
    assert (r.format, r.year) == ("2021", 2024)
    assert {c.status for c in r.cells.values()} == {"ok"}
    v = {a: c.value for a, c in r.cells.items()}
    assert [v[f"requests/1/{c}"] for c in ("natural", "commercial", "total")] == [217, 1, 218]
    assert (v["requests/3.6.3/total"], v["requests/3.7/total"]) == (2, 218)
    assert [v[f"appeals/suit_after_review/{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [13, 2, 4, 0, 19]
    assert (v["active/normative/issued"], v["active/fees/amount"]) == (62, Decimal("18651.06"))
    assert r.cells["requests/1/natural"].source == "table 2 row 4 col 4"


def test_corpus_shuyang_2023_page_with_site_chrome():
    r = check_file(CORPUS / "html" / "2023_suqian_shuyang_xian_fagaiju_crawled.html")
    assert (r.format, r.year, r.agency) == ("2021", 2023, "沭阳县发展和改革局")
    assert not [a for a, c in r.cells.items() if c.status == "missing"]
    assert (r.cells["requests/1/natural"].value, r.cells["requests/1/commercial"].status) == (26, "blank")
    assert [r.cells[f"appeals/review/{c}"].value for c in ("pending", "total")] == [1, 1]
    assert r.cells["active/normative/in_force"].value == 18


def test_corpus_shanghai_2019_fragment_nbsp_cells_are_blank():
    r = check_file(CORPUS / "html" / "2019_shanghai_shi_renmin_zhengfu_bangongting_fragment.html")
    assert (r.format, r.year) == ("2019", 2019)
    assert not [a for a, c in r.cells.items() if c.status == "missing"]
    v = {a: c.value for a, c in r.cells.items()}
    assert [v[f"requests/1/{c}"] for c in ("natural", "commercial", "legal", "other", "total")] == [821, 35, 2, 1, 859]
    assert (v["requests/3.1/natural"], v["requests/3.7/total"], v["requests/4/total"]) == (258, 805, 72)
    assert r.cells["requests/1/research"].status == "blank" and r.cells["requests/1/research"].raw == ""
    assert [v[f"appeals/review/{c}"] for c in ("upheld", "pending", "total")] == [5, 2, 7]


# ---------------------------------------------------------------------------------------------
# PDF: generated through LibreOffice


@pytest.fixture(scope="module")
def split_pdf(tmp_path_factory):
    """A 2021 report printed from Word with long prose (table 三 runs over a page break), a
    running header and 「- N -」 page numbers."""
    values = b.consistent_values("2021", 1)
    path = wb.pdf(tmp_path_factory.mktemp("pdf") / "split.pdf", "2021", values, title=TITLE_21, prose=wb.LONG_PROSE,
                  header="测试市生态环境局政府信息公开工作年度报告", footer="- {PAGE} -")
    return path, values


@needs_soffice
def test_pdf_reads_every_cell_of_its_source(split_pdf):
    path, values = split_pdf
    r = check_file(path)
    assert (r.error, r.format, r.year, r.agency) == (None, "2021", 2022, "测试市生态环境局")
    assert _raws(r) == values
    assert {c.status for c in r.cells.values()} == {"ok"}
    assert all(re.fullmatch(r"page \d+ table \d+ row \d+ col \d+", c.source) for c in r.cells.values())
    assert not [f for f in r.findings if f.severity == "error"] and not r.corrections


@needs_soffice
def test_pdf_table_split_over_pages_is_one_table(split_pdf):
    path, _ = split_pdf
    doc = read_document(path)
    r = check_file(path)
    pages = {int(c.source.split()[1]) for a, c in r.cells.items() if a.startswith("requests/")}
    assert len(pages) >= 2, "the prose must push table 三 over a page break"
    def table_of(address: str) -> int | None:
        return next(row.table for row in doc.rows if row.grid and any(c.source == r.cells[address].source for c in row.cells))

    t = table_of("requests/1/total")
    assert t is not None and table_of("requests/4/total") == t
    # the label column merged over the break is one label on both pages
    firsts = [row.cells[0] for row in doc.rows if row.grid and row.table == t and row.cells[0].covered]
    assert len(firsts) > 10 and {c.text for c in firsts} >= {"三、本年度办理结果"}
    assert len({c.source.split()[1] for c in firsts if c.text == "三、本年度办理结果"}) >= 2


@needs_soffice
def test_pdf_page_numbers_and_running_headers_left_out(split_pdf):
    doc = read_document(split_pdf[0])
    lines = [row.cells[0].text for row in doc.rows if not row.grid]
    assert not [t for t in lines if re.fullmatch(r"-\s*\d+\s*-", t)]
    assert "测试市生态环境局政府信息公开工作年度报告" not in lines
    assert any(t.startswith("测试市生态环境局2022年") for t in lines)  # the title itself stays


@needs_soffice
@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
def test_samples_printed_to_pdf(tmp_path, sample_id):
    exp, values, title = _sample(sample_id)
    _same_cells(check_file(wb.pdf(tmp_path / "r.pdf", exp["format"], values, title=title)), exp)


@needs_soffice
@pytest.mark.parametrize("variant", ["docx_one_table", "docx_nested", "docx_split_repeat", "docx_split_norepeat"])
@pytest.mark.parametrize("fmt,seed", [("2021", 1), ("2019", 2)])
def test_word_layouts_printed_to_pdf(tmp_path, variant, fmt, seed):
    """One table for everything (rows cut by page breaks), the form nested in an outer frame,
    table 三 in two Word tables with or without repeated header rows."""
    values = b.consistent_values(fmt, seed)
    src = b.VARIANTS[variant](tmp_path / "r.docx", fmt, values, title=TITLE_21 if fmt == "2021" else None)
    r = check_file(wb.convert_to_pdf(src, tmp_path / "r.pdf"))
    assert r.format == fmt and _raws(r) == values
    assert {c.status for c in r.cells.values()} == {"ok"}


@needs_soffice
def test_borderless_table_lines_are_cut_at_tab_stops(tmp_path):
    """Tab-separated paragraphs printed without ruled lines: a line with wide gaps and numbers is a row."""
    values = b.consistent_values("2021", 1)
    src = b.docx_paragraphs(tmp_path / "r.docx", "2021", values, title=TITLE_21)
    path = wb.convert_to_pdf(src, tmp_path / "r.pdf")
    r = check_file(path)
    for row in ("1", "2", "3.3.3", "3.3.8"):
        for col in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total"):
            a = f"requests/{row}/{col}"
            assert (r.cells[a].raw, r.cells[a].status) == (values[a], "ok"), a
    assert re.fullmatch(r"page \d+ line \d+ col 2", r.cells["requests/1/natural"].source)
    doc = read_document(path)
    assert not doc.rows[0].grid and doc.rows[0].cells[0].text.startswith("测试市生态环境局2022年")


@needs_soffice
def test_pdf_printed_from_a_web_page(tmp_path):
    values = b.consistent_values("2019", 5)
    r = check_file(wb.pdf(tmp_path / "r.pdf", "2019", values, title="测试县人民政府办公室2020年政府信息公开工作年度报告", source="html"))
    assert r.format == "2019" and _raws(r) == values


@needs_soffice
def test_scanned_pdf_says_it_needs_ocr(split_pdf, tmp_path):
    scan = wb.scanned_pdf(split_pdf[0], tmp_path / "scan.pdf")
    r = check_file(scan)
    assert r.error_code == "read.pdf_scanned" and "扫描" in r.error and "OCR" in r.error
    assert r.cells == {}


@needs_soffice
def test_scanned_page_among_text_pages_is_noted(split_pdf, tmp_path):
    path, values = split_pdf
    mixed = wb.append_scanned_page(path, tmp_path / "mixed.pdf")
    doc = read_document(mixed)
    n = max(int(c.source.split()[1]) for row in doc.rows for c in row.cells if c.source.startswith("page"))
    assert doc.notes == [f"第{n + 1}页是扫描图像，没有文字，未能读取"]
    assert _raws(check_file(mixed)) == values


@needs_soffice
def test_pages_stored_sideways_read_upright(split_pdf, tmp_path):
    path, values = split_pdf
    r = check_file(wb.rotated_pdf(path, tmp_path / "rotated.pdf"))
    assert (r.format, r.year) == ("2021", 2022) and _raws(r) == values
    assert r.cells["requests/3.7/total"].source == check_file(path).cells["requests/3.7/total"].source


@needs_soffice
def test_password_protected_pdf(tmp_path):
    src = b.docx_official(tmp_path / "r.docx", "2021", b.consistent_values("2021", 2), title=TITLE_21)
    import subprocess

    opts = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    subprocess.run([wb.soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", f"pdf:writer_pdf_Export:{opts}", "--outdir", str(tmp_path / "out"), str(src)],
                   check=True, capture_output=True, timeout=180)
    r = check_file(tmp_path / "out" / "r.pdf")
    assert r.error_code == "read.encrypted" and "密码" in r.error


@needs_soffice
def test_damaged_pdf_says_so(split_pdf, tmp_path):
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(split_pdf[0].read_bytes()[:3000])
    r = check_file(bad)
    assert r.error_code == "read.corrupt" and "PDF" in r.error and "Traceback" not in r.error


def test_not_a_pdf_at_all(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    r = check_file(bad)
    assert r.error_code == "read.corrupt" and "损坏" in r.error


# ---------------------------------------------------------------------------------------------
# PDF: the real corpus


def test_corpus_huaian_2024_reads_completely():
    path = CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf"
    r = check_file(path)
    assert (r.format, r.year, r.agency) == ("2021", 2024, "淮安市人民政府")
    assert {c.status for c in r.cells.values()} == {"ok"}
    v = {a: c.value for a, c in r.cells.items()}
    assert [v[f"requests/1/{c}"] for c in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")] == \
        [3001, 53, 0, 0, 61, 4, 3119]
    assert (v["requests/3.4.1/total"], v["requests/3.4.2/total"], v["requests/3.7/total"], v["requests/4/total"]) == (769, 11, 3050, 103)
    assert [v[f"appeals/review/{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [72, 64, 178, 37, 351]
    assert (v["active/licensing/decisions"], v["active/penalty/decisions"], v["active/fees/amount"]) == (447228, 3985758, Decimal("96171.6"))
    # 「（四）无 / 法提供」 is cut by the page break between 1. and 2.: rows on both pages are placed
    assert r.cells["requests/3.4.1/natural"].source.startswith("page 4 ")
    assert r.cells["requests/3.4.2/natural"].source.startswith("page 5 ")
    doc = read_document(path)
    labels = {c.text for row in doc.rows if row.grid for c in row.cells}
    assert {"三、本年度办理结果", "（四）无法提供"} <= labels  # vertical and page-cut labels joined
    lines = [row.cells[0].text for row in doc.rows if not row.grid]
    assert not [t for t in lines if re.fullmatch(r"-\s*\d+\s*-", t)]


@pytest.mark.parametrize("year", [2023, 2024])
def test_corpus_hongze_known_gaps(year):
    """洪泽 collapses （六）其他处理 into one row: those rows are reported missing, everything else is
    read. Its misprinted 「2.其他法律行政止公开」 is placed by its number between 1. and 3., said in an
    info finding (issue 16)."""
    r = check_file(CORPUS / "pdf" / f"{year}_huaian_hongze_qu_renmin_zhengfu.pdf")
    assert (r.format, r.year) == ("2021", year)
    missing = {a.rsplit("/", 1)[0] for a, c in r.cells.items() if c.status == "missing"}
    assert missing == {"requests/3.6.1", "requests/3.6.2", "requests/3.6.3"}
    assert sum(c.status == "ok" for c in r.cells.values()) == 179
    (note,) = [f for f in r.findings if f.rule == "row.inferred"]
    assert note.severity == "info" and "其他法律行政止公开" in note.message
    v = {a: c.value for a, c in r.cells.items()}
    if year == 2023:
        assert [v[f"appeals/review/{c}"] for c in ("upheld", "corrected", "total")] == [10, 1, 0]
        assert (v["appeals/suit_after_review/upheld"], v["appeals/suit_after_review/total"]) == (5, 0)
        assert {"appeals/review/total", "appeals/suit_after_review/total"} <= \
            {a for f in r.findings if f.rule == "appeals.total" for a in f.cells}
        assert (v["requests/1/total"], v["requests/3.4.3/total"], v["active/fees/amount"]) == (21, 0, Decimal("7730.28"))
    else:
        assert (v["requests/1/total"], v["requests/3.7/total"], v["active/licensing/decisions"]) == (95, 95, 9487)


def test_ruled_lines_to_cells():
    """Lines snapped and joined into cells: a header cell across three columns over three cells;
    segments drawn in pieces and 1 pt apart (thin filled rectangles) are one line."""
    from engine.reading.pdf import find_tables

    hs = [(0, 0, 150), (0, 150, 300), (20, 0, 300), (21, 0, 300), (40, 0, 300)]
    vs = [(0, 0, 40), (300, 0, 40), (100, 20, 40), (200, 20, 40), (1, 0, 40)]
    (t,) = find_tables(hs, vs)
    assert t.cells == [(0, 1, 0, 3), (1, 2, 0, 1), (1, 2, 1, 2), (1, 2, 2, 3)]
    assert len(t.xs) == 4 and len(t.ys) == 3
    # one framed box is no table; hatching too dense for a form is not searched for cells
    assert find_tables([(0, 0, 100), (50, 0, 100)], [(0, 0, 50), (100, 0, 50)]) == []
    assert find_tables([(y * 4.0, 0, 3000) for y in range(800)], [(x * 4.0, 0, 3200) for x in range(800)]) == []
