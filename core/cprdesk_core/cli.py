"""The `cprdesk` command: the GUI and the scriptable functions (items, search, …), errors as one sentence."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cprdesk_core.errors import N_, DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES


class UsageError(DomainError):
    """The command line is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError("{problem}", problem=f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser) -> None:
    # Accepted before and after the command: `cprdesk --data-dir D items` and `cprdesk items --data-dir D`.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use")


def _lang(value: str) -> str:
    if value not in CONTENT_LANGUAGES:
        raise argparse.ArgumentTypeError(f"unknown language {value!r} (use one of {', '.join(CONTENT_LANGUAGES)})")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cprdesk", description="CPR Desk: UNEP CPR documents, annotations and briefing notes.")
    _common(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the app (the default)")
    _common(gui)
    gui.add_argument("--ui-lang", type=_lang, help="user interface language")
    gui.add_argument("--content-lang", type=_lang, help="language of the texts shown")

    items = sub.add_parser("items", help="print the corpus items")
    _common(items)
    items.add_argument("--doc", help="only this document (ap88, ieg-reforms, …)")
    items.add_argument("--lang", type=_lang, help="only this language")
    items.add_argument("--format", choices=("jsonl",), default="jsonl")

    search = sub.add_parser("search", help="search every document and language")
    _common(search)
    search.add_argument("query")
    search.add_argument("--lang", type=_lang, action="append", help="only this language (repeatable)")
    search.add_argument("--doc", help="only this document")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--format", choices=("jsonl",), default="jsonl")

    rebuild = sub.add_parser("rebuild-corpus", help="rebuild the content tables from the bundled corpus")
    _common(rebuild)

    brief = sub.add_parser("brief", help="write briefing-note PDFs")
    _common(brief)
    which = brief.add_mutually_exclusive_group(required=True)
    which.add_argument("--items", type=_id_list, metavar="ID,…", help="these items, in this order")
    which.add_argument("--pack", metavar="NAME", help="the items of a saved pack")
    which.add_argument("--flagged", action="store_true", help="items whose notes say 'include in briefing'")
    which.add_argument("--all", action="store_true", help="every action and reform")
    brief.add_argument("--lang", required=True, type=_lang_or_all, help="ar, zh, en, fr, ru, es or all")
    brief.add_argument("--second-lang", type=_lang, help="print each item beside its text in this language too")
    brief.add_argument("--out", required=True, metavar="PATH", help="a .pdf file (one language) or a folder")
    brief.add_argument("--title", default="", help="title of the note")
    brief.add_argument("--meeting", default="", help="the meeting it prepares")
    brief.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="date of the meeting")
    brief.add_argument("--prepared-by", default="", help="who prepared it (default: your profile)")
    brief.add_argument("--cover-note", default="", help="a cover note")

    packs = sub.add_parser("packs", help="list, save or delete packs of items")
    _common(packs)
    pack_sub = packs.add_subparsers(dest="packs_command", metavar="{list,save,delete}", parser_class=_Parser, required=True)
    pack_list = pack_sub.add_parser("list", help="the saved packs, one JSON object a line")
    _common(pack_list)
    pack_save = pack_sub.add_parser("save", help="save (or replace) a pack")
    _common(pack_save)
    pack_save.add_argument("name")
    which_save = pack_save.add_mutually_exclusive_group(required=True)
    which_save.add_argument("--items", type=_id_list, metavar="ID,…")
    which_save.add_argument("--flagged", action="store_true", help="the items flagged 'include in briefing'")
    pack_save.add_argument("--title", default="")
    pack_save.add_argument("--meeting", default="")
    pack_save.add_argument("--date", default=None, metavar="YYYY-MM-DD")
    pack_save.add_argument("--cover-note", default="")
    pack_delete = pack_sub.add_parser("delete", help="delete a pack (its items are not touched)")
    _common(pack_delete)
    pack_delete.add_argument("name")

    annotations = sub.add_parser("annotations", help="export or import an annotation bundle")
    _common(annotations)
    bundle = annotations.add_subparsers(
        dest="annotations_command", metavar="{export,import}", parser_class=_Parser, required=True
    )
    export = bundle.add_parser("export", help="write notes and their history to a bundle file (.json or .zip)")
    _common(export)
    export.add_argument("--out", required=True, metavar="FILE", help="the bundle file to write")
    export.add_argument("--items", type=_id_list, metavar="ID,…", help="only notes on these items")
    export.add_argument("--tags", type=_id_list, metavar="TAG,…", help="only notes carrying one of these tags")
    import_ = bundle.add_parser("import", help="merge a bundle file into this database")
    _common(import_)
    import_.add_argument("file", metavar="FILE", help="the bundle file to read")

    version = sub.add_parser(
        "import-version", help="import a language version of a document (UTF-8/UTF-16 text or .docx), aligned by its numbering"
    )
    _common(version)
    version.add_argument("file", metavar="FILE", help="the text or Word file")
    version.add_argument("--doc", required=True, help="the document it is a version of (ap88, ieg-reforms, …)")
    version.add_argument("--lang", required=True, type=_lang, help="its language")
    version.add_argument(
        "--provenance", choices=("official", "user"), default="user",
        help="official: a text published by the UN; user: your own (the default)",
    )
    version.add_argument("--dry-run", action="store_true", help="show the proposed alignment and change nothing")
    version.add_argument("--show-pairs", action="store_true", help="also list every item with the start of its text")
    version.add_argument(
        "--force", action="store_true", help="import even if the file does not look like this document or language"
    )
    _add_check_parser(sub)
    return parser


