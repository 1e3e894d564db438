"""Published-report renderings for the reader tests: web pages and PDFs, built from cell values.

Built on ``builders`` (the form laid out once as a grid with spans and vertical merges):

- ``html``: the report as a web page, the tables with ``rowspan``/``colspan`` as in the official
  form; styles ``plain``, ``word`` (Word-exported HTML: ``<o:p>``, MsoNormal paragraphs,
  conditional comments) and ``chrome`` (site navigation, a layout table around the article,
  footer); any encoding, declared by ``<meta charset>`` or not. Blank cells are ``&nbsp;``.
- ``mhtml``: the page saved by a browser as one MIME archive (quoted-printable or base64).
- ``pdf``: the report printed to PDF by LibreOffice headless from a Word rendering (optionally
  with a header and a 「- N -」 page-number footer, and long prose so table 三 runs over a
  page break) or from the web page.
- ``scanned_pdf``: a PDF's pages rendered to images and wrapped in a PDF with no text at all.
"""

from __future__ import annotations

import base64
import html as htmlmod
import quopri
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import builders as b

from engine import formats

BORDER = 'border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse"'


def _spans(rows: b.Layout) -> list[list[tuple[b.LCell, int]]]:
    """Each row's written cells with their rowspan (vertical-merge continuations counted, left out)."""
    cols: list[list[tuple[int, b.LCell]]] = []
    for row in rows:
        at, out = 0, []
        for c in row:
            out.append((at, c))
            at += c.span
        cols.append(out)
    result: list[list[tuple[b.LCell, int]]] = []
    for r, row in enumerate(cols):
        cells = []
        for at, c in row:
            if c.vmerge == "continue":
                continue
            down = 1
            if c.vmerge == "restart":
                for below in cols[r + 1:]:
                    if any(a == at and x.vmerge == "continue" for a, x in below):
                        down += 1
                    else:
                        break
            cells.append((c, down))
        result.append(cells)
    return result


def _cell_html(text: str | None, style: str) -> str:
    if text is None:
        return ""
    body = "&nbsp;" if text == "" else htmlmod.escape(text).replace("\n", "<br>")
    if style == "word":
        return f'<p class=MsoNormal align=center><span lang=EN-US style="font-size:10.5pt">{body}<o:p></o:p></span></p>'
    return body


def table_html(rows: b.Layout, style: str = "plain") -> str:
    """One laid-out table as ``<table>`` with ``rowspan``/``colspan``."""
    out = [f"<table {BORDER}>"]
    for cells in _spans(rows):
        tds = []
        for c, down in cells:
            attrs = (f' colspan="{c.span}"' if c.span > 1 else "") + (f' rowspan="{down}"' if down > 1 else "")
            tds.append(f"<td{attrs}>{_cell_html(c.text, style)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    if style == "word":  # Word's column-width row
        width = sum(c.span for c in rows[0])
        out.append("<![if !supportMisalignedColumns]><tr height=0>" + "<td width=40 style='border:none'></td>" * width
                   + "</tr><![endif]>")
    out.append("</table>")
    return "\n".join(out)


def page_html(format_id: str, values: b.Values, *, title: str | None = None, prose: Sequence[str] = (),
              style: str = "plain", charset: str | None = "utf-8") -> str:
    """The whole report as one HTML page (text)."""
    secs = b._sections(format_id, values, title, prose)
    head_title = secs[0]
    body: list[str] = []
    for s in secs:
        if isinstance(s, str):
            text = htmlmod.escape(s)
            body.append(f"<p class=MsoNormal>{text}<o:p></o:p></p>" if style == "word" else f"<p>{text}</p>")
        else:
            body.append(table_html(s[1], style))
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    article = "\n".join(body)
    if style == "word":
        return (f'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n'
                f"<head>{meta}<title>{htmlmod.escape(head_title)}</title><!--[if gte mso 9]><xml><w:WordDocument>"
                f"<w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>\n"
                f"<body lang=ZH-CN><div class=WordSection1>\n{article}\n<![if !supportMisalignedColumns]>"
                f"<p class=MsoNormal><o:p>&nbsp;</o:p></p><![endif]></div></body></html>\n")
    if style == "chrome":
        nav = "".join(f'<li><a href="/{k}">{t}</a></li>' for k, t in enumerate(["首页", "政务公开", "政府信息公开年报", "互动交流"]))
        return (f"<!DOCTYPE html>\n<html><head>{meta}<title>{htmlmod.escape(head_title)}_测试市人民政府</title>"
                "<script>var x = '<table><tr><td>1</td></tr></table>';</script><style>td{padding:2px}</style></head>\n"
                f'<body><div class="top"><ul class="nav">{nav}</ul></div>\n'
                '<div style="display:none">隐藏内容 12 34</div>\n'
                '<table width="100%"><tr><td class="left"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li></ul></td>\n'
                f'<td class="main"><div class="article">\n{article}\n</div></td></tr></table>\n'
                '<div class="footer"><p>版权所有：测试市人民政府办公室 | 网站标识码 3200000001</p>'
                "<p>主办单位：测试市人民政府办公室 电话：0517-80000000</p></div></body></html>\n")
    return f"<!DOCTYPE html>\n<html><head>{meta}<title>{htmlmod.escape(head_title)}</title></head>\n<body>\n{article}\n</body></html>\n"


def html(path: Path, format_id: str, values: b.Values, *, title: str | None = None, prose: Sequence[str] = (),
         style: str = "plain", encoding: str = "utf-8", declare: bool = True) -> Path:
    """Write the report as a web page in ``encoding`` (declared in a meta tag when ``declare``)."""
    path = Path(path)
    text = page_html(format_id, values, title=title, prose=prose, style=style, charset=encoding if declare else None)
    path.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))
    return path


