"""The national formats, loaded from the TOML files beside this module.

A format is data: its tables, rows, columns, cell kinds and the linear rules between cells.
Nothing else in the engine branches on a format id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import messages

_HERE = Path(__file__).parent

FORMAT_IDS = ("2019", "2021")
TABLE_IDS = ("active", "requests", "appeals")
TABLE_TITLES_ZH = {"active": "主动公开情况表", "requests": "依申请公开情况表", "appeals": "行政复议、行政诉讼情况表"}
TABLE_TITLES_EN = {"active": "the proactive disclosure table", "requests": "the requests table",
                   "appeals": "the reconsideration and litigation table"}


def english(lang: str | None = None) -> bool:
    """Whether ``lang`` (default: the current language) is English."""
    return (lang or messages.language()) == "en"


def table_title(table: str, lang: str | None = None) -> str:
    """A short name of a table for messages (「依申请公开情况表」)."""
    return (TABLE_TITLES_EN if english(lang) else TABLE_TITLES_ZH)[table]


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """A row or column of the form: its id, the printed label and variants seen in real reports."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = "count"
    """``count`` (non-negative integer), ``signed`` (integer, may be negative), ``money`` (decimal, 万元)."""
    group: str | None = None
    """Group label printed before this row (e.g. 「（三）不予公开」), for display."""
    en: str = ""
    """The label in English (the form's English rendering), for the English interface."""
    group_en: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    def shown(self, lang: str | None = None) -> str:
        """The label in ``lang`` (default: the current language)."""
        return self.en if english(lang) and self.en else self.label

    def say(self, lang: str | None = None) -> str:
        """The label as a message parameter (see ``messages.text``)."""
        return self.shown(lang)

    def short(self, lang: str | None = None) -> str:
        """The label without its bracketed explanation (「部分公开」, "Partly disclosed")."""
        text = self.shown(lang)
        return text.split(" (")[0] if english(lang) and self.en else text.split("（")[0]

    def shown_group(self, lang: str | None = None) -> str | None:
        return self.group_en if english(lang) and self.group_en else self.group


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A stacked sub-table of table ``active`` (caption 「第二十条第（X）项」) or a whole plain table."""

    caption: str
    rows: tuple[LabelSpec, ...]
    cols: tuple[LabelSpec, ...]
    caption_en: str = ""

    def shown_caption(self, lang: str | None = None) -> str:
        return self.caption_en if english(lang) and self.caption_en else self.caption


@dataclass(frozen=True, slots=True)
class TableSpec:
    id: str
    title: str
    heading_aliases: tuple[str, ...]
    groups: tuple[GroupSpec, ...]
    markers: tuple[str, ...] = ()
    title_en: str = ""

    def shown_title(self, lang: str | None = None) -> str:
        """The printed title (「三、收到和处理政府信息公开申请情况」) in ``lang``."""
        return self.title_en if english(lang) and self.title_en else self.title

    @property
    def rows(self) -> tuple[LabelSpec, ...]:
        return tuple(r for g in self.groups for r in g.rows)


@dataclass(frozen=True, slots=True)
class CellSpec:
    address: str
    table: str
    row: LabelSpec
    col: LabelSpec
    kind: str
    group: int
    """Index of the sub-table in ``TableSpec.groups``."""


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One instance of a hard rule: sum(left) must equal sum(right)."""

    id: str
    table: str
    along: str
    """The row or column id the instance runs along (``total`` for the 总计 column, ``3.1`` …)."""
    each: str
    """``col``: one instance per column (the rule runs down a column); ``row``: per row."""
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True, slots=True)
class FormatSpec:
    id: str
    name: str
    first_year: int
    last_year: int | None
    vocabulary: tuple[str, ...]
    tables: dict[str, TableSpec]
    cells: tuple[CellSpec, ...]
    rules: tuple[RuleSpec, ...]
    results: tuple[str, ...]
    """The result rows of table ``requests`` whose sum is row 3.7."""
    by_address: dict[str, CellSpec] = field(default_factory=dict)
    name_en: str = ""

    def shown_name(self, lang: str | None = None) -> str:
        """The form's name (「2021年格式（国办公开办函〔2021〕30号）」) in ``lang``."""
        return self.name_en if english(lang) and self.name_en else self.name

    def say(self, lang: str | None = None) -> str:
        """The name as a message parameter (see ``messages.text``)."""
        return self.shown_name(lang)

    def cell(self, address: str) -> CellSpec:
        return self.by_address[address]

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def _labels(items: list[dict]) -> tuple[LabelSpec, ...]:
    return tuple(
        LabelSpec(
            id=i["id"],
            label=i["label"],
            aliases=tuple(i.get("aliases", ())),
            kind=i.get("kind", "count"),
            group=i.get("group"),
            en=i.get("en", ""),
            group_en=i.get("group_en"),
        )
        for i in items
    )