def _add_check_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="check the language versions of each item against each other")
    _common(check)
    check.add_argument("--doc", help="only this document (ap88, ieg-reforms, …)")
    check.add_argument("--lang", type=_lang, action="extend", nargs="+", metavar="L",
                       help="only findings about these languages (--lang fr ru, or --lang fr --lang ru)")
    check.add_argument("--include-dismissed", action="store_true", help="also the findings marked not a problem")
    check.add_argument("--format", choices=("jsonl", "csv", "pdf"), default="jsonl")
    check.add_argument("--out", metavar="FILE", help="write to this file (required for pdf; default: standard output)")
    check.add_argument("--ui-lang", type=_lang, default="en", help="language of the report's labels and messages")


def _lang_or_all(value: str) -> str:
    return value if value == "all" else _lang(value)


def _id_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _print_jsonl(rows: Any) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _open(args: argparse.Namespace):  # noqa: ANN202 - returns the core Database
    from cprdesk_core.database import open_database
    from cprdesk_core.paths import resolve_data_dir

    return open_database(resolve_data_dir(getattr(args, "data_dir", None)))


def cmd_items(args: argparse.Namespace) -> int:
    from cprdesk_core.corpus.reader import CorpusQueries
    from cprdesk_core.i18n import display_ref
    from cprdesk_core.textfold import strip_markers

    db = _open(args)
    queries = CorpusQueries(db.connection())
    if args.doc and args.doc not in queries.document_ids():
        raise UsageError(N_("There is no document {doc}."), doc=args.doc)
    rows = []
    for row in queries.iter_texts(args.doc, args.lang):
        v = row.version
        fields: dict[str, Any] = {}
        if row.kind == "reform":
            fields = dict(v.fields or {})
        elif row.kind == "action":
            fields = {k: row.attrs.get(k) for k in ("subparagraph", "section", "subsection", "number")}
        rows.append(
            {
                "id": row.id,
                "doc": row.document_id,
                "kind": row.kind,
                "ref": display_ref(row.kind, row.ref, row.label, v.lang) or None,
                "label": row.label,
                "lang": v.lang,
                "provenance": v.provenance,
                "review": v.review_state,
                "title": v.title,
                "text": strip_markers(v.text) if v.text else (v.title or ""),
                "text_marked": v.text,
                "fields": fields,
                "cells": list(v.cells) if v.cells is not None else None,
                "parent": row.parent_id,
                "note": v.note,
            }
        )
    db.close()
    _print_jsonl(rows)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from cprdesk_core.i18n import display_ref
    from cprdesk_core.search import SearchFilters, SearchService

    db = _open(args)
    hits = SearchService(db.connection()).search(
        args.query, SearchFilters(tuple(args.lang or ()), args.doc), limit=max(1, min(args.limit, 1000))
    )
    db.close()
    _print_jsonl(
        {
            "id": h.item_id,
            "doc": h.document_id,
            "kind": h.kind,
            "ref": display_ref(h.kind, h.ref, None, h.lang) or None,
            "lang": h.lang,
            "snippet": h.snippet,
            "highlights": [list(span) for span in h.highlights],
            "by_reference": h.by_reference,
        }
        for h in hits
    )
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    from cprdesk_core.corpus.loader import build_corpus
    from cprdesk_resources import CORPUS_DIR

    db = _open(args)
    with db.sessions.begin() as session:
        result = build_corpus(session, CORPUS_DIR, force=True)
    print(f"{result.items} items, {result.texts} texts")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from cprdesk_core.annotations.service import AnnotationService
    from cprdesk_core.briefing.assemble import Cover, all_item_ids, export_briefings, flagged_item_ids
    from cprdesk_core.packs import PackService

    db = _open(args)
    try:
        cover = Cover(title=args.title, meeting=args.meeting, meeting_date=args.date, prepared_by=args.prepared_by,
                      cover_note=args.cover_note)
        if args.pack:
            pack = PackService(db).get(args.pack)
            items = list(pack.item_ids)
            cover = Cover(title=args.title or pack.title, meeting=args.meeting or pack.meeting,
                          meeting_date=args.date or pack.meeting_date, prepared_by=args.prepared_by,
                          cover_note=args.cover_note or pack.cover_note)
        elif args.all:
            items = all_item_ids(db)
        elif args.flagged:
            items = flagged_item_ids(db)
        else:
            items = args.items
        if cover.meeting_date:
            _check_date(cover.meeting_date)
        if not cover.prepared_by:
            profile = AnnotationService(db).profile()
            if profile:
                cover = Cover(cover.title, cover.meeting, cover.meeting_date,
                              ", ".join(p for p in (profile.name, profile.delegation) if p), cover.cover_note)
        langs = list(CONTENT_LANGUAGES) if args.lang == "all" else [args.lang]
        paths = export_briefings(db, items, langs, Path(args.out).expanduser(), cover, args.second_lang)
    finally:
        db.close()
    for path in paths:
        print(path)
    return 0


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(N_("{value} is not a date (use YYYY-MM-DD)."), value=value) from None


