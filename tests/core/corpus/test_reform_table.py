"""The reform table: 30 reforms with every field, the report, the draft decision and the legend."""

from __future__ import annotations

import pytest

from cprdesk_core.corpus.schema import iter_items, load_yaml
from cprdesk_resources import CORPUS_DIR


@pytest.fixture(scope="module")
def doc() -> dict:
    return load_yaml(CORPUS_DIR / "ieg-reforms" / "zh.yaml")


@pytest.fixture(scope="module")
def nodes(doc: dict) -> dict[str, dict]:
    return {n["id"]: n for n in iter_items(doc["items"])}


def test_thirty_reforms_numbered_in_order(nodes: dict) -> None:
    reforms = [n for n in nodes.values() if n["kind"] == "reform"]
    assert [r["id"] for r in reforms] == [f"ieg-reforms/{i}" for i in range(1, 31)]
    assert [r["label"] for r in reforms] == [str(i) for i in range(1, 31)]


def test_reform_one(nodes: dict) -> None:
    r = nodes["ieg-reforms/1"]
    assert r["text"] == "加强全球环境基金及其执行机构之间的合作和伙伴关系，包括通过加强环境署的作用增强这种合作和伙伴关系。"
    f = r["fields"]
    assert f["ongoing_actions"][0] == "为建立强大的全球环境基金提供体制支持——五次充资（已完成）"
    assert len(f["ongoing_actions"]) == 4
    assert f["subprogramme_ref"] == "SP 4: EG, EA: A"
    assert f["budget"] == "否"
    assert f["status"] == ["目前正与全球环境基金和执行机构进行探讨，不断努力加强合作。"] or f["status"][0] in (
        "目前正与全球环境基金和执行机构进行探讨，不断努力加强合作。",
        {"text": "目前正与全球环境基金和执行机构进行探讨，不断努力加强合作。", "bullet": False},
    )


def test_reform_nine_has_no_status(nodes: dict) -> None:
    assert nodes["ieg-reforms/9"]["fields"]["status"] is None
    assert all(nodes[f"ieg-reforms/{i}"]["fields"]["status"] for i in range(1, 31) if i != 9)


@pytest.mark.parametrize(
    ("number", "budget"),
    [(1, "否"), (2, "战略文件不涉及重大预算问题"), (16, "是"), (20, "是，但可能最终会导致节约"), (30, "否")],
)
def test_budget_implications_verbatim(nodes: dict, number: int, budget: str) -> None:
    assert nodes[f"ieg-reforms/{number}"]["fields"]["budget"] == budget


def test_every_reform_has_its_fields(nodes: dict) -> None:
    for i in range(1, 31):
        f = nodes[f"ieg-reforms/{i}"]["fields"]
        assert f["budget"], i
        assert f["ongoing_actions"] or f["further_actions"], i


def test_report_has_paragraphs_one_to_fourteen(nodes: dict) -> None:
    labels = [n["label"] for i, n in nodes.items() if i.startswith("ieg-reforms/report/") and n["kind"] == "paragraph"]
    assert labels == [str(i) for i in range(1, 15)]


def test_draft_decision_has_seven_operative_paragraphs(nodes: dict) -> None:
    decision = nodes["ieg-reforms/decision"]
    operative = [c for c in decision["children"] if c.get("label")]
    preamble = [c for c in decision["children"] if not c.get("label")]
    assert [c["label"] for c in operative] == [str(i) for i in range(1, 8)]
    assert preamble and all(c["id"].startswith("ieg-reforms/decision/pre") for c in preamble)
    assert nodes["ieg-reforms/decision/1"]["text"].startswith("敦促执行主任尽早完成")


def test_legend_gives_the_seven_abbreviations(nodes: dict) -> None:
    legend = {c["label"]: c["text"] for c in nodes["ieg-reforms/legend"]["children"]}
    assert legend == {
        "SP": "次级方案", "CC": "气候变化", "EG": "环境治理", "EM": "生态系统管理",
        "HSHW": "有害物质和危险废物", "RE": "资源效率", "EA": "预期成果",
    }


def test_column_headings_are_labels(doc: dict) -> None:
    assert doc["labels"]["column_status"] == "现状"
    assert doc["labels"]["column_further"].startswith("建议的进一步行动")
    assert doc["meta"]["agenda_symbol"] == "UNEP/GCSS.XII/1"
