"""Prose against tables, report structure, this year against last year (issue 7).

``check_prose`` runs after the table rules. Narrative findings (``narrative.*``) compare each
number claim of the running text (see ``prose_claims``) with the cells of table 三/四 in the
``total`` column. A claim is compared only when every cell it needs was read (a blank ``total``
is replaced by the sum of its row's six applicant columns when those are all read, and the
message says so); approximate numbers (「50余件」「约50件」) are never compared. Mismatches of a
claim that names a row of the form exactly (予以公开, 不予公开, 上年结转, 结转下年度 …) read from
the cells themselves are errors; the others (受理/办理/答复 totals, which the text may count for a
different scope, shares, 「均获维持」, 「未收到申请」) are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import formats, messages
from ..model import BLANK, ERROR, INFO, OK, WARNING, Finding, Report
from ..reading.document import Document
from .claims import Claim, claims
from .text import cell_sources, lines, sentences

if TYPE_CHECKING:
    from .years import LastYear

messages.register(
    {
        "narrative.count": (
            "正文称{what}{claimed}件，但表格中{where}为{actual}件：“{quote}”",
            "The text says {what} {claimed}, but the table gives {actual} ({where}): “{quote}”",
        ),
        "narrative.count_at_least": (
            "正文称{what}{claimed}件，但表格中{where}已填各格相加至少为{actual}件（总计格空白，空白格未计入）：“{quote}”",
            "The text says {what} {claimed}, but the filled cells of the table add up to at least {actual} "
            "({where}; total blank, blank cells not counted): “{quote}”",
        ),
        "narrative.count_either": (
            "正文称{what}{claimed}件，但表格中{where}：“{quote}”",
            "The text says {what} {claimed}, but the table gives {where}: “{quote}”",
        ),
        "narrative.share": (
            "正文称{what}占{percent}%，按表格应为{expected}%（{actual}÷{base}）：“{quote}”",
            "The text gives {what} as {percent}%, the table gives {expected}% ({actual} of {base}): “{quote}”",
        ),
        "narrative.no_applications": (
            "正文称未收到政府信息公开申请，但表三“本年新收政府信息公开申请数量”总计为{actual}件：“{quote}”",
            "The text says no applications were received, but table 3 row 'new applications' totals {actual}: “{quote}”",
        ),
        "narrative.upheld": (
            "正文称{what}，但表四中{where}：“{quote}”",
            "The text says {what}, but table 4 shows {where}: “{quote}”",
        ),
        "prose.internal": (
            "正文检查时发生内部错误（{kind}），这部分未检查；表格的检查不受影响，请把这个文件发给开发者",
            "Internal error while checking the text ({kind}); that part was skipped, the tables were checked; please send this file to the developers",
        ),
        "narrative.computed": ("（总计格空白，按各列相加）", " (total cell blank: sum of the columns)"),
        "narrative.at_least": ("（总计格空白，已填各格相加至少为此数）", " (total cell blank: the filled cells add up to at least this)"),
        "narrative.sep": ("，", "; "),
        "narrative.or": ("或", " or "),
        "narrative.what.new": ("收到（受理）政府信息公开申请", "applications received"),
        "narrative.what.handled": ("办理政府信息公开申请", "applications handled"),
        "narrative.what.concluded": ("办结（答复）申请", "applications concluded"),
        "narrative.what.carried_in": ("上年结转申请", "applications carried over from last year"),
        "narrative.what.carried_over": ("结转下年度继续办理", "applications carried over to next year"),
        "narrative.what.disclosed": ("予以公开", "disclosed"),
        "narrative.what.partly_disclosed": ("部分公开", "partly disclosed"),
        "narrative.what.disclosed_or_partly": ("予以公开及部分公开", "disclosed or partly disclosed"),
        "narrative.what.withheld": ("不予公开", "withheld"),
        "narrative.what.unavailable": ("无法提供", "cannot be provided"),
        "narrative.what.not_processed": ("不予处理", "not processed"),
        "narrative.what.other_handling": ("其他处理", "handled otherwise"),
        "narrative.what.review": ("行政复议", "administrative reviews"),
        "narrative.what.suit": ("行政诉讼", "lawsuits"),
        "narrative.what.upheld": ("“均获维持”", "all were upheld"),
        "narrative.what.no_loss": ("“无败诉”", "no case was lost"),
        "narrative.row.1": ("“本年新收”", "'new this year'"),
        "narrative.row.1+2": ("“本年新收”加“上年结转”", "'new' plus 'carried over from last year'"),
        "narrative.row.2": ("“上年结转”", "'carried over from last year'"),
        "narrative.row.3.1": ("“予以公开”", "'disclosed'"),
        "narrative.row.3.2": ("“部分公开”", "'partly disclosed'"),
        "narrative.row.3.1+3.2": ("“予以公开”加“部分公开”", "'disclosed' plus 'partly disclosed'"),
        "narrative.row.3.3": ("“不予公开”各项之和", "sum of the 'withheld' rows"),
        "narrative.row.3.4": ("“无法提供”各项之和", "sum of the 'cannot be provided' rows"),
        "narrative.row.3.5": ("“不予处理”各项之和", "sum of the 'not processed' rows"),
        "narrative.row.3.6": ("“其他处理”", "'handled otherwise'"),
        "narrative.row.3.7": ("“总计”（办理结果）", "'total' of the outcomes"),
        "narrative.row.3.7+4": ("“总计”加“结转下年度”", "outcomes 'total' plus 'carried over to next year'"),
        "narrative.row.4": ("“结转下年度继续办理”", "'carried over to next year'"),
        "narrative.row.review": ("行政复议“总计”", "administrative review 'total'"),
        "narrative.row.suit": ("行政诉讼两项“总计”之和", "sum of the two lawsuit 'total' cells"),
        "narrative.where": ("表三{row}总计{value}件{note}", "table 3 {row} total {value}{note}"),
        "narrative.where4": ("表四{row}为{value}件", "table 4 {row} {value}"),
        "narrative.pending": ("{rows}有{n}件尚未审结", "{n} {rows} still pending"),
        "narrative.corrected": ("{rows}有{n}件结果纠正", "{n} {rows} with the decision corrected"),
        "narrative.rows.review": ("行政复议", "reviews"),
        "narrative.rows.suit": ("行政诉讼", "lawsuits"),
        "narrative.rows.all": ("行政复议和行政诉讼", "reviews and lawsuits"),
    }
)

# kind → (rule id, table quantities the claim may mean, exact): a claim agrees with any of them
_TARGETS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "new": ("narrative.new_applications", ("1", "1+2"), False),
    "handled": ("narrative.handled", ("1", "1+2", "3.7", "3.7+4"), False),
    "concluded": ("narrative.concluded", ("3.7",), False),
    "carried_in": ("narrative.carried_in", ("2",), True),
    "carried_over": ("narrative.carried_over", ("4",), True),
    "disclosed": ("narrative.disclosed", ("3.1",), True),
    "partly_disclosed": ("narrative.partly_disclosed", ("3.2",), True),
    "disclosed_or_partly": ("narrative.disclosed_or_partly", ("3.1+3.2",), True),
    "withheld": ("narrative.withheld", ("3.3",), True),
    "unavailable": ("narrative.unavailable", ("3.4",), True),
    "not_processed": ("narrative.not_processed", ("3.5",), True),
    "other_handling": ("narrative.other_handling", ("3.6",), True),
    "review": ("narrative.review", ("review",), False),
    "suit": ("narrative.suit", ("suit",), False),
}
_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other")


@dataclass(slots=True)
class Quantity:
    """A table quantity a claim is compared with."""

    name: str
    value: int
    """The value, or when ``exact`` is False its lower bound: blank cells count as at least 0."""
    cells: list[str]
    computed: bool
    """True when a blank ``total`` was replaced by the sum of its row's columns."""
    exact: bool = True

    def admits(self, n: int) -> bool:
        return n == self.value if self.exact else n >= self.value