def cmd_packs(args: argparse.Namespace) -> int:
    from cprdesk_core.briefing.assemble import flagged_item_ids
    from cprdesk_core.packs import PackService

    db = _open(args)
    try:
        service = PackService(db)
        if args.packs_command == "list":
            _print_jsonl(
                {"name": p.name, "title": p.title, "meeting": p.meeting, "date": p.meeting_date, "items": list(p.item_ids)}
                for p in service.list()
            )
        elif args.packs_command == "save":
            items = flagged_item_ids(db) if args.flagged else args.items
            pack = service.save(args.name, items, title=args.title, meeting=args.meeting, meeting_date=args.date,
                                cover_note=args.cover_note)
            print(f"{pack.name}: {len(pack.item_ids)}")
        else:
            service.delete(args.name)
    finally:
        db.close()
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from gettext import ngettext

    from cprdesk_core.annotations import bundle

    db = _open(args)
    try:
        if args.annotations_command == "export":
            summary = bundle.export(db, Path(args.out), items=args.items, tags=args.tags)
            message = ngettext(
                "Exported {notes} note to {path}.", "Exported {notes} notes to {path}.", summary.notes
            )
            print(message.format(notes=summary.notes, path=summary.path))
            return 0
        report = bundle.import_bundle(db, Path(args.file))
    finally:
        db.close()
    print(
        N_("Imported {path}: {added} added, {updated} updated, {unchanged} unchanged, {conflicts} in conflict, {detached} detached.")
        .format(
            path=report.path, added=report.added, updated=report.updated, unchanged=report.unchanged,
            conflicts=len(report.conflicts), detached=len(report.detached),
        )
    )
    for conflict in report.conflicts:
        print(
            N_("Conflict: note {original} on {item} changed here and in the bundle; the bundle's version is note {copy}.")
            .format(original=conflict.original, item=conflict.item_id, copy=conflict.copy)
        )
    for note in report.detached:
        print(N_("Detached: note {uuid} is on {item}, which this corpus does not have.").format(uuid=note.uuid, item=note.item_id))
    return 0


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _paragraph_span(first: int, last: int) -> str:
    # Paragraphs are counted from 1 for people; the alignment counts from 0.
    return f"{first + 1}" if first == last else f"{first + 1}–{last + 1}"


def cmd_import_version(args: argparse.Namespace) -> int:
    from gettext import ngettext

    from cprdesk_core.versions import importer

    path = Path(args.file).expanduser()
    db = _open(args)
    try:
        # The proposal is printed first, so that a refusal below comes with the reasons for it.
        alignment, _ = importer.import_version(db, path, args.doc, args.lang, args.provenance, dry_run=True)
        _print_alignment(args, alignment)
        if args.dry_run:
            print(N_("Dry run: nothing was imported."))
            return 0
        if alignment.doubtful and not args.force:
            raise UsageError(
                N_("Nothing was imported: the file does not look like a version of {doc} in {lang} (use --force to import it anyway)."),
                doc=args.doc, lang=args.lang,
            )
        result = importer.apply_alignment(db, alignment, args.provenance, path.name)
    finally:
        db.close()
    print(
        ngettext(
            "Imported {count} text as {provenance} ({added} new in this language, {unchanged} already so); {revisions} replaced texts kept as revisions.",
            "Imported {count} texts as {provenance} ({added} new in this language, {unchanged} already so); {revisions} replaced texts kept as revisions.",
            result.written,
        ).format(
            count=result.written, provenance=result.provenance, added=result.added, unchanged=result.unchanged,
            revisions=result.revisions,
        )
    )
    return 0


