"""The action plan is complete and verbatim: 8 sections, their subsections, 88 actions, 6 footnotes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from cprdesk_core.corpus.schema import iter_items, load_yaml
from cprdesk_resources import CORPUS_DIR

SEED = "002_c1f122a2b53319d0.txt"
SEEDS_DIR = Path(__file__).resolve().parents[4] / "shared" / "seeds"


@pytest.fixture(scope="module")
def doc() -> dict:
    return load_yaml(CORPUS_DIR / "ap88" / "zh.yaml")


@pytest.fixture(scope="module")
def nodes(doc: dict) -> dict[str, dict]:
    return {n["id"]: n for n in iter_items(doc["items"])}


def test_metadata_is_what_the_source_says(doc: dict) -> None:
    meta = doc["meta"]
    assert doc["title"] == "执行联合国可持续发展大会成果文件第 88 段的行动计划"
    assert meta["agenda_symbol"] == "UNEP/EA.5/1/Rev.1"
    assert meta["session"] == "第五届会议"
    assert "2021 年 2 月 22 日至 26 日" in meta["dates_place"]
    assert not any("symbol" in k and k != "agenda_symbol" for k in meta), "no invented report symbol"


def test_eight_sections_in_order(nodes: dict) -> None:
    sections = [n for n in nodes.values() if n["kind"] == "section"]
    assert [s["id"] for s in sections] == [f"ap88/{r}" for r in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    assert [s["label"] for s in sections] == list("一二三四五六七八")


def test_actions_per_subsection(nodes: dict) -> None:
    per_subsection = Counter(
        "/".join(n["id"].split("/")[:3]) if n["id"].count("/") == 3 else "/".join(n["id"].split("/")[:2])
        for n in nodes.values()
        if n["kind"] == "action"
    )
    assert per_subsection == {
        "ap88/I/A": 4, "ap88/I/B": 4, "ap88/II/A": 5, "ap88/II/B": 4,
        "ap88/III/A": 4, "ap88/III/B": 7, "ap88/III/C": 4, "ap88/III/D": 3,
        "ap88/IV": 9, "ap88/V/A": 3, "ap88/V/B": 7, "ap88/V/C": 5,
        "ap88/VI/A": 5, "ap88/VI/B": 4, "ap88/VII/A": 3, "ap88/VII/B": 3,
        "ap88/VIII/A": 5, "ap88/VIII/B": 2, "ap88/VIII/C": 7,
    }
    assert sum(per_subsection.values()) == 88


def test_actions_are_numbered_from_one_in_each_subsection(doc: dict) -> None:
    for sub in iter_items(doc["items"]):
        if sub["kind"] != "subsection":
            continue
        labels = [c["label"] for c in sub.get("children", []) if c["kind"] == "action"]
        assert labels == [str(i) for i in range(1, len(labels) + 1)], sub["id"]


def test_section_four_keeps_its_unlettered_subsection(nodes: dict) -> None:
    sub = nodes["ap88/IV/0"]
    assert sub["kind"] == "subsection" and "label" not in sub
    assert sub["title"] == "加强联合国环境规划署的科学基础"
    assert [c["id"] for c in sub["children"]][:2] == ["ap88/IV/1", "ap88/IV/2"]


def test_introduction_has_four_paragraphs_and_lettered_points(nodes: dict) -> None:
    intro = nodes["ap88/intro"]
    assert [c["label"] for c in intro["children"]] == ["1", "2", "3", "4"]
    assert [c["label"] for c in nodes["ap88/intro/2"]["children"]] == ["(a)", "(b)", "(c)", "(d)", "(e)"]


def test_footnotes_are_attached_where_cited(doc: dict, nodes: dict) -> None:
    assert [f["id"] for f in doc["footnotes"]] == [f"ap88/fn/{i}" for i in range(1, 7)]
    cited = {
        label: item_id
        for item_id, n in nodes.items()
        for label in re.findall(r"\[\^(\d+)\]", n.get("text", ""))
    }
    assert cited == {
        "1": "ap88/III/B/7", "2": "ap88/III/C/3", "3": "ap88/III/D/2",
        "4": "ap88/IV/4", "5": "ap88/V/B/1", "6": "ap88/V/B/5",
    }
    assert doc["footnotes"][1]["text"] == "CEB/2019/3/Add.2。"


@pytest.mark.parametrize(
    ("item_id", "text"),
    [
        ("ap88/I/A/2", "鼓励更多的会员国向环境署寻求认证。"),
        ("ap88/I/A/4", "促进环境署秘书处工作人员、特别是高级职等人员的公平地域代表性。"),
        (
            "ap88/I/B/3",
            "通过环境大会和常驻代表委员会的网站以及根据关于执行和落实环境大会各项决议的第 4/22 号决议设立的环境大会监测和报告门户网站，"
            "提供关于环境署决策机构及其决定的全面且方便查阅的相关信息。",
        ),
        ("ap88/II/A/1", "针对环境署的强项和比较优势，改善和加强与会员国的沟通。"),
    ],
)
def test_spot_check_exact_texts(nodes: dict, item_id: str, text: str) -> None:
    assert nodes[item_id]["text"] == text


def pieces_in_source(text: str, source: str) -> list[str] | None:
    """Split `text` into the longest runs found verbatim in `source` (a page break splits a run);
    None if some character is not in the source at all."""
    pieces = []
    rest = text
    while rest:
        lo, hi = 0, len(rest)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if rest[:mid] in source:
                lo = mid
            else:
                hi = mid - 1
        if lo == 0:
            return None
        pieces.append(rest[:lo])
        rest = rest[lo:]
    return pieces


def test_every_text_is_verbatim_from_the_source(doc: dict) -> None:
    """With white space set aside and footnote markers read as their digits, each text is in the source,
    in at most two runs (a sentence that continues after a page's footnotes)."""
    from cprdesk_core.corpus.schema import texts_of

    seed = SEEDS_DIR / SEED
    if not seed.exists():
        pytest.skip("the seed documents are not beside the checkout")
    source = re.sub(r"\s+", "", seed.read_text(encoding="utf-8"))
    for node in [*iter_items(doc["items"]), *doc["footnotes"]]:
        for text in texts_of(node):
            plain = re.sub(r"\s+", "", re.sub(r"\[\^(\d+)\]", r"\1", text))
            pieces = pieces_in_source(plain, source)
            assert pieces is not None, node["id"]
            assert len(pieces) == 1 or (len(pieces) == 2 and min(map(len, pieces)) >= 4), (node["id"], pieces)