def mhtml(path: Path, format_id: str, values: b.Values, *, title: str | None = None, prose: Sequence[str] = (),
          transfer: str = "quoted-printable", encoding: str = "utf-8", style: str = "plain") -> Path:
    """Write the report as a browser-saved MHTML archive (the page plus a stylesheet part)."""
    path = Path(path)
    page = page_html(format_id, values, title=title, prose=prose, style=style, charset=None).encode(encoding, errors="xmlcharrefreplace")
    body = quopri.encodestring(page).decode("ascii") if transfer == "quoted-printable" else base64.encodebytes(page).decode("ascii")
    boundary = "----MultipartBoundary--testBoundary1234----"
    parts = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: http://www.example.gov.cn/art/2022/1/1/art_1.html",
        "Subject: report",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"',
        "",
        "",
        f"--{boundary}",
        f'Content-Type: text/html; charset="{encoding}"',
        f"Content-Transfer-Encoding: {transfer}",
        "Content-Location: http://www.example.gov.cn/art/2022/1/1/art_1.html",
        "",
        body,
        f"--{boundary}",
        "Content-Type: text/css",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Location: http://www.example.gov.cn/style.css",
        "",
        "td { padding: 2px; }",
        f"--{boundary}--",
        "",
    ]
    path.write_bytes("\r\n".join(parts).encode("ascii"))
    return path