def _print_alignment(args: argparse.Namespace, alignment: Any) -> None:
    from gettext import ngettext

    from cprdesk_core.versions import importer

    print(
        N_("{doc} in {lang} from {file}: {paragraphs} paragraphs read; {aligned} items aligned, {gaps} without text, {unaligned} parts not aligned.")
        .format(
            doc=alignment.document_id, lang=alignment.lang, file=args.file, paragraphs=alignment.paragraph_count,
            aligned=len(alignment.pairs), gaps=len(alignment.gaps), unaligned=len(alignment.unaligned),
        )
    )
    if args.show_pairs:
        for pair in alignment.pairs:
            numbering = pair.numbering or N_("(by position)")
            print(f"  {pair.item_id} ← {numbering} {_excerpt(pair.title or pair.text or '')}")
    for gap in alignment.gaps:
        ref = gap.ref or gap.label or gap.kind
        if gap.numbering is None:
            print(N_("Gap: {item} ({ref}) received no text.").format(item=gap.item_id, ref=ref))
        else:
            print(
                N_("Gap: {item} ({ref}) received no text; its number {numbering} stands alone in paragraph {paragraph}.")
                .format(item=gap.item_id, ref=ref, numbering=gap.numbering, paragraph=gap.paragraph + 1)
            )
    reasons = {
        importer.BEFORE_FIRST: N_("before the first number"),
        importer.AFTER_ITEM: N_("after {item}, whose text has fewer paragraphs"),
        importer.REFORM_COLUMNS: N_("after {item}: the other columns of a reform are not imported"),
        importer.UNEXPECTED_NUMBER: N_("the number {numbering} does not fit the document here"),
    }
    for part in alignment.unaligned:
        where = reasons[part.reason].format(item=part.after_item or "", numbering=part.numbering or "")
        message = ngettext(
            "Not aligned, paragraph {span} ({where}): {text}",
            "Not aligned, paragraphs {span} ({where}): {text}",
            part.last_paragraph - part.first_paragraph + 1,
        )
        print(message.format(span=_paragraph_span(part.first_paragraph, part.last_paragraph), where=where, text=_excerpt(part.text)))
    for notice in alignment.notices:
        print(N_("Note: {message}").format(message=notice.translated()))


def cmd_check(args: argparse.Namespace) -> int:
    from cprdesk_core.i18n import language_name, translations
    from cprdesk_core.versions import report
    from cprdesk_core.versions.glossary import load_glossary
    from cprdesk_core.versions.review import ReviewService

    if args.format == "pdf" and not args.out:
        raise UsageError(N_("A PDF report needs --out FILE."))
    db = _open(args)
    try:
        con = db.connection()
        documents = [r[0] for r in con.execute("SELECT id FROM corpus_document ORDER BY position")]
        if args.doc and args.doc not in documents:
            raise UsageError(N_("There is no document {doc}."), doc=args.doc)
        findings = ReviewService(db).findings(
            [args.doc] if args.doc else documents, load_glossary(), langs=args.lang,
            include_dismissed=args.include_dismissed,
        )
        info = report.report_info(con, args.ui_lang)
    finally:
        db.close()
    out = Path(args.out).expanduser() if args.out else None
    if args.format == "pdf":
        report.write_pdf(findings, out, args.ui_lang, info)
    elif args.format == "csv":
        report.write_csv(findings, out or sys.stdout.buffer, info, args.ui_lang)
    else:
        gettext = translations(args.ui_lang).gettext
        names: dict[str, str] = {}

        def name(lang: str) -> str:
            return names.setdefault(lang, language_name(lang, args.ui_lang))

        lines = (json.dumps(report.finding_record(f, info, gettext, name), ensure_ascii=False) + "\n" for f in findings)
        if out is None:
            sys.stdout.writelines(lines)
        else:
            from cprdesk_core.versions.report import ReportError

            try:
                out.write_text("".join(lines), encoding="utf-8")
            except OSError as exc:
                raise ReportError(N_("The file {path} cannot be written: {reason}"), path=out, reason=exc.strerror) from exc
    return 0


COMMANDS = {
    "items": cmd_items,
    "search": cmd_search,
    "rebuild-corpus": cmd_rebuild,
    "brief": cmd_brief,
    "packs": cmd_packs,
    "annotations": cmd_annotations,
    "import-version": cmd_import_version,
    "check": cmd_check,
}

GuiRunner = Callable[[str | None, str | None, str | None], int]


def main(argv: Sequence[str] | None = None, run_gui: GuiRunner | None = None) -> int:
    """Run one command; `run_gui` opens the desktop app (the core itself knows nothing of Qt)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        command = args.command or "gui"
        if command == "gui":
            if run_gui is None:
                raise UsageError(N_("The desktop interface is not installed."))
            return run_gui(getattr(args, "data_dir", None), getattr(args, "ui_lang", None), getattr(args, "content_lang", None))
        return COMMANDS[command](args)
    except DomainError as exc:
        print(f"cprdesk: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
