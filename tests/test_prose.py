"""Prose against tables: number claims in real and generated sentences, compared with the cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import consistent_values, txt
from conftest import CORPUS, SAMPLE_IDS, sample_path

from engine.api import check_file
from engine.checking.numerals import is_approximate, to_int
from engine.checking.prose import narrative_claims
from engine.reading import read_document

S002 = sample_path("002_bfb1f788e4caebeb")
SENTENCE_002 = "全年共受理政府信息公开申请81件,其中予以公开25件,部分公开8件,不予公开20件,无法提供26件,2件结转下一年度办理。"


def narrative(report):
    return [f for f in report.findings if f.rule.startswith("narrative.")]


def damaged(tmp_path: Path, source: Path, old: str, new: str, name: str = "damaged.txt") -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    out = tmp_path / name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


# ---------------------------------------------------------------------------------------------
# numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [("81", 81), ("1,295", 1295), ("三十二", 32), ("一百零五", 105), ("两千", 2000), ("十", 10), ("十二", 12),
     ("一千零一", 1001), ("一万二千三百", 12300), ("零", 0), ("三五", None), ("二〇二〇", None), ("是", None)],
)
def test_numbers_in_arabic_and_chinese_numerals(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize(
    ("before", "after", "approx"),
    [("发布信息", "余条", True), ("约", "件", True), ("近", "件", True), ("受理", "件左右", True), ("受理", "多件", True),
     ("受理", "件以上", True), ("受理", "件,其中", False), ("予以公开", "件。", False)],
)
def test_approximate_numbers(before, after, approx):
    assert is_approximate(before, after) is approx


# ---------------------------------------------------------------------------------------------
# the real samples


def test_no_narrative_finding_on_any_sample(sample_id):
    """Every sample's prose agrees with its tables (checked by eye): no narrative finding."""
    assert narrative(check_file(sample_path(sample_id))) == []


def test_sample_002_sentence_read_claim_by_claim():
    r = check_file(S002)
    got = [(c.kind, c.value, match, c.sentence.source) for c, match in narrative_claims(read_document(S002), r)]
    assert got == [
        ("new", 81, "1", "line 13"),
        ("disclosed", 25, "3.1", "line 13"),
        ("partly_disclosed", 8, "3.2", "line 13"),
        ("withheld", 20, "3.3", "line 13"),
        ("unavailable", 26, "3.4", "line 13"),
        ("carried_over", 2, "4", "line 13"),
    ]
    assert narrative_claims(read_document(S002), r)[0][0].sentence.text.endswith(SENTENCE_002)


@pytest.mark.parametrize(
    ("old", "new", "rule", "severity", "cells", "actual", "expected"),
    [
        ("予以公开25件", "予以公开27件", "narrative.disclosed", "error", ["requests/3.1/total"], 27, 25),
        ("部分公开8件", "部分公开9件", "narrative.partly_disclosed", "error", ["requests/3.2/total"], 9, 8),
        ("不予公开20件", "不予公开19件", "narrative.withheld", "error", [f"requests/3.3.{i}/total" for i in range(1, 9)], 19, 20),
        ("无法提供26件", "无法提供62件", "narrative.unavailable", "error", [f"requests/3.4.{i}/total" for i in range(1, 4)], 62, 26),
        ("2件结转下一年度", "3件结转下一年度", "narrative.carried_over", "error", ["requests/4/total"], 3, 2),
        ("申请81件", "申请18件", "narrative.new_applications", "warning", ["requests/1/total", "requests/2/total"], 18, 81),
        ("予以公开25件", "予以公开二十七件", "narrative.disclosed", "error", ["requests/3.1/total"], 27, 25),
    ],
)
def test_one_number_changed_in_the_prose_gives_exactly_that_finding(tmp_path, old, new, rule, severity, cells, actual, expected):
    r = check_file(damaged(tmp_path, S002, old, new))
    (f,) = narrative(r)
    assert (f.rule, f.severity, f.cells, f.actual, f.expected, f.source) == (rule, severity, cells, actual, expected, "line 13")
    assert new in f.message  # the sentence is quoted
    assert f.message_en and str(actual) in f.message_en


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("申请81件", "申请八十一件"),  # Chinese numerals, same value
        ("予以公开25件", "予以公开二十五件"),
        ("予以公开25件", "予以公开20余件"),  # approximate: never compared
        ("申请81件", "申请约90件"),
        ("申请81件", "申请近百件"),
        ("无法提供26件", "无法提供20多件"),
        ("申请81件", "申请81件(含上年结转0件)"),
    ],
)
def test_equal_or_approximate_numbers_give_no_finding(tmp_path, old, new):
    assert narrative(check_file(damaged(tmp_path, S002, old, new))) == []