def check_prose(doc: Document, report: Report, previous: Report | LastYear | list[LastYear] | None = None
                ) -> list[Finding]:
    """Findings where the report's own words contradict its tables, where its structure departs
    from the national format, and where it contradicts last year's report (``previous``: its
    figures; with a ``LastYear`` holding its text, copied text too; a list of last year's reports:
    the one of the same body, ``check_paired``)."""
    from .fees import check_fees
    from .structure import check_structure, find_headings
    from .years import check_last_year, check_paired

    if report.format is None:
        return []
    all_lines = lines(doc, cell_sources(report))
    sents = sentences(all_lines)
    try:  # once for every part; a part that finds None looks again inside its own guard below
        found = find_headings(all_lines)
    except Exception:
        found = None
    out: list[Finding] = []
    parts = [("narrative", lambda: narrative_findings(report, claims(sents))),
             ("structure", lambda: check_structure(doc, report, all_lines, sents, found)),
             ("fees", lambda: check_fees(report, all_lines, sents, found))]
    if previous is not None:
        parts.append(("years", lambda: check_paired(report, all_lines, previous, found) if isinstance(previous, list)
                      else check_last_year(report, all_lines, previous, found)))
    for name, part in parts:
        try:
            out += part()
        except Exception as e:  # a bug here must not cost the table checks already done
            out.append(Finding(f"{name}.skipped", INFO, [], messages.text("prose.internal", kind=type(e).__name__),
                               message_en=messages.text("prose.internal", "en", kind=type(e).__name__)))
    return out


