"""Validation of corpus source files (format `cprdesk-corpus/1`, see docs/corpus-format.md)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "cprdesk-corpus/1"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DOC_KINDS = ("action_plan", "reform_table", "background")
PROVENANCES = ("official", "working", "user")
REVIEW_STATES = ("final", "draft", "checked")
ITEM_KINDS = (
    "part",
    "section",
    "subsection",
    "action",
    "paragraph",
    "subparagraph",
    "reform",
    "legend_entry",
    "table_row",
    "signature",
)
REFORM_FIELDS = ("ongoing_actions", "subprogramme_ref", "further_actions", "budget", "status")
LIST_FIELDS = ("ongoing_actions", "further_actions", "status")
ITEM_KEYS = {"id", "kind", "label", "title", "text", "fields", "cells", "note", "children"}
SEGMENT_KEYS = {"id", "title", "text", "fields", "cells", "note"}
TEXT_KEYS = ("title", "text", "fields", "cells")
ID_RE = re.compile(r"^[a-z0-9-]+(/[A-Za-z0-9._-]+)+$")
FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\]")


class CorpusFormatError(ValueError):
    """A corpus source file does not follow the format; the message names the file and the place."""


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def iter_items(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Depth-first walk over a tree of item mappings, in reading order."""
    for item in items:
        yield item
        yield from iter_items(item.get("children") or ())


def _check_blocks(where: str, value: Any, problems: list[Problem]) -> None:
    if not isinstance(value, list):
        problems.append(Problem(where, "must be a list of blocks"))
        return
    for i, block in enumerate(value):
        at = f"{where}[{i}]"
        if isinstance(block, str):
            if not block.strip():
                problems.append(Problem(at, "empty block"))
            continue
        if not isinstance(block, dict):
            problems.append(Problem(at, "a block is a string or a mapping"))
            continue
        unknown = set(block) - {"text", "bullet", "sub"}
        if unknown:
            problems.append(Problem(at, f"unknown keys {sorted(unknown)}"))
        if not isinstance(block.get("text"), str) or not block["text"].strip():
            problems.append(Problem(at, "block needs a non-empty text"))
        if "bullet" in block and not isinstance(block["bullet"], bool):
            problems.append(Problem(at, "bullet must be true or false"))
        sub = block.get("sub", [])
        if not isinstance(sub, list) or not all(isinstance(s, str) and s.strip() for s in sub):
            problems.append(Problem(at, "sub must be a list of non-empty strings"))


def _check_fields(where: str, fields: Any, problems: list[Problem]) -> None:
    if not isinstance(fields, dict):
        problems.append(Problem(where, "fields must be a mapping"))
        return
    if set(fields) != set(REFORM_FIELDS):
        problems.append(Problem(where, f"fields must have exactly {list(REFORM_FIELDS)}"))
    for name in LIST_FIELDS:
        value = fields.get(name)
        if value is None and name == "status":
            continue
        _check_blocks(f"{where}.{name}", value, problems)
    for name in ("subprogramme_ref", "budget"):
        value = fields.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(Problem(f"{where}.{name}", "must be a non-empty string or null"))


def _check_text(where: str, value: Any, problems: list[Problem]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(where, "must be a non-empty string"))
    elif value != value.strip():
        problems.append(Problem(where, "has leading or trailing white space"))


def _check_header(where: str, data: dict[str, Any], problems: list[Problem]) -> None:
    if data.get("format") != FORMAT:
        problems.append(Problem(where, f"format must be {FORMAT!r}"))
    if data.get("lang") not in LANGUAGES:
        problems.append(Problem(where, f"lang must be one of {LANGUAGES}"))
    if data.get("provenance") not in PROVENANCES:
        problems.append(Problem(where, f"provenance must be one of {PROVENANCES}"))
    if data.get("review") not in REVIEW_STATES:
        problems.append(Problem(where, f"review must be one of {REVIEW_STATES}"))
    if not isinstance(data.get("document"), str) or not re.fullmatch(r"[a-z0-9-]+", data["document"]):
        problems.append(Problem(where, "document must be a lower-case id"))
    _check_text(f"{where}: title", data.get("title"), problems)
    for key in ("meta", "labels"):
        value = data.get(key, {})
        if not isinstance(value, dict):
            problems.append(Problem(where, f"{key} must be a mapping"))
            continue
        for k, v in value.items():
            ok = isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
            if not ok:
                problems.append(Problem(f"{where}: {key}.{k}", "must be a string or a list of strings"))