def test_no_applications_claim_against_a_nonzero_row_1(tmp_path):
    """Sample 001 says 「本年度未收到政府信息公开申请。」; give its table one application."""
    src = sample_path("001_5bf9956e543a31f7")
    old = "一、\t本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"
    new = "一、\t本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1"
    (f,) = narrative(check_file(damaged(tmp_path, src, old, new)))
    assert (f.rule, f.severity, f.cells, f.source) == ("narrative.no_applications", "warning", ["requests/1/total"], "line 39")
    assert "本年度未收到政府信息公开申请" in f.message


# ---------------------------------------------------------------------------------------------
# the real corpus


def _corpus_files() -> list[Path]:
    return sorted(p for d in ("txt", "md", "html", "pdf") for p in (CORPUS / d).glob("*.*"))


def test_corpus_narrative_findings_are_the_known_contradictions():
    """Read by eye: 上海 2019 (258 vs 272+3, 265 vs 337, 「均获维持」 with cases 尚未审结) and 洪泽 2024
    (受理17件 vs 新收95) contradict their tables; every other corpus report agrees with its own."""
    got: dict[str, list[tuple[str, object, object]]] = {}
    for p in _corpus_files():
        r = check_file(p)
        fs = narrative(r)
        if fs:
            got[p.name] = [(f.rule, f.actual, f.expected) for f in fs]
    assert got == {
        "2019_shanghai_shi_renmin_zhengfu_bangongting_fragment.html": [
            ("narrative.disclosed_or_partly", 258, 275),
            ("narrative.unavailable", 265, 337),
            ("narrative.upheld", None, None),
        ],
        "2024_huaian_hongze_qu_renmin_zhengfu.pdf": [("narrative.new_applications", 17, 95)],
    }


def test_shanghai_2019_blank_totals_give_a_lower_bound_and_pending_cases():
    r = check_file(CORPUS / "html" / "2019_shanghai_shi_renmin_zhengfu_bangongting_fragment.html")
    a, b, c = narrative(r)
    assert a.severity == "warning" and "至少为275件" in a.message and "予以公开及部分公开258件" in a.message
    assert a.source == "paragraph 14"
    assert "至少为337件" in b.message
    assert "尚未审结" in c.message and sorted(c.cells) == ["appeals/review/pending", "appeals/suit_direct/pending"]


def test_corpus_claims_that_agree_say_which_row_matched():
    """「受理…749件」 is rows 1 + 2 (713 + 36); 「共受理…1295件」 is row 1; 「办结69件」 is （七）总计."""
    cases = {
        CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt": ("new", 749, "1+2"),
        CORPUS / "md" / "2025_shanghai_shi_renmin_zhengfu_bangongting_pdfextract.md": ("new", 1295, "1"),
        CORPUS / "txt" / "2021_pingtan_zonghe_shiyanqu.txt": ("concluded", 69, "3.7"),
        CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf": ("review", 351, "review"),
        CORPUS / "txt" / "2023_pingtan_zonghe_shiyanqu.txt": ("disclosed_or_partly", 42, "3.1+3.2"),
    }
    for path, want in cases.items():
        r = check_file(path)
        got = [(c.kind, c.value, m) for c, m in narrative_claims(read_document(path), r)]
        assert want in got, (path.name, got)