def narrative_claims(doc: Document, report: Report) -> list[tuple[Claim, str | None]]:
    """Every claim of ``doc`` with the table quantity it matched (``1``, ``1+2`` …), None when it
    matched none or could not be compared. For tests and diagnostics."""
    out = []
    for c in claims(sentences(lines(doc, cell_sources(report)))):
        q = _quantities(report, c.kind)
        match = next((x.name for x in q if c.value is not None and x.exact and x.value == c.value), None)
        out.append((c, match))
    return out


# ---------------------------------------------------------------------------------------------
# table quantities


def _row_value(report: Report, row: str) -> tuple[int | None, bool, bool]:
    """(value or lower bound, computed from the columns, exact) of one row's ``total``."""
    cell = report.cells.get(f"requests/{row}/total")
    if cell is None:
        return None, False, False
    if cell.status == OK and isinstance(cell.value, int):
        return cell.value, False, True
    if cell.status != BLANK:
        return None, False, False
    parts = [report.cells.get(f"requests/{row}/{c}") for c in _COLUMNS]
    if any(p is None or p.status not in (OK, BLANK) or (p.status == OK and not isinstance(p.value, int)) for p in parts):
        return None, False, False
    # a blank cell is not 0, but it is not negative either: the known cells give a lower bound
    known = [p.value for p in parts if p is not None and p.status == OK]
    return sum(known), True, len(known) == len(parts)  # type: ignore[arg-type]


def _rows(report: Report, prefix: str) -> list[str]:
    spec = formats.load(report.format or "2019")
    rows = [r.id for r in spec.tables["requests"].rows]
    return [r for r in rows if r == prefix or r.startswith(prefix + ".")]


def _quantity(report: Report, name: str) -> Quantity | None:
    if name in ("review", "suit"):
        rows = ["review"] if name == "review" else ["suit_direct", "suit_after_review"]
        cells = [report.cells.get(f"appeals/{r}/total") for r in rows]
        if not all(c is not None and c.status == OK and isinstance(c.value, int) for c in cells):
            return None
        return Quantity(name, sum(c.value for c in cells), [c.address for c in cells], False)  # type: ignore[union-attr,misc]
    total, computed, exact, cells = 0, False, True, []
    for part in name.split("+"):
        rows = _rows(report, part)
        if not rows:
            return None
        for r in rows:
            v, comp, ex = _row_value(report, r)
            if v is None:
                return None
            total += v
            computed |= comp
            exact &= ex
            cells.append(f"requests/{r}/total")
    return Quantity(name, total, cells, computed, exact)


def _quantities(report: Report, kind: str) -> list[Quantity]:
    if kind not in _TARGETS:
        return []
    return [q for n in _TARGETS[kind][1] if (q := _quantity(report, n)) is not None]


# ---------------------------------------------------------------------------------------------
# findings


def narrative_findings(report: Report, found: list[Claim]) -> list[Finding]:
    """One finding per claim that contradicts the tables."""
    out: list[Finding] = []
    for c in found:
        if report.year and c.years and report.year not in c.years:
            continue  # the sentence is about another year
        if c.kind in _TARGETS:
            f = _count_finding(report, c)
            if f is not None:
                out.append(f)
        elif c.kind == "no_applications":
            q = _quantity(report, "1")
            if q is not None and q.value != 0:
                out.append(_finding("narrative.no_applications", WARNING, q.cells, c, "narrative.no_applications",
                                    lambda lang, q=q: {"actual": q.value}, actual=q.value, expected=0))
        elif c.kind in ("upheld", "no_loss"):
            f = _upheld_finding(report, c)
            if f is not None:
                out.append(f)
    return out


def _finding(rule: str, severity: str, cells: list[str], c: Claim, code: str, params, *,
             actual: int | Decimal | None = None, expected: int | Decimal | None = None) -> Finding:
    def msg(lang: str) -> str:
        return messages.text(code, lang, quote=c.quote, **params(lang))

    return Finding(rule, severity, cells, msg(messages.language()), actual=actual, expected=expected,
                   source=c.sentence.source, message_en=msg("en"))


def _where(q: Quantity, lang: str) -> str:
    t = messages.text
    if q.name in ("review", "suit"):
        return t("narrative.where4", lang, row=t(f"narrative.row.{q.name}", lang), value=q.value)
    note = t("narrative.at_least" if not q.exact else "narrative.computed", lang) if q.computed else ""
    return t("narrative.where", lang, row=t(f"narrative.row.{q.name}", lang), value=q.value, note=note)


