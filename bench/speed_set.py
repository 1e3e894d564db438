"""The generated set the speed figures of issue 17 are measured on: realistic drafts, deterministic.

100 ``.txt`` (the four text layouts and three encodings), 100 ``.docx`` (the official form, one
table, split over two tables, nested, pasted as paragraphs) and 40 ``.xlsx`` (one sheet, three
sheets, numbers as text, hidden rows, SUM formulas with cached values), both national formats.
Each report has a title, a 总体情况 of several paragraphs (the length of a real report, ≈ 4–8 KB
of text) whose sentences state the table-三/四 numbers the checker compares, the three tables and
the closing sections. About one report in four has a damaged cell (two digits swapped, a total off
by one, a blank), one in eight a sentence that contradicts its table.

    .venv/bin/python bench/speed_set.py [--out out/speed-set]

Written under ``out/speed-set`` by default; an existing set is kept (same paths, same readings on
every run, so the JSON before and after a change can be compared byte for byte).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builders  # noqa: E402

DEFAULT = ROOT / "out" / "speed-set"
COUNTS = {"txt": 100, "docx": 100, "xlsx": 40}
VARIANTS = {
    "txt": ["txt_tab_utf8", "txt_pipe_gb18030", "txt_lines_utf16", "txt_tab_led_utf8sig"],
    "docx": ["docx_official", "docx_one_table", "docx_split_repeat", "docx_nested", "docx_paragraphs"],
    "xlsx": ["xlsx_one_sheet", "xlsx_three_sheets", "xlsx_one_sheet_text", "xlsx_one_sheet_hidden", "xlsx_cached"],
}
EXTRA = {
    "xlsx_cached": lambda p, f, v, **k: builders.xlsx_one_sheet(p, f, v, formulas="cached", **k),
}
PLACES = ["城关镇", "新华街道", "东城区", "临河乡", "北山县", "南湖区", "西岭镇", "高新区"]
BODIES = ["人民政府", "人民政府办公室", "发展和改革局", "自然资源局", "教育局", "卫生健康委员会", "市场监督管理局"]
FILLER = [
    "{year}年，{agency}在上级党委、政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
    "全面贯彻落实《中华人民共和国政府信息公开条例》，严格按照政务公开工作要求，坚持“以公开为常态、不公开为例外”，"
    "结合工作实际，围绕重点工作，积极推进政府信息公开工作，不断规范信息公开内容，创新信息公开形式，突出信息公开重点，提高信息公开水平。",
    "一是加强组织领导。将政府信息公开工作列入重要日程，成立政府信息公开工作领导小组，明确分管领导和工作人员，"
    "细化工作责任，积极推进主动公开与依申请公开工作，确保政务信息公开及时到位，保障公民、法人和其他组织依法获取政府信息的权利。",
    "二是完善工作机制。依据上级文件要求，全面梳理各部门的各类信息，对规范性文件、工作动态等方面的政府信息按工作流程进行公开，"
    "接受社会和公众的监督，做到规范化、系统化地公开政府信息，建立健全信息发布审核、保密审查、依申请公开办理等制度。",
    "三是丰富公开内容。坚持保障公众知情权和监督权，及时公开财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域信息，"
    "全年通过门户网站发布信息{posts}条，政务新媒体发布信息{media}条，召开新闻发布会{pressers}场。",
    "四是加强平台建设。持续优化政府门户网站栏目设置，完善政府信息公开专栏，统一公开指南、公开目录、公开制度、年度报告等内容，"
    "推进政务服务事项网上办理，方便群众查询和办理。",
    "五是强化监督保障。将政府信息公开工作纳入年度绩效考核，定期开展自查，对发现的问题及时整改；"
    "组织工作人员参加业务培训{training}次，不断提高工作人员的业务水平和服务意识。",
]
APPLICATIONS = [
    "（三）依申请公开。{year}年，本机关共收到政府信息公开申请{new}件，上年结转{carried}件。"
    "其中予以公开{disclosed}件，部分公开{partly}件，不予公开{withheld}件，无法提供{unavailable}件，"
    "不予处理{notproc}件，其他处理{other}件，{over}件结转下一年度办理。",
    "（三）依申请公开。全年受理政府信息公开申请{new}件，予以公开{disclosed}件，部分公开{partly}件，"
    "无法提供{unavailable}件，申请均在法定期限内答复。",
]
NONE = "（三）依申请公开。{year}年度本机关未收到政府信息公开申请，无上年结转申请。"
APPEALS = "（四）复议诉讼。本年度因政府信息公开引起行政复议{review}件，行政诉讼{suit}件。"
ACTIVE = "（二）主动公开。全年主动公开政府信息{posts}条，其中规范性文件{issued}件。"


def _int(values: dict[str, str], address: str) -> int:
    t = values.get(address) or "0"
    return int(t) if t.lstrip("-").isdigit() else 0


def prose(fmt: str, values: dict[str, str], year: int, agency: str, rnd: random.Random, contradict: bool) -> list[str]:
    """The 总体情况 paragraphs: filler at a real report's length and sentences stating the numbers."""
    rows = sorted({a.split("/")[1] for a in values if a.startswith("requests/")})
    r = lambda want: sum(_int(values, f"requests/{rid}/total") for rid in want)  # noqa: E731
    under = lambda head: r([rid for rid in rows if rid == head or rid.startswith(head + ".")])  # noqa: E731
    withheld, unavailable, notproc, other = under("3.3"), under("3.4"), under("3.5"), under("3.6")
    nums = {
        "year": year, "agency": agency, "new": r(["1"]), "carried": r(["2"]), "disclosed": r(["3.1"]),
        "partly": r(["3.2"]), "withheld": withheld, "unavailable": unavailable, "notproc": notproc, "other": other,
        "over": r(["4"]), "review": _int(values, "appeals/review/total"), "suit": _int(values, "appeals/suit_direct/total") + _int(values, "appeals/suit_after_review/total"),
        "posts": rnd.randint(80, 3000), "media": rnd.randint(50, 900), "pressers": rnd.randint(1, 12),
        "training": rnd.randint(1, 6), "issued": rnd.randint(0, 20),
    }
    if contradict:
        nums["disclosed"] += rnd.randint(1, 5)
    out = [p.format(**nums) for p in FILLER[: rnd.randint(3, len(FILLER))]]
    out.append(ACTIVE.format(**nums))
    out.append(NONE.format(**nums) if nums["new"] == 0 and nums["carried"] == 0 and not contradict
               else APPLICATIONS[rnd.randrange(len(APPLICATIONS))].format(**nums))
    out.append(APPEALS.format(**nums))
    out += [p.format(**nums) for p in FILLER[3 : 3 + rnd.randint(0, 3)]]
    return out


