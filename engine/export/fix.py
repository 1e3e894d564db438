"""A corrected copy of a Word/Excel draft: the corrected values written into their own cells (found
by ``CellReading.source``) and highlighted, with the old value in a comment; every other part of
the package is copied byte for byte.

Word: only ``word/document.xml`` changes, plus the comments part (and its relationship and content
type). Excel: only the edited sheets and ``xl/styles.xml`` (one fill and the cell formats using
it), plus each edited sheet's notes (comments part, VML shapes, relationships, content types).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from decimal import Decimal

from lxml import etree

from .. import messages
from ..model import Report
from ..reading.docx import cells_by_source, main_part
from ..reading.sheetgrid import column_index
from .plan import CORRECTED, DOUBTFUL, EDITED, Filled, show

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_S = f"{{{S}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
FILL = {CORRECTED: "FFF2A8", EDITED: "FFF2A8", DOUBTFUL: "FFC7CE"}
_TCPR_AFTER_SHD = {f"{_W}{t}" for t in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
                                         "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")}


def _text(v) -> str:
    return format(v, "f") if isinstance(v, Decimal) else show(v)


def targets(report: Report, filled: Filled) -> dict[str, tuple[str, str | None]]:
    """address → (source, new text or None to keep the text) for every marked cell with a source."""
    out: dict[str, tuple[str, str | None]] = {}
    for a, mark in filled.marks.items():
        r = report.cells.get(a)
        if r is None or not r.source:
            continue
        new = _text(filled.values[a]) if mark.kind in (CORRECTED, EDITED) and filled.values[a] is not None else None
        out[a] = (r.source, new)
    return out


def fixed(data: bytes, ext: str, report: Report, filled: Filled) -> bytes:
    """The corrected package's bytes."""
    if ext == ".docx":
        return _fix_docx(data, report, filled)
    return _fix_xlsx(data, report, filled)


def _rewrite(data: bytes, changed: dict[str, bytes]) -> bytes:
    """The zip with ``changed`` parts replaced or added; all other entries copied as they are."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        seen = set()
        for info in src.infolist():
            seen.add(info.filename)
            if info.filename in changed:
                dst.writestr(info, changed[info.filename], compress_type=zipfile.ZIP_DEFLATED)
            else:
                dst.writestr(info, src.read(info.filename), compress_type=info.compress_type)
        for name, body in changed.items():
            if name not in seen:
                dst.writestr(name, body)
    return out.getvalue()


def _parse(data: bytes) -> etree._Element:
    """A part of the draft, parsed without entities, DTDs or network (as the readers do): a crafted
    draft cannot pull local files into the corrected copy."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))


def _xml(el: etree._Element) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------------------------- Word


def _set_word_text(tc: etree._Element, text: str) -> etree._Element:
    """Put ``text`` in the cell's first text run (keeping its formatting); empty the others.
    Returns the run holding the text."""
    paras = [p for p in tc if p.tag == f"{_W}p"]
    if not paras:
        p = etree.SubElement(tc, f"{_W}p")
        paras = [p]
    runs = [r for p in paras for r in p.iter(f"{_W}r") if r.find(f"{_W}t") is not None]
    if runs:
        keep = runs[0]
        for r in runs[1:]:
            r.getparent().remove(r)
        ts = keep.findall(f"{_W}t")
        for t in ts[1:]:
            keep.remove(t)
        ts[0].text = text
    else:
        keep = etree.SubElement(paras[0], f"{_W}r")
        etree.SubElement(keep, f"{_W}t").text = text
    return keep


def _shade(tc: etree._Element, fill: str) -> None:
    pr = tc.find(f"{_W}tcPr")
    if pr is None:
        pr = etree.Element(f"{_W}tcPr")
        tc.insert(0, pr)
    old = pr.find(f"{_W}shd")
    if old is not None:
        pr.remove(old)
    shd = etree.Element(f"{_W}shd")
    shd.set(f"{_W}val", "clear")
    shd.set(f"{_W}color", "auto")
    shd.set(f"{_W}fill", fill)
    at = next((i for i, ch in enumerate(pr) if ch.tag in _TCPR_AFTER_SHD), len(pr))
    pr.insert(at, shd)


def _comment_run(tc: etree._Element) -> etree._Element:
    runs = [r for r in tc.iter(f"{_W}r") if r.find(f"{_W}t") is not None]
    if runs:
        return runs[0]
    p = tc.find(f"{_W}p")
    if p is None:
        p = etree.SubElement(tc, f"{_W}p")
    return etree.SubElement(p, f"{_W}r")


def _fix_docx(data: bytes, report: Report, filled: Filled) -> bytes:
    zf = zipfile.ZipFile(io.BytesIO(data))
    name = main_part(zf)
    root = _parse(zf.read(name))
    cells = cells_by_source(root.find(f"{_W}body"))
    notes: list[tuple[etree._Element, str]] = []
    for a, (source, new) in targets(report, filled).items():
        tc = cells.get(source)
        if tc is None:
            continue
        mark = filled.marks[a]
        run = _set_word_text(tc, new) if new is not None else _comment_run(tc)
        _shade(tc, FILL[mark.kind])
        notes.append((run, mark.note))
    changed = {name: b""}
    if notes:
        changed.update(_add_comments(zf, name, notes))
    changed[name] = _xml(root)
    return _rewrite(data, changed)