def _count_finding(report: Report, c: Claim) -> Finding | None:
    if c.value is None or c.approximate:
        return None
    rule, _, exact = _TARGETS[c.kind]
    qs = _quantities(report, c.kind)
    if not qs:
        return None
    hit = next((q for q in qs if q.admits(c.value)), None)
    if hit is not None:
        return _share_finding(report, c, hit) if hit.exact else None
    severity = ERROR if exact and not any(q.computed for q in qs) else WARNING
    cells = list(dict.fromkeys(a for q in qs for a in q.cells))
    what = lambda lang: messages.text(f"narrative.what.{c.kind}", lang)  # noqa: E731
    if len(qs) == 1:
        q = qs[0]
        code = "narrative.count" if q.exact else "narrative.count_at_least"
        return _finding(rule, severity, cells, c, code,
                        lambda lang: {"what": what(lang), "claimed": c.value, "where": _where_short(q, lang),
                                      "actual": q.value},
                        actual=c.value, expected=q.value)
    return _finding(rule, severity, cells, c, "narrative.count_either",
                    lambda lang: {"what": what(lang), "claimed": c.value,
                                  "where": messages.text("narrative.sep", lang).join(_where(q, lang) for q in qs)},
                    actual=c.value, expected=qs[0].value)


def _where_short(q: Quantity, lang: str) -> str:
    """「表三“予以公开”总计」 without the value (the message gives it)."""
    t = messages.text
    if q.name in ("review", "suit"):
        return ("表四" if lang != "en" else "table 4 ") + t(f"narrative.row.{q.name}", lang)
    note = t("narrative.computed", lang) if q.computed and q.exact else ""
    return (f"表三{t(f'narrative.row.{q.name}', lang)}总计{note}" if lang != "en"
            else f"table 3 {t(f'narrative.row.{q.name}', lang)} total{note}")


def _share_finding(report: Report, c: Claim, q: Quantity) -> Finding | None:
    """「予以公开25件，占30.9%」: the share of the matched count in any plausible base."""
    if c.percent is None:
        return None
    claimed = Decimal(c.percent)
    places = -claimed.as_tuple().exponent if claimed.as_tuple().exponent < 0 else 0  # type: ignore[operator]
    tolerance = Decimal(1).scaleb(-places) + Decimal("0.011")  # rounding or truncation of the last place
    bases = [b for n in ("3.7", "1", "1+2") if (b := _quantity(report, n)) is not None and b.exact and b.value > 0]
    if not bases:
        return None
    shares = [(Decimal(q.value) * 100 / b.value, b) for b in bases]
    if any(abs(s - claimed) <= tolerance for s, _ in shares):
        return None
    expected, base = shares[0]
    expected = expected.quantize(Decimal(1).scaleb(-max(places, 1)))
    return _finding("narrative.share", WARNING, q.cells + base.cells, c, "narrative.share",
                    lambda lang: {"what": messages.text(f"narrative.what.{c.kind}", lang), "percent": c.percent,
                                  "expected": expected, "actual": q.value, "base": base.value},
                    actual=claimed, expected=expected)


def _upheld_finding(report: Report, c: Claim) -> Finding | None:
    rows = {"review": ["review"], "suit": ["suit_direct", "suit_after_review"]}.get(
        c.scope, ["review", "suit_direct", "suit_after_review"])
    checks = ["corrected"] + (["pending"] if c.kind == "upheld" else [])
    problems: list[tuple[str, int, list[str]]] = []
    for col in checks:
        cells = [report.cells.get(f"appeals/{r}/{col}") for r in rows]
        known = [x for x in cells if x is not None and x.status == OK and isinstance(x.value, int)]
        n = sum(x.value for x in known)  # type: ignore[misc]
        if n > 0:  # a blank cell cannot make it false; a non-zero one does
            problems.append((col, n, [x.address for x in known if x.value]))
    if not problems:
        return None

    def params(lang: str) -> dict[str, object]:
        t = messages.text
        rows_name = t(f"narrative.rows.{c.scope}", lang)
        where = t("narrative.sep", lang).join(t(f"narrative.{col}", lang, rows=rows_name, n=n) for col, n, _ in problems)
        return {"what": t(f"narrative.what.{c.kind}", lang), "where": where}

    cells = [a for _, _, addrs in problems for a in addrs]
    return _finding("narrative.upheld", WARNING, cells, c, "narrative.upheld", params,
                    actual=None, expected=None)