def _expand_rules(raw: list[dict], tables: dict[str, TableSpec]) -> list[RuleSpec]:
    out: list[RuleSpec] = []
    for r in raw:
        t = tables[r["table"]]
        (g,) = t.groups
        if r["each"] == "col":
            for c in g.cols:
                out.append(
                    RuleSpec(
                        id=r["id"], table=t.id, along=c.id, each="col",
                        left=tuple(f"{t.id}/{x}/{c.id}" for x in r["left"]),
                        right=tuple(f"{t.id}/{x}/{c.id}" for x in r["right"]),
                    )
                )
        else:
            for row in g.rows:
                out.append(
                    RuleSpec(
                        id=r["id"], table=t.id, along=row.id, each="row",
                        left=tuple(f"{t.id}/{row.id}/{x}" for x in r["left"]),
                        right=tuple(f"{t.id}/{row.id}/{x}" for x in r["right"]),
                    )
                )
    return out


@cache
def load(format_id: str) -> FormatSpec:
    """The format with this id (``2019`` or ``2021``)."""
    if format_id not in FORMAT_IDS:
        raise KeyError(format_id)
    common = tomllib.loads((_HERE / "common.toml").read_text(encoding="utf-8"))
    own = tomllib.loads((_HERE / f"format_{format_id}.toml").read_text(encoding="utf-8"))
    act = own["active"]
    tables: dict[str, TableSpec] = {
        "active": TableSpec(
            id="active", title=act["title"], heading_aliases=tuple(act.get("heading_aliases", ())),
            groups=tuple(GroupSpec(g["caption"], _labels(g["rows"]), _labels(g["cols"]), g.get("caption_en", ""))
                         for g in act["groups"]),
            title_en=act.get("title_en", ""),
        )
    }
    req = common["requests"]
    tables["requests"] = TableSpec(
        id="requests", title=req["title"], heading_aliases=tuple(req["heading_aliases"]),
        groups=(GroupSpec("", _labels(own["requests"]["rows"]), _labels(req["cols"])),),
        markers=tuple(req["markers"]), title_en=req.get("title_en", ""),
    )
    app = common["appeals"]
    tables["appeals"] = TableSpec(
        id="appeals", title=app["title"], heading_aliases=tuple(app["heading_aliases"]),
        groups=(GroupSpec("", _labels(app["rows"]), _labels(app["cols"])),),
        markers=tuple(app["markers"]), title_en=app.get("title_en", ""),
    )
    cells: list[CellSpec] = []
    for tid in TABLE_IDS:
        for gi, g in enumerate(tables[tid].groups):
            for row in g.rows:
                for col in g.cols:
                    kind = col.kind if col.kind != "count" else row.kind
                    cells.append(CellSpec(f"{tid}/{row.id}/{col.id}", tid, row, col, kind, gi))
    rules = _expand_rules(common["rules"], tables)
    results = tuple(own["requests"]["results"])
    rules += [
        RuleSpec(
            id="requests.results_total", table="requests", along=c.id, each="col",
            left=(f"requests/3.7/{c.id}",), right=tuple(f"requests/{r}/{c.id}" for r in results),
        )
        for c in tables["requests"].groups[0].cols
    ]
    order = {"requests.balance": 0, "requests.results_total": 1, "requests.applicant_total": 2, "appeals.total": 3}
    rules.sort(key=lambda r: order.get(r.id, 9))
    spec = FormatSpec(
        id=own["id"], name=own["name"], first_year=own["first_year"], last_year=own.get("last_year"),
        vocabulary=tuple(own["vocabulary"]), tables=tables, cells=tuple(cells), rules=tuple(rules),
        results=results, name_en=own.get("name_en", ""),
    )
    spec.by_address.update({c.address: c for c in cells})
    return spec


def all_formats() -> list[FormatSpec]:
    return [load(f) for f in FORMAT_IDS]


def format_for_year(year: int) -> str:
    """The format a report of this year must use."""
    return "2019" if year <= 2020 else "2021"
