"""The language-versions window as a translator uses it: six columns, findings that jump to the segment,
dismissals with a reason, review states and progress, and an import that shows its alignment first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cprdesk_core.database import open_database
from cprdesk_resources import CORPUS_DIR


@pytest.fixture
def broken_db(tmp_path: Path):  # noqa: ANN201
    """A corpus whose English action plan says resolution 4/23 where every other version says 4/22."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    path = corpus / "ap88" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    assert "pursuant to resolution 4/22" in text
    path.write_text(text.replace("pursuant to resolution 4/22", "pursuant to resolution 4/23", 1), encoding="utf-8")
    (tmp_path / "data").mkdir()
    db = open_database(tmp_path / "data", corpus)
    yield db
    db.close()


@pytest.fixture
def view(qtbot, broken_db):  # noqa: ANN001, ANN201
    from cprdesk_desktop.widgets.versions_view import VersionsView

    widget = VersionsView(broken_db, "Reviewer One")
    qtbot.addWidget(widget)
    widget.show()
    widget.document.setCurrentIndex(widget.document.findData("ap88"))
    return widget


def test_six_versions_side_by_side(view) -> None:  # noqa: ANN001
    assert view.model.columnCount() == 6 and view.model.rowCount() == 131
    row = view.model.row_of("ap88/I/B/3")
    texts = [view.model.index(row, c).data() for c in range(6)]
    assert all(texts) and "4/22" in texts[1] and "4/23" in texts[2]


def test_a_finding_names_the_odd_version_and_jumps_to_it(qtbot, view) -> None:  # noqa: ANN001
    rows = [view.findings.item(i) for i in range(view.findings.count())]
    mine = [r for r in rows if "ap88/I/B/3" in r.text()]
    assert mine, [r.text() for r in rows]
    view.findings.setCurrentItem(mine[0])
    view._jump(mine[0])  # noqa: SLF001 - the slot a double click calls
    current = view.table.currentIndex()
    assert view.model.data(current, Qt.ItemDataRole.DisplayRole).count("4/23") == 1


def test_dismiss_and_undo(view) -> None:  # noqa: ANN001
    row = next(view.findings.item(i) for i in range(view.findings.count()) if "ap88/I/B/3" in view.findings.item(i).text())
    view.findings.setCurrentItem(row)
    finding = row.data(Qt.ItemDataRole.UserRole)
    view.dismiss(finding, "The English draft is being corrected by the secretariat.")
    assert not any("ap88/I/B/3" in view.findings.item(i).text() for i in range(view.findings.count()))
    view.show_dismissed.setChecked(True)
    dismissed = next(view.findings.item(i) for i in range(view.findings.count()) if "ap88/I/B/3" in view.findings.item(i).text())
    assert "being corrected" in dismissed.text()
    view.findings.setCurrentItem(dismissed)
    view.undismiss_selected()
    view.show_dismissed.setChecked(False)
    assert any("ap88/I/B/3" in view.findings.item(i).text() for i in range(view.findings.count()))


def test_review_state_and_progress(view) -> None:  # noqa: ANN001
    view.select_cell("ap88/I/A/1", "fr")
    view.status.setCurrentIndex(view.status.findData("checked"))
    view.comment.setText("Vérifié contre le texte officiel.")
    view.apply_review.click()
    assert "Français: 1 of 131 checked" in view.progress.text().replace("\u2068", "").replace("\u2069", "")
    view.select_cell("ap88/I/A/1", "fr")
    assert view.comment.text() == "Vérifié contre le texte officiel."
    cell = view.model.index(view.model.row_of("ap88/I/A/1"), view.model.languages().index("fr"))
    from cprdesk_desktop.models.versions_table import VersionRole

    assert "✓" in cell.data(VersionRole.Html)


def test_import_dialog_shows_the_alignment_before_importing(qtbot, broken_db, tmp_path: Path) -> None:  # noqa: ANN001
    import yaml

    from cprdesk_core.corpus.schema import iter_items
    from cprdesk_desktop.widgets.import_dialog import ImportVersionDialog

    source = yaml.safe_load((CORPUS_DIR / "ap88" / "zh.yaml").read_text(encoding="utf-8"))
    english = {s["id"]: s for s in yaml.safe_load((CORPUS_DIR / "ap88" / "en.yaml").read_text(encoding="utf-8"))["segments"]}
    lines = []
    for node in iter_items(source["items"]):
        seg = english[node["id"]]
        if node["kind"] == "section":
            lines.append(f"{node['id'].split('/')[1]}. {seg['title']}")
        elif node["kind"] == "subsection":
            lines.append(f"{node['label']}. {seg['title']}" if node.get("label") else seg["title"])
        elif node["kind"] == "action" and node["id"] != "ap88/II/A/3":  # one item missing
            lines.append(f"{node['label']}. {seg['text']}")
    path = tmp_path / "ap88-en.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    dialog = ImportVersionDialog(broken_db, "ap88", None)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.lang.setCurrentIndex(dialog.lang.findData("en"))
    dialog.propose()
    assert dialog.alignment is not None
    assert [g.item_id for g in dialog.alignment.gaps if g.kind == "action"] == ["ap88/II/A/3"]
    assert sum(1 for p in dialog.alignment.pairs if p.kind == "action") == 87
    assert dialog.import_button.isEnabled()


def test_export_the_findings(view, tmp_path: Path) -> None:  # noqa: ANN001
    import csv
    import subprocess

    view.write_findings(tmp_path / "findings.csv")
    rows = list(csv.reader((tmp_path / "findings.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert any("ap88/I/B/3" in ",".join(r) for r in rows[1:])
    view.write_findings(tmp_path / "findings.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "findings.pdf"), "-"], capture_output=True, text=True).stdout
    assert "ap88/I/B/3" in text