def _add_comments(zf: zipfile.ZipFile, main: str, notes: list[tuple[etree._Element, str]]) -> dict[str, bytes]:
    """Word comments anchored on each run; adds or extends the comments part."""
    folder = posixpath.dirname(main)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    names = set(zf.namelist())
    rels = _parse(zf.read(rels_name)) if rels_name in names else etree.Element(f"{{{PKG_REL}}}Relationships")
    target = None
    for rel in rels:
        if rel.get("Type") == COMMENTS_TYPE:
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
    out: dict[str, bytes] = {}
    if target is not None and target in names:
        comments = _parse(zf.read(target))
    else:
        target = posixpath.join(folder, "comments.xml")
        comments = etree.Element(f"{_W}comments", nsmap={"w": W})
        ids = {rel.get("Id") for rel in rels}
        rid = next(f"rId{n}" for n in range(900, 10000) if f"rId{n}" not in ids)
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=COMMENTS_TYPE, Target="comments.xml")
        out[rels_name] = _xml(rels)
        ct = _parse(zf.read("[Content_Types].xml"))
        part = "/" + target
        if not any(o.get("PartName") == part for o in ct):
            etree.SubElement(ct, f"{{{CT}}}Override", PartName=part, ContentType=COMMENTS_CT)
        out["[Content_Types].xml"] = _xml(ct)
    used = [int(c.get(f"{_W}id", "0")) for c in comments.findall(f"{_W}comment") if c.get(f"{_W}id", "").isdigit()]
    next_id = max(used, default=-1) + 1
    author = messages.text("export.author")
    for run, note in notes:
        cid = str(next_id)
        next_id += 1
        c = etree.SubElement(comments, f"{_W}comment")
        c.set(f"{_W}id", cid)
        c.set(f"{_W}author", author)
        c.set(f"{_W}initials", "NB")
        p = etree.SubElement(c, f"{_W}p")
        r = etree.SubElement(p, f"{_W}r")
        etree.SubElement(r, f"{_W}t").text = note
        start = etree.Element(f"{_W}commentRangeStart")
        start.set(f"{_W}id", cid)
        end = etree.Element(f"{_W}commentRangeEnd")
        end.set(f"{_W}id", cid)
        ref_run = etree.Element(f"{_W}r")
        ref = etree.SubElement(ref_run, f"{_W}commentReference")
        ref.set(f"{_W}id", cid)
        run.addprevious(start)
        run.addnext(end)
        end.addnext(ref_run)
    out[target] = _xml(comments)
    return out


# ---------------------------------------------------------------------------------------------- Excel

