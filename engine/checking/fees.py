"""Section 六 and 信息处理费 (2021 form only).

Since the 信息处理费 rules (国办函〔2020〕109号) the 2021 form (国办公开办函〔2021〕30号) has section
六「其他需要报告的事项」 say whether information processing fees were charged: the template's text
there is 「收取信息处理费情况在此处报告」. A statement is a sentence that names the fee (处理费, or
收费/收取…费用 about the disclosure work) and either gives an amount (「收取信息处理费3940元」,
「0元」) or says none was charged (「无收取信息处理费情况」「未发生收费情况」「未收取」).

- no statement in section 六 and none elsewhere: ``fees.missing`` (warning, at the heading);
- a statement only in another part: ``fees.elsewhere`` (info, where it is);
- section 六 says fees were charged without an amount: ``fees.amount`` (warning).

Nothing for the 2019 form, and nothing for a document that holds only the tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .. import messages
from ..model import INFO, WARNING, Finding, Report
from ..places import Place
from .structure import MIN_PROSE, Heading, find_headings, flat, section_headings
from .text import Line, Sentence, prose_size

messages.register(
    {
        "fees.missing": (
            "第六部分“其他需要报告的事项”没有说明本年度收取信息处理费的情况"
            "（2021年格式要求在此报告：收取的写明金额，未收取的写明未收取）",
            "Part 6, 'other matters to report', does not say whether information processing fees were charged "
            "this year (the 2021 form asks for it there: the amount if charged, or that none was)",
        ),
        "fees.missing_part": (
            "没有找到第六部分“其他需要报告的事项”，全文也没有说明本年度收取信息处理费的情况"
            "（2021年格式要求在第六部分报告：收取的写明金额，未收取的写明未收取）",
            "There is no part 6, 'other matters to report', and nowhere does the report say whether information "
            "processing fees were charged (the 2021 form asks for it in part 6: the amount, or that none was)",
        ),
        "fees.elsewhere": (
            "收取信息处理费的情况写在了第六部分以外（{where}）：“{quote}”，2021年格式要求在第六部分“其他需要报告的事项”中报告",
            "The information processing fees are reported outside part 6 ({where}): “{quote}”; "
            "the 2021 form asks for them in part 6, 'other matters to report'",
        ),
        "fees.amount": (
            "第六部分说收取了信息处理费，但没有写明金额：“{quote}”",
            "Part 6 says information processing fees were charged but gives no amount: “{quote}”",
        ),
        "rule.name.fees": ("信息处理费情况", "information processing fees"),
    }
)

FORMAT = "2021"
SIX = 5
"""Index of section 六 among the sections (0 … 5)."""

_FEE = re.compile(r"处理费|收费|收取[^。;,，]{0,12}费用?")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万)?元|[零〇]元")
_NONE = re.compile(r"无|未|没有|不存在|不涉及|免收|免于收取|不收取|零收费")
_STATEMENT_END = re.compile(r"[。;!?\n]")
_LAW = re.compile(r"《[^》]*》")
"""A title such as 《政府信息公开信息处理费管理办法》 names the fee without stating anything."""


@dataclass(slots=True)
class Statement:
    """A sentence that names the fee, and what it says."""

    start: int
    end: int
    """Offsets in the document's flat text (``structure.flat``)."""
    says: str
    """``amount`` (an amount is given, 0 included), ``none`` (none charged), ``charged`` (charged,
    no amount)."""


def check_fees(report: Report, all_lines: list[Line], sents: list[Sentence], found: list[Heading] | None = None
               ) -> list[Finding]:
    """``fees.*`` findings for a report on the 2021 form (``found``: its headings, when known)."""
    if report.format != FORMAT or prose_size(sents) < MIN_PROSE:
        return []
    text, starts = flat(all_lines)
    chosen, _ = section_headings(find_headings(all_lines) if found is None else found)
    six = chosen.get(SIX)

    def quote(st: Statement) -> str:
        return re.sub(r"\s*\n\s*", "", text[st.start:st.end]).strip()

    def where(offset: int) -> str:
        return all_lines[max(bisect_right(starts, offset) - 1, 0)].source

    if six is not None and (said := statements(text, six.end, len(text))):
        if all(st.says == "charged" for st in said):
            q = quote(said[0])
            return [Finding("fees.amount", WARNING, [], messages.text("fees.amount", quote=q), source=where(said[0].start),
                            message_en=messages.text("fees.amount", "en", quote=q))]
        return []
    elsewhere = statements(text, 0, six.start if six else len(text))
    if elsewhere:
        q, w = quote(elsewhere[0]), where(elsewhere[0].start)
        return [Finding("fees.elsewhere", INFO, [], messages.text("fees.elsewhere", where=Place(w), quote=q), source=w,
                        message_en=messages.text("fees.elsewhere", "en", where=Place(w), quote=q))]
    code = "fees.missing" if six else "fees.missing_part"
    return [Finding("fees.missing", WARNING, [], messages.text(code), source=six.source if six else None,
                    message_en=messages.text(code, "en"))]


def statements(text: str, begin: int, end: int) -> list[Statement]:
    """The sentences of ``text[begin:end]`` that state something about the fee, in order."""
    out: list[Statement] = []
    body = text[begin:end]
    for m in _FEE.finditer(body):
        if out and begin + m.start() < out[-1].end:
            continue  # same sentence as the last one
        a = max((x.end() for x in _STATEMENT_END.finditer(body, 0, m.start())), default=0)
        stop = _STATEMENT_END.search(body, m.end())
        while stop is not None and stop.group() == "\n":  # a sentence broken over lines (a PDF)
            nxt = _STATEMENT_END.search(body, stop.end())
            if nxt is None or nxt.start() - stop.end() > 40:
                break
            stop = nxt
        b = stop.end() if stop else len(body)
        said = _LAW.sub("", body[a:b])
        if not _FEE.search(said):
            continue  # only the title of the rules
        if _AMOUNT.search(said):
            says = "amount"
        elif _NONE.search(said):
            says = "none"
        elif re.search(r"收取|缴纳", said):
            says = "charged"
        else:
            continue
        out.append(Statement(begin + a, begin + b, says))
    return out