def validate_source(data: Any, where: str = "zh.yaml") -> list[Problem]:
    """Check one official source file (the structure); returns the problems found."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return [Problem(where, "the file must hold a mapping")]
    _check_header(where, data, problems)
    if data.get("doc_kind") not in DOC_KINDS:
        problems.append(Problem(where, f"doc_kind must be one of {DOC_KINDS}"))
    unknown = set(data) - {
        "format", "document", "doc_kind", "lang", "provenance", "review", "source",
        "title", "meta", "labels", "items", "footnotes", "notes",
    }
    if unknown:
        problems.append(Problem(where, f"unknown top-level keys {sorted(unknown)}"))
    doc = data.get("document", "")
    items = data.get("items")
    if not isinstance(items, list) or not items:
        problems.append(Problem(where, "items must be a non-empty list"))
        items = []
    footnotes = data.get("footnotes") or []
    if not isinstance(footnotes, list):
        problems.append(Problem(where, "footnotes must be a list"))
        footnotes = []
    seen: set[str] = set()
    labels: set[str] = set()
    for fn in footnotes:
        at = f"{where}: footnote {fn.get('id') if isinstance(fn, dict) else fn!r}"
        if not isinstance(fn, dict) or set(fn) - {"id", "label", "text", "note"}:
            problems.append(Problem(at, "a footnote has id, label, text (and optional note)"))
            continue
        if fn.get("id") != f"{doc}/fn/{fn.get('label')}":
            problems.append(Problem(at, f"id must be {doc}/fn/<label>"))
        if fn.get("id") in seen:
            problems.append(Problem(at, "duplicate id"))
        seen.add(fn.get("id"))
        labels.add(str(fn.get("label")))
        _check_text(f"{at}.text", fn.get("text"), problems)
    cited: set[str] = set()

    def walk(nodes: list[Any], parent: str) -> None:
        for node in nodes:
            if not isinstance(node, dict):
                problems.append(Problem(f"{where}: under {parent}", "an item must be a mapping"))
                continue
            iid = node.get("id")
            at = f"{where}: {iid}"
            if not isinstance(iid, str) or not ID_RE.match(iid) or not iid.startswith(doc + "/"):
                problems.append(Problem(at, f"id must look like {doc}/<path> with [A-Za-z0-9._-] parts"))
            elif iid in seen:
                problems.append(Problem(at, "duplicate id"))
            seen.add(iid)
            unknown_keys = set(node) - ITEM_KEYS
            if unknown_keys:
                problems.append(Problem(at, f"unknown keys {sorted(unknown_keys)}"))
            kind = node.get("kind")
            if kind not in ITEM_KINDS:
                problems.append(Problem(at, f"kind must be one of {ITEM_KINDS}"))
            if "label" in node and (not isinstance(node["label"], str) or not node["label"]):
                problems.append(Problem(at, "label must be a non-empty string (quote numbers)"))
            for key in ("title", "text", "note"):
                if key in node:
                    _check_text(f"{at}.{key}", node[key], problems)
            if kind in ("part", "section", "subsection") and "title" not in node:
                problems.append(Problem(at, f"a {kind} needs a title"))
            if kind in ("action", "paragraph", "subparagraph", "reform", "legend_entry", "signature") and "text" not in node:
                problems.append(Problem(at, f"a {kind} needs a text"))
            if kind == "table_row" and "text" not in node and "cells" not in node:
                problems.append(Problem(at, "a table_row needs text or cells"))
            if "cells" in node and (
                not isinstance(node["cells"], list) or not all(isinstance(c, str) for c in node["cells"])
            ):
                problems.append(Problem(at, "cells must be a list of strings"))
            if kind == "reform":
                _check_fields(f"{at}.fields", node.get("fields"), problems)
            elif "fields" in node:
                problems.append(Problem(at, "only reforms have fields"))
            for text in texts_of(node):
                cited.update(FOOTNOTE_REF_RE.findall(text))
            children = node.get("children", [])
            if not isinstance(children, list):
                problems.append(Problem(at, "children must be a list"))
            else:
                walk(children, iid)

    walk(items, doc)
    for fn in footnotes:
        if isinstance(fn, dict):
            cited.update(FOOTNOTE_REF_RE.findall(str(fn.get("text", ""))))
    for key in ("labels", "meta"):
        for value in (data.get(key) or {}).values():
            for text in [value] if isinstance(value, str) else value:
                cited.update(FOOTNOTE_REF_RE.findall(text))
    for label in sorted(cited - labels):
        problems.append(Problem(where, f"[^{label}] cites a footnote that does not exist"))
    for label in sorted(labels - cited):
        problems.append(Problem(where, f"footnote {label} is never cited"))
    return problems


def texts_of(node: dict[str, Any]) -> Iterator[str]:
    """Every piece of text an item or segment carries (title, text, cells, field blocks)."""
    for key in ("title", "text"):
        if isinstance(node.get(key), str):
            yield node[key]
    for cell in node.get("cells") or ():
        if isinstance(cell, str):
            yield cell
    fields = node.get("fields")
    if isinstance(fields, dict):
        for name in REFORM_FIELDS:
            value = fields.get(name)
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                for block in value:
                    if isinstance(block, str):
                        yield block
                    elif isinstance(block, dict):
                        if isinstance(block.get("text"), str):
                            yield block["text"]
                        yield from (s for s in block.get("sub") or () if isinstance(s, str))


def _shape(node: dict[str, Any]) -> dict[str, Any]:
    """The text-bearing shape of an item: which keys it has and how long its lists are."""
    shape: dict[str, Any] = {k: True for k in ("title", "text") if k in node}
    if "cells" in node:
        shape["cells"] = len(node["cells"])
    fields = node.get("fields")
    if isinstance(fields, dict):
        for name in LIST_FIELDS:
            value = fields.get(name)
            if isinstance(value, list):
                shape[name] = [
                    len(b.get("sub") or ()) if isinstance(b, dict) else 0 for b in value
                ]
            else:
                shape[name] = value is None
        for name in ("subprogramme_ref", "budget"):
            shape[name] = fields.get(name) is None
    return shape


def validate_translation(data: Any, source: dict[str, Any], where: str) -> list[Problem]:
    """Check a translation file against its official source: same ids, same text-bearing shape."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return [Problem(where, "the file must hold a mapping")]
    _check_header(where, data, problems)
    if data.get("document") != source.get("document"):
        problems.append(Problem(where, "document differs from the source file"))
    unknown = set(data) - {
        "format", "document", "lang", "provenance", "review", "source", "title", "meta", "labels", "segments", "notes",
    }
    if unknown:
        problems.append(Problem(where, f"unknown top-level keys {sorted(unknown)}"))
    if set(data.get("labels") or {}) != set(source.get("labels") or {}):
        problems.append(Problem(where, "labels must have the same keys as the source"))
    expected: dict[str, dict[str, Any]] = {
        n["id"]: n for n in iter_items(source.get("items") or []) if isinstance(n, dict)
    }
    expected.update({fn["id"]: fn for fn in source.get("footnotes") or [] if isinstance(fn, dict)})
    segments = data.get("segments")
    if not isinstance(segments, list):
        return problems + [Problem(where, "segments must be a list")]
    seen: set[str] = set()
    for seg in segments:
        if not isinstance(seg, dict):
            problems.append(Problem(where, "a segment must be a mapping"))
            continue
        sid = seg.get("id")
        at = f"{where}: {sid}"
        if sid not in expected:
            problems.append(Problem(at, "no item with this id in the source"))
            continue
        if sid in seen:
            problems.append(Problem(at, "duplicate segment"))
        seen.add(sid)
        if set(seg) - SEGMENT_KEYS:
            problems.append(Problem(at, f"unknown keys {sorted(set(seg) - SEGMENT_KEYS)}"))
        for key in ("title", "text", "note"):
            if key in seg:
                _check_text(f"{at}.{key}", seg[key], problems)
        if "fields" in seg:
            _check_fields(f"{at}.fields", seg["fields"], problems)
        if _shape(seg) != _shape(expected[sid]):
            problems.append(Problem(at, "does not have the same text-bearing shape as the source item"))
    return problems


def load_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


def validate_file(path: Path) -> list[Problem]:
    """Validate one file; a translation is checked against the zh.yaml beside it."""
    data = load_yaml(path)
    if path.stem == "zh":
        return validate_source(data, str(path))
    source_path = path.with_name("zh.yaml")
    source = load_yaml(source_path)
    return validate_translation(data, source, str(path))


def main(argv: list[str]) -> int:
    failed = 0
    for name in argv:
        problems = validate_file(Path(name))
        for p in problems:
            print(p)
        failed += bool(problems)
        if not problems:
            print(f"{name}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