def test_numbers_of_other_things_are_not_claims():
    """「共办理相关案件74件」 (沭阳) and 「受理网络问政182件」 (沭阳发改局) are not applications."""
    for path, value in [(CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt", 74),
                        (CORPUS / "html" / "2023_suqian_shuyang_xian_fagaiju_crawled.html", 182)]:
        r = check_file(path)
        assert value not in [c.value for c, _ in narrative_claims(read_document(path), r)]


# ---------------------------------------------------------------------------------------------
# generated reports


def _report(tmp_path: Path, prose: list[str], values: dict[str, str] | None = None, fmt: str = "2021"):
    v = values or consistent_values(fmt, 11, busy=0.8)
    return check_file(txt(tmp_path / "gen.txt", fmt, v, prose=prose)), v


def _sum(v: dict[str, str], prefix: str) -> int:
    return sum(int(x) for a, x in v.items() if a.startswith(f"requests/{prefix}") and a.endswith("/total"))


def test_generated_sentence_that_agrees(tmp_path):
    v = consistent_values("2021", 11, busy=0.8)
    t = lambda a: v[f"requests/{a}/total"]  # noqa: E731
    s = (f"本年度共收到政府信息公开申请{t('1')}件,上年结转{t('2')}件。其中予以公开{t('3.1')}件,部分公开{t('3.2')}件,"
         f"不予公开{_sum(v, '3.3.')}件,无法提供{_sum(v, '3.4.')}件,不予处理{_sum(v, '3.5.')}件,其他处理{_sum(v, '3.6.')}件。"
         f"共办结{t('3.7')}件,结转下年度继续办理{t('4')}件。发布信息50余条,受理网络问政182件,化解矛盾纠纷33件。"
         f"全年发生行政复议{v['appeals/review/total']}件。")
    r, _ = _report(tmp_path, [s], v)
    assert narrative(r) == []
    kinds = [c.kind for c, m in narrative_claims(read_document(tmp_path / "gen.txt"), r) if m]
    assert kinds == ["new", "carried_in", "disclosed", "partly_disclosed", "withheld", "unavailable", "not_processed",
                     "other_handling", "concluded", "carried_over", "review"]


def test_generated_sentences_that_disagree(tmp_path):
    v = consistent_values("2021", 11, busy=0.8)
    r1, withheld = int(v["requests/1/total"]), _sum(v, "3.3.")
    s = f"本年度共收到政府信息公开申请{r1 + 7}件,其中不予公开{withheld + 1}件,行政复议{int(v['appeals/review/total']) + 2}件。"
    r, _ = _report(tmp_path, [s], v)
    assert [(f.rule, f.actual) for f in narrative(r)] == [
        ("narrative.new_applications", r1 + 7), ("narrative.withheld", withheld + 1),
        ("narrative.review", int(v["appeals/review/total"]) + 2)]
    assert all(f.source == "line 3" for f in narrative(r))


def test_shares(tmp_path):
    v = consistent_values("2021", 11, busy=0.8)
    d, total = int(v["requests/3.1/total"]), int(v["requests/3.7/total"])
    share = f"{100 * d / total:.2f}"
    ok, _ = _report(tmp_path, [f"办结{total}件,其中予以公开{d}件,占{share}%。"], v)
    assert narrative(ok) == []
    wrong = f"{100 * d / total + 5:.2f}"
    bad, _ = _report(tmp_path, [f"办结{total}件,其中予以公开{d}件,占{wrong}%。"], v)
    (f,) = narrative(bad)
    assert f.rule == "narrative.share" and f"{wrong}%" in f.message


def test_all_upheld_against_pending_or_corrected_cases(tmp_path):
    v = consistent_values("2021", 11, busy=0.8)
    for row in ("review", "suit_direct", "suit_after_review"):
        for col, n in (("upheld", 2), ("corrected", 0), ("other", 0), ("pending", 0), ("total", 2)):
            v[f"appeals/{row}/{col}"] = str(n)
    r, _ = _report(tmp_path, ["行政复议2件,均获维持。"], v)
    assert narrative(r) == []
    v["appeals/review/pending"], v["appeals/review/total"] = "1", "3"
    r, _ = _report(tmp_path, ["行政复议3件,均获维持。"], v)
    (f,) = narrative(r)
    assert f.rule == "narrative.upheld" and f.cells == ["appeals/review/pending"]
    # 「无败诉」 is about lost cases only: a pending case does not contradict it
    r, _ = _report(tmp_path, ["行政诉讼4件,无败诉。行政复议3件。"], v)
    assert narrative(r) == []
    v["appeals/suit_direct/corrected"], v["appeals/suit_direct/upheld"] = "2", "0"
    r, _ = _report(tmp_path, ["全年无败诉案件。"], v)
    (f,) = narrative(r)
    assert f.rule == "narrative.upheld" and f.cells == ["appeals/suit_direct/corrected"]


@pytest.mark.parametrize(
    "sentence",
    [
        "其中,区政府办公室受理政府信息公开申请3件。",  # a part of the whole
        "较去年的受理政府信息公开申请200件有所下降。",  # another year
        "不予公开和无法提供的共3件。",  # two rows together
        "共受理政府信息公开申请三五件。",  # "a few"
        "全县共办理相关案件74件。",
        "收到群众来信申请3件。",
        "收到政府信息公开申请及咨询20件。",  # applications counted with something else
        "2019年,本机关共受理政府信息公开申请90件。",  # another year named
        "各乡镇共受理政府信息公开申请120件。",  # the subunits, not the body reporting
    ],
)
def test_sentences_that_are_not_comparable_claims(tmp_path, sentence):
    r, _ = _report(tmp_path, [sentence])
    assert narrative(r) == []


def test_every_sample_and_corpus_file_checks_without_error_from_prose():
    for p in [sample_path(s) for s in SAMPLE_IDS] + _corpus_files():
        r = check_file(p)
        assert r.error_code != "api.internal", (p.name, r.error)
        assert not [f for f in r.findings if f.rule.endswith(".skipped")], p.name