# ---------------------------------------------------------------------------------------------
# PDF through LibreOffice


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], to: str, outdir: Path, timeout: int = 300) -> None:
    """Convert ``files`` with LibreOffice headless (``to``: ``doc``, ``xls``, ``odt``, ``ods``, ``pdf``, or
    ``pdf:filter``) into ``outdir``, in a private profile so that parallel runs do not clash; one call
    for all the files. Raises when LibreOffice is missing or fails."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    with tempfile.TemporaryDirectory(prefix="lo_") as profile:
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=timeout)


def convert_to_pdf(src: Path, out: Path) -> Path:
    """Print ``src`` (.docx/.html) to the PDF ``out`` with LibreOffice headless, in a private profile."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="lo_") as tmp:
        work = Path(tmp)
        copy = work / f"doc{src.suffix}"
        shutil.copyfile(src, copy)
        filt = "pdf:writer_web_pdf_Export" if src.suffix.lower() in (".html", ".htm") else "pdf"
        convert([copy], filt, work, timeout=180)
        produced = work / "doc.pdf"
        if not produced.exists():
            raise RuntimeError(f"LibreOffice did not produce a PDF from {src.name}")
        shutil.move(produced, out)
    return out


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_header_footer(docx: Path, header: str, footer: str = "- {PAGE} -") -> Path:
    """Give every page of a .docx a running header and a page-number footer (``{PAGE}`` is the
    PAGE field), as published reports have."""
    def part(tag: str, text: str) -> str:
        runs = []
        for k, piece in enumerate(text.split("{PAGE}")):
            if k:
                runs.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            if piece:
                runs.append(f'<w:r><w:t xml:space="preserve">{htmlmod.escape(piece)}</w:t></w:r>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag} xmlns:w="{_W}" xmlns:r="{_R}">'
                f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{"".join(runs)}</w:p></w:{tag}>')

    docx = Path(docx)
    with zipfile.ZipFile(docx) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    items["word/header9.xml"] = part("hdr", header).encode()
    items["word/footer9.xml"] = part("ftr", footer).encode()
    rels = items["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdHdr9" Type="{_R}/header" Target="header9.xml"/>'
                        f'<Relationship Id="rIdFtr9" Type="{_R}/footer" Target="footer9.xml"/></Relationships>')
    items["word/_rels/document.xml.rels"] = rels.encode()
    ct = items["[Content_Types].xml"].decode()
    ct = ct.replace("</Types>",
                    '<Override PartName="/word/header9.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                    '<Override PartName="/word/footer9.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
    items["[Content_Types].xml"] = ct.encode()
    doc = items["word/document.xml"].decode()
    doc = re.sub(r"<w:(header|footer)Reference [^>]*/>", "", doc)
    refs = '<w:headerReference w:type="default" r:id="rIdHdr9"/><w:footerReference w:type="default" r:id="rIdFtr9"/>'
    doc, n = re.subn(r"(<w:sectPr\b[^>]*>)(?![\s\S]*<w:sectPr\b)", lambda m: m.group(1) + refs, doc)
    if n == 0:
        doc = doc.replace("</w:body>", f"<w:sectPr>{refs}</w:sectPr></w:body>")
    if 'xmlns:r="' not in doc[:2000]:
        doc = doc.replace("<w:document ", f'<w:document xmlns:r="{_R}" ', 1)
    items["word/document.xml"] = doc.encode()
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    return docx


LONG_PROSE = tuple(f"（{b._CN[k]}）本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开标准化规范化建设，"
                   "围绕中心工作做好政策解读和回应关切，主动公开政府信息，依法办理政府信息公开申请。" * 3
                   for k in range(1, 8))
"""Prose long enough to push table 三 over a page break."""


def pdf(path: Path, format_id: str, values: b.Values, *, title: str | None = None, prose: Sequence[str] = (),
        source: str = "docx", header: str | None = None, footer: str | None = None) -> Path:
    """The report printed to PDF by LibreOffice from its Word rendering (``source="docx"``, the
    official merges) or its web page (``source="html"``); optionally with a running header and a
    page-number footer such as 「- {PAGE} -」."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="nb_pdf_") as tmp:
        if source == "docx":
            src = b.docx_official(Path(tmp) / "report.docx", format_id, values, title=title, prose=prose)
            if header is not None or footer is not None:
                add_header_footer(src, header or "", footer or "")
        else:
            src = html(Path(tmp) / "report.html", format_id, values, title=title, prose=prose)
        return convert_to_pdf(src, path)


def scanned_pdf(src: Path, path: Path, scale: float = 1.5) -> Path:
    """``src``'s pages rendered to images, each page of ``path`` holding only its image: a scan."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    with open(src, "rb") as fh:
        doc = pdfium.PdfDocument(fh.read())
    for i in range(len(doc)):
        page = doc[i]
        w, h = page.get_size()
        bitmap = page.render(scale=scale, grayscale=True)
        new = out.new_page(w, h)
        img = pdfium.PdfImage.new(out)
        img.set_bitmap(bitmap)
        img.set_matrix(pdfium.PdfMatrix().scale(w, h))
        new.insert_obj(img)
        new.gen_content()
    out.save(str(path))
    return Path(path)


def all_values(format_id: str, values: b.Values) -> dict[str, str]:
    """``values`` restricted to the format's addresses (a helper for comparisons)."""
    spec = formats.load(format_id)
    return {c.address: values[c.address] for c in spec.cells if c.address in values}


def append_scanned_page(src: Path, path: Path) -> Path:
    """``src`` with a copy of its first page appended as a scanned image (a signed page scanned
    back in, as some publishers do)."""
    import pypdfium2 as pdfium

    scan = scanned_pdf(src, Path(path).with_suffix(".scan.pdf"))
    out = pdfium.PdfDocument(Path(src).read_bytes())
    out.import_pages(pdfium.PdfDocument(scan.read_bytes()), [0])
    out.save(str(path))
    return Path(path)


def rotated_pdf(src: Path, path: Path) -> Path:
    """``src`` stored sideways: each page's content drawn turned a quarter left on a landscape
    page that carries /Rotate 90, so it shows upright (as some PDF printers write pages)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(Path(src).read_bytes())
    out = pdfium.PdfDocument.new()
    for i in range(len(doc)):
        w, h = doc[i].get_size()
        obj = doc.page_as_xobject(i, out)
        page = out.new_page(h, w)
        po = obj.as_pageobject()
        po.transform(pdfium.PdfMatrix(0, 1, -1, 0, h, 0))
        page.insert_obj(po)
        page.gen_content()
        page.set_rotation(90)
    out.save(str(path))
    return Path(path)