_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]+)(\d+)")


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part name."""
    wb = _parse(zf.read("xl/workbook.xml"))
    rels = _parse(zf.read("xl/_rels/workbook.xml.rels"))
    by_id = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sh in wb.iter(f"{_S}sheet"):
        t = by_id.get(sh.get(f"{{{R_NS}}}id"), "")
        out[sh.get("name")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
    return out


def _xlsx_cell(sheet: etree._Element, coord_col: str, row_n: int) -> etree._Element:
    """The ``c`` element at the coordinate, created (in order) when the sheet has none."""
    data = sheet.find(f"{_S}sheetData")
    ref = f"{coord_col}{row_n}"
    row = None
    for r in data.findall(f"{_S}row"):
        n = int(r.get("r", "0"))
        if n == row_n:
            row = r
            break
        if n > row_n:
            row = etree.Element(f"{_S}row", r=str(row_n))
            r.addprevious(row)
            break
    if row is None:
        row = etree.SubElement(data, f"{_S}row", r=str(row_n))
    want = column_index(coord_col)
    for c in row.findall(f"{_S}c"):
        m = re.match(r"([A-Z]+)", c.get("r", ""))
        if c.get("r") == ref:
            return c
        if m and column_index(m.group(1)) > want:
            new = etree.Element(f"{_S}c", r=ref)
            c.addprevious(new)
            return new
    return etree.SubElement(row, f"{_S}c", r=ref)


def _fix_xlsx(data: bytes, report: Report, filled: Filled) -> bytes:
    zf = zipfile.ZipFile(io.BytesIO(data))
    parts = _sheet_parts(zf)
    sheets: dict[str, etree._Element] = {}
    styles = _parse(zf.read("xl/styles.xml")) if "xl/styles.xml" in zf.namelist() else None
    restyled: dict[tuple[str, str], str] = {}
    comments: dict[str, list[tuple[str, str]]] = {}
    for a, (source, new) in targets(report, filled).items():
        m = _REF.fullmatch(source)
        if not m or styles is None:
            continue
        name = (m.group(1) or "").replace("''", "'") or m.group(2)
        part = parts.get(name)
        if part is None:
            continue
        if part not in sheets:
            sheets[part] = _parse(zf.read(part))
        c = _xlsx_cell(sheets[part], m.group(3), int(m.group(4)))
        if new is not None:
            for ch in list(c):
                c.remove(ch)
            c.attrib.pop("t", None)
            etree.SubElement(c, f"{_S}v").text = new
        kind = filled.marks[a].kind
        comments.setdefault(part, []).append((c.get("r"), filled.marks[a].note))
        key = (c.get("s", "0"), FILL[kind])
        if key not in restyled:
            restyled[key] = _filled_style(styles, *key)
        c.set("s", restyled[key])
    if not sheets:
        return data
    changed: dict[str, bytes] = {}
    ct = _parse(zf.read("[Content_Types].xml"))
    for part, notes in comments.items():
        changed.update(_add_sheet_comments(zf, part, sheets[part], notes, ct, set(changed)))
    changed.update({p: _xml(s) for p, s in sheets.items()})
    changed["xl/styles.xml"] = _xml(styles)
    if any(n.endswith(".vml") for n in changed):
        changed["[Content_Types].xml"] = _xml(ct)
    return _rewrite(data, changed)


_AFTER_LEGACY = {f"{_S}{t}" for t in ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                                       "webPublishItems", "tableParts", "extLst")}
VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
XL_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"


def _add_sheet_comments(zf: zipfile.ZipFile, part: str, sheet: etree._Element, notes: list[tuple[str, str]],
                        ct: etree._Element, taken: set[str]) -> dict[str, bytes]:
    """Excel notes (comments part + VML shapes + relationships) on a sheet that has none yet."""
    from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet

    if sheet.find(f"{_S}legacyDrawing") is not None:
        return {}  # the sheet has notes of its own: keep them as they are, highlight only
    names = set(zf.namelist()) | taken
    n = next(i for i in range(1, 10000) if f"xl/comments/comment{i}.xml" not in names
             and f"xl/drawings/commentsDrawing{i}.vml" not in names)
    records = []
    author = messages.text("export.author")
    for coord, note in notes:
        rec = CommentRecord(ref=coord, author=author)
        rec.text.t = note
        rec.width, rec.height = 260, 110
        records.append(rec)
    cs = CommentSheet.from_comments(records)
    comments_name, vml_name = f"xl/comments/comment{n}.xml", f"xl/drawings/commentsDrawing{n}.vml"
    out = {comments_name: _xml(cs.to_tree()), vml_name: cs.write_shapes()}
    rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    rels = _parse(zf.read(rels_name)) if rels_name in names else etree.Element(f"{{{PKG_REL}}}Relationships",
                                                                                       nsmap={None: PKG_REL})
    ids = {r.get("Id") for r in rels}
    free = (f"rId{i}" for i in range(900, 100000) if f"rId{i}" not in ids)
    vml_id, com_id = next(free), next(free)
    etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=com_id, Type=COMMENTS_TYPE, Target=f"../comments/comment{n}.xml")
    etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=vml_id,
                     Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
                     Target=f"../drawings/commentsDrawing{n}.vml")
    out[rels_name] = _xml(rels)
    legacy = etree.Element(f"{_S}legacyDrawing")
    legacy.set(f"{{{R_NS}}}id", vml_id)
    at = next((i for i, ch in enumerate(sheet) if ch.tag in _AFTER_LEGACY), len(sheet))
    sheet.insert(at, legacy)
    etree.SubElement(ct, f"{{{CT}}}Override", PartName=f"/{comments_name}", ContentType=XL_COMMENTS_CT)
    if not any(d.get("Extension", "").lower() == "vml" for d in ct.findall(f"{{{CT}}}Default")):
        ct.insert(0, etree.Element(f"{{{CT}}}Default", Extension="vml", ContentType=VML_CT))
    return out


def _filled_style(styles: etree._Element, xf_index: str, color: str) -> str:
    """Index of a new cell format: ``xf_index`` with a solid ``color`` fill."""
    fills = styles.find(f"{_S}fills")
    if fills is None:
        fills = etree.SubElement(styles, f"{_S}fills")
    fill = etree.SubElement(fills, f"{_S}fill")
    pf = etree.SubElement(fill, f"{_S}patternFill", patternType="solid")
    etree.SubElement(pf, f"{_S}fgColor", rgb="FF" + color)
    etree.SubElement(pf, f"{_S}bgColor", indexed="64")
    fills.set("count", str(len(fills)))
    xfs = styles.find(f"{_S}cellXfs")
    base = xfs[int(xf_index)] if int(xf_index) < len(xfs) else etree.Element(f"{_S}xf", numFmtId="0", fontId="0", fillId="0",
                                                                             borderId="0", xfId="0")
    xf = etree.fromstring(etree.tostring(base))
    xf.set("fillId", str(len(fills) - 1))
    xf.set("applyFill", "1")
    xfs.append(xf)
    xfs.set("count", str(len(xfs)))
    return str(len(xfs) - 1)
