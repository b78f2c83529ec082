"""Review of language versions: status per item and language, progress per document, dismissed check findings."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cprdesk_core.database import Database
from cprdesk_core.errors import N_, DomainError, NotFoundError
from cprdesk_core.i18n import CONTENT_LANGUAGES
from cprdesk_core.versions.checks import Dismissal, Finding, KnownFinding, run_checks
from cprdesk_core.versions.snapshot import load_snapshot

if TYPE_CHECKING:
    from cprdesk_core.versions.glossary import Glossary

# SQLAlchemy and the ORM models are imported inside the writing methods: reading needs only SQLite.

NOT_CHECKED = "not_checked"
CHECKED = "checked"
NEEDS_REVISION = "needs_revision"
REVIEW_STATUSES = (NOT_CHECKED, CHECKED, NEEDS_REVISION)
MAX_COMMENT_CHARS = 20_000
MAX_REASON_CHARS = 2_000


class ReviewError(DomainError):
    """A review or dismissal that cannot be recorded as asked."""


@dataclass(frozen=True)
class Review:
    """The review state of one item in one language; never reviewed: not_checked, no reviewer, no time."""

    item_id: str
    lang: str
    status: str
    comment: str
    reviewer: str
    updated_at: datetime | None


@dataclass(frozen=True)
class Progress:
    """How far the review of one language of one document has come: items by status."""

    document_id: str
    lang: str
    total: int
    not_checked: int
    checked: int
    needs_revision: int


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class ReviewService:
    """Review states and dismissals, read through SQLite and written through the ORM, one transaction each."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- review status

    def review(self, item_id: str, lang: str) -> Review:
        row = self._db.connection().execute(
            "SELECT status, comment, reviewer, updated_at FROM user_review WHERE item_id = ? AND lang = ?",
            (item_id, lang),
        ).fetchone()
        if row is None:
            return Review(item_id, lang, NOT_CHECKED, "", "", None)
        return Review(item_id, lang, row[0], row[1], row[2], _dt(row[3]))

    def reviews(self, document_id: str, lang: str | None = None) -> list[Review]:
        """The recorded reviews of a document's items (in reading order), of one language or all."""
        sql = (
            "SELECT r.item_id, r.lang, r.status, r.comment, r.reviewer, r.updated_at FROM user_review r "
            "JOIN corpus_item i ON i.id = r.item_id WHERE i.document_id = ?"
        )
        params: list[str] = [document_id]
        if lang is not None:
            sql += " AND r.lang = ?"
            params.append(lang)
        rows = self._db.connection().execute(sql + " ORDER BY i.position, r.lang", params).fetchall()
        return [Review(r[0], r[1], r[2], r[3], r[4], _dt(r[5])) for r in rows]

    def set_review(self, item_id: str, lang: str, status: str, comment: str = "", reviewer: str = "") -> Review:
        """Record the review state of an item's version in `lang` (not_checked clears it)."""
        from sqlalchemy import delete

        from cprdesk_db.models import UserReview

        if status not in REVIEW_STATUSES:
            raise ReviewError(N_("{status} is not a review status (use not_checked, checked or needs_revision)."),
                              status=status)
        if lang not in CONTENT_LANGUAGES:
            raise ReviewError(N_("{lang} is not one of the six languages."), lang=lang)
        if len(comment) > MAX_COMMENT_CHARS:
            raise ReviewError(N_("A review comment can be at most {count} characters long."), count=MAX_COMMENT_CHARS)
        self._require_version(item_id, lang)
        comment = comment.strip()
        reviewer = " ".join(reviewer.split())
        with self._db.sessions.begin() as s:
            if status == NOT_CHECKED and not comment:
                s.execute(delete(UserReview).where(UserReview.item_id == item_id, UserReview.lang == lang))
            else:
                s.merge(UserReview(item_id=item_id, lang=lang, status=status, comment=comment, reviewer=reviewer,
                                   updated_at=_now()))
        return self.review(item_id, lang)

    def _require_version(self, item_id: str, lang: str) -> None:
        con = self._db.connection()
        if con.execute("SELECT 1 FROM corpus_item WHERE id = ?", (item_id,)).fetchone() is None:
            raise NotFoundError(N_("There is no item {id}."), id=item_id)
        if con.execute("SELECT 1 FROM corpus_text WHERE item_id = ? AND lang = ?", (item_id, lang)).fetchone() is None:
            raise ReviewError(N_("Item {id} has no {lang} version to review."), id=item_id, lang=lang)

    def progress(self, document_id: str) -> list[Progress]:
        """Per language of the document, how many of its versions are not checked, checked or need revision."""
        con = self._db.connection()
        if con.execute("SELECT 1 FROM corpus_document WHERE id = ?", (document_id,)).fetchone() is None:
            raise NotFoundError(N_("There is no document {doc}."), doc=document_id)
        rows = con.execute(
            "SELECT t.lang, count(*), sum(r.status = 'checked'), sum(r.status = 'needs_revision') "
            "FROM corpus_text t JOIN corpus_item i ON i.id = t.item_id "
            "LEFT JOIN user_review r ON r.item_id = t.item_id AND r.lang = t.lang "
            "WHERE i.document_id = ? GROUP BY t.lang",
            (document_id,),
        ).fetchall()
        by_lang = {r[0]: r for r in rows}
        out = []
        for lang in CONTENT_LANGUAGES:
            if lang in by_lang:
                _, total, checked, revise = by_lang[lang]
                checked, revise = checked or 0, revise or 0
                out.append(Progress(document_id, lang, total, total - checked - revise, checked, revise))
        return out

    # -- dismissals

    def dismissals(self) -> dict[str, Dismissal]:
        """Every finding a user dismissed: key → dismissal."""
        return {
            key: Dismissal(reason, by, _dt(at))
            for key, reason, by, at in self._db.connection().execute(
                "SELECT finding_key, reason, dismissed_by, dismissed_at FROM user_dismissal"
            )
        }

    def dismiss(self, finding: Finding, reason: str, by: str) -> Finding:
        """Record that `finding` is not a problem, and why; returns it marked dismissed."""
        from cprdesk_db.models import UserDismissal

        reason = reason.strip()
        if not reason:
            raise ReviewError(N_("Please say why this finding is not a problem."))
        if len(reason) > MAX_REASON_CHARS:
            raise ReviewError(N_("A reason can be at most {count} characters long."), count=MAX_REASON_CHARS)
        by = " ".join(by.split())
        now = _now()
        with self._db.sessions.begin() as s:
            s.merge(UserDismissal(finding_key=finding.key, check_id=finding.check_id, item_id=finding.item_id,
                                  reason=reason, dismissed_by=by, dismissed_at=now))
        return replace(finding, dismissal=Dismissal(reason, by, now))

    def undismiss(self, finding: Finding | str) -> None:
        """Forget a user's dismissal (of a finding, or by key); a dismissal recorded in the bundled data stays."""
        from sqlalchemy import delete

        from cprdesk_db.models import UserDismissal

        key = finding if isinstance(finding, str) else finding.key
        with self._db.sessions.begin() as s:
            s.execute(delete(UserDismissal).where(UserDismissal.finding_key == key))

    def apply_dismissals(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings, those a user dismissed marked so (dismissals recorded in data are kept)."""
        dismissed = self.dismissals()
        return [
            replace(f, dismissal=dismissed[f.key]) if f.dismissal is None and f.key in dismissed else f
            for f in findings
        ]

    # -- checking

    def findings(self, document_ids: Iterable[str] | None = None, glossary: Glossary | None = None,
                 known: Collection[KnownFinding] | None = None, langs: Collection[str] | None = None,
                 include_dismissed: bool = False) -> list[Finding]:
        """Run the checks over documents (default: all), keep the findings that involve `langs`, mark dismissals."""
        con = self._db.connection()
        if document_ids is None:
            document_ids = [r[0] for r in con.execute("SELECT id FROM corpus_document ORDER BY position")]
        findings: list[Finding] = []
        for document_id in document_ids:
            findings.extend(run_checks(load_snapshot(con, document_id), glossary, None if known is None else tuple(known)))
        if langs:
            wanted = set(langs)
            findings = [f for f in findings if wanted & set(f.languages)]
        findings = self.apply_dismissals(findings)
        if not include_dismissed:
            findings = [f for f in findings if not f.dismissed]
        return findings
