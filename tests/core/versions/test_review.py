"""Review status per item and language, progress per document, and dismissing findings, kept in the user tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from cprdesk_core.database import open_database
from cprdesk_core.errors import NotFoundError
from cprdesk_core.versions.checks import Finding
from cprdesk_core.versions.review import CHECKED, NEEDS_REVISION, NOT_CHECKED, ReviewError, ReviewService


@pytest.fixture
def service(data_dir: Path):  # noqa: ANN201
    db = open_database(data_dir)
    yield ReviewService(db)
    db.close()


def _finding(item: str = "ap88/I/A/1", lang: str = "fr") -> Finding:
    return Finding("numbers", "error", item, "ap88", (lang,), {"zh": "2020", lang: "2021"},
                   "Numbers in the {lang} version: {extra} where the other versions have {missing}.",
                   {"lang": lang, "extra": "2021", "missing": "2020"})


def test_review_status_round_trip(service: ReviewService, data_dir: Path) -> None:
    assert service.review("ap88/I/A/1", "fr").status == NOT_CHECKED
    saved = service.set_review("ap88/I/A/1", "fr", NEEDS_REVISION, "« Comité » : vérifier le terme", "Amina")
    assert (saved.status, saved.comment, saved.reviewer) == (NEEDS_REVISION, "« Comité » : vérifier le terme", "Amina")
    assert saved.updated_at is not None
    service.set_review("ap88/I/A/1", "ar", CHECKED, "", "ليلى")
    # A new session sees the same.
    db = open_database(data_dir)
    try:
        again = ReviewService(db)
        assert again.review("ap88/I/A/1", "fr") == saved
        assert [(r.item_id, r.lang, r.status) for r in again.reviews("ap88")] == [
            ("ap88/I/A/1", "ar", CHECKED), ("ap88/I/A/1", "fr", NEEDS_REVISION),
        ]
        assert [r.lang for r in again.reviews("ap88", "ar")] == ["ar"]
    finally:
        db.close()
    service.set_review("ap88/I/A/1", "fr", CHECKED, "", "Amina")
    assert service.review("ap88/I/A/1", "fr").status == CHECKED
    service.set_review("ap88/I/A/1", "fr", NOT_CHECKED)
    assert service.review("ap88/I/A/1", "fr").status == NOT_CHECKED
    assert service.review("ap88/I/A/1", "fr").updated_at is None


def test_review_refuses_what_does_not_exist(service: ReviewService) -> None:
    with pytest.raises(ReviewError):
        service.set_review("ap88/I/A/1", "fr", "done")
    with pytest.raises(ReviewError):
        service.set_review("ap88/I/A/1", "de", CHECKED)
    with pytest.raises(NotFoundError):
        service.set_review("ap88/nowhere", "fr", CHECKED)
    with pytest.raises(ReviewError):
        service.set_review("emg-unea1/summary/1", "fr", CHECKED)  # that document has only its Chinese
    with pytest.raises(NotFoundError):
        service.progress("no-such-document")


def test_progress_counts_by_status(service: ReviewService) -> None:
    before = {p.lang: p for p in service.progress("ap88")}
    assert set(before) == {"ar", "zh", "en", "fr", "ru", "es"}
    total = before["fr"].total
    assert total == 131 and before["fr"].not_checked == total and before["fr"].checked == 0
    service.set_review("ap88/I/A/1", "fr", CHECKED, "", "Amina")
    service.set_review("ap88/I/A/2", "fr", CHECKED, "", "Amina")
    service.set_review("ap88/I/A/3", "fr", NEEDS_REVISION, "chiffres", "Amina")
    service.set_review("ap88/I/A/3", "en", CHECKED, "", "Amina")
    after = {p.lang: p for p in service.progress("ap88")}
    assert (after["fr"].not_checked, after["fr"].checked, after["fr"].needs_revision) == (total - 3, 2, 1)
    assert (after["en"].checked, after["ru"].checked) == (1, 0)
    assert [p.lang for p in service.progress("emg-unea1")] == ["zh"]


def test_dismiss_and_undismiss(service: ReviewService) -> None:
    finding = _finding()
    with pytest.raises(ReviewError):
        service.dismiss(finding, "   ", "Amina")
    dismissed = service.dismiss(finding, "The source prints 2021 in the French original.", "Amina")
    assert dismissed.dismissed and dismissed.key == finding.key
    assert dismissed.dismissal.by == "Amina" and not dismissed.dismissal.in_data
    marked = service.apply_dismissals([finding, _finding("ap88/I/A/2")])
    assert [f.dismissed for f in marked] == [True, False]
    assert marked[0].dismissal.reason == "The source prints 2021 in the French original."
    service.undismiss(finding)
    assert [f.dismissed for f in service.apply_dismissals([finding])] == [False]
    service.dismiss(finding, "again", "Amina")
    service.undismiss(finding.key)
    assert service.dismissals() == {}


def test_findings_hide_what_a_user_dismissed(broken, glossary) -> None:  # noqa: ANN001
    service = ReviewService(broken)
    findings = service.findings(["ap88"], glossary, known=(), langs=["fr"])
    assert findings and all("fr" in f.languages for f in findings)
    year = next(f for f in findings if f.check_id == "numbers")
    service.dismiss(year, "Checked against the printed French: 2021 is right.", "Amina")
    try:
        shown = service.findings(["ap88"], glossary, known=(), langs=["fr"])
        assert year.key not in {f.key for f in shown} and len(shown) == len(findings) - 1
        everything = service.findings(["ap88"], glossary, known=(), langs=["fr"], include_dismissed=True)
        assert next(f for f in everything if f.key == year.key).dismissal.by == "Amina"
    finally:
        service.undismiss(year)
    assert len(service.findings(["ap88"], glossary, known=(), langs=["fr"])) == len(findings)