def damage(values: dict[str, str], rnd: random.Random) -> None:
    """One typing error in table 三: two digits swapped, a total off by one, or a blank."""
    cells = [a for a, v in values.items() if a.startswith("requests/") and v not in ("", "0")]
    if not cells:
        return
    a = rnd.choice(sorted(cells))
    kind = rnd.choice(("swap", "total", "blank"))
    v = values[a]
    if kind == "swap" and len(v) >= 2 and v[0] != v[1]:
        values[a] = v[1] + v[0] + v[2:]
    elif kind == "blank":
        values[a] = ""
    else:
        t = a.rsplit("/", 1)[0] + "/total"
        values[t] = str(_int(values, t) + 1)


def generate(folder: Path) -> list[Path]:
    """Write the set into ``folder`` (files already there are kept); the paths in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    n = 0
    for kind, count in COUNTS.items():
        for i in range(count):
            n += 1
            rnd = random.Random(f"speed/{kind}/{i}")
            fmt = "2019" if i % 3 == 0 else "2021"
            year = rnd.choice((2019, 2020)) if fmt == "2019" else rnd.choice((2021, 2022, 2023, 2024))
            agency = rnd.choice(PLACES) + rnd.choice(BODIES)
            values = builders.consistent_values(fmt, n, busy=rnd.choice((0.2, 0.35, 0.5)))
            if i % 4 == 1:
                damage(values, rnd)
            variant = VARIANTS[kind][i % len(VARIANTS[kind])]
            path = folder / f"{kind}-{i:03d}-{variant}.{kind}"
            out.append(path)
            if path.exists():
                continue
            build = EXTRA.get(variant) or builders.VARIANTS[variant]
            build(path, fmt, values, title=f"{agency}{year}年政府信息公开工作年度报告",
                  prose=prose(fmt, values, year, agency, rnd, contradict=i % 8 == 3))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=DEFAULT)
    args = ap.parse_args()
    files = generate(args.out)
    print(f"{len(files)} reports in {args.out}")


if __name__ == "__main__":
    main()
