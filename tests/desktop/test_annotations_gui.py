"""Annotating as a delegate does: write, autosave, highlight, undo/redo, trash and restore, filter, export a briefing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from cprdesk_core.annotations.model import AnnotationFilter


@pytest.fixture
def window(make_window):  # noqa: ANN001, ANN201
    win = make_window("en", "zh")
    win.hub.service.set_profile("Li Wei", "China")
    win.open_item("ap88/I/A/2")
    return win


def new_note(qtbot, window):  # noqa: ANN001, ANN201
    panel = window.annotation_panel
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.current_note is not None
    return panel


def test_write_a_note_and_save_it(qtbot, type_text, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    type_text(panel.body, "We support this action.")
    qtbot.keyClick(panel.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    notes = window.hub.service.for_item("ap88/I/A/2")
    assert [n.body for n in notes] == ["We support this action."]
    assert notes[0].author_name == "Li Wei"
    assert window.tree_model.index_for_id("ap88/I/A/2").data(Qt.ItemDataRole.DecorationRole) is not None


def test_typing_is_autosaved_as_a_draft_then_saved(qtbot, type_text, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    type_text(panel.body, "draft text")
    qtbot.waitUntil(lambda: window.hub.service.drafts() != [], timeout=3000)
    assert window.hub.service.drafts()[0].body == "draft text"
    panel.save()
    assert window.hub.service.drafts() == []
    assert window.hub.service.for_item("ap88/I/A/2")[0].body == "draft text"


def test_leaving_the_item_saves_the_note(qtbot, type_text, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    type_text(panel.body, "kept on the way out")
    window.open_item("ap88/I/A/3")
    assert window.hub.service.for_item("ap88/I/A/2")[0].body == "kept on the way out"


def test_arabic_and_chinese_notes_round_trip(qtbot, type_text, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    text = "نؤيد هذا الإجراء؛ انظر القرار 4/22。我们支持。"
    type_text(panel.body, text)
    panel.save()
    window.open_item("ap88/I/A/3")
    window.open_item("ap88/I/A/2")
    assert panel.body.toPlainText() == text


def test_stance_priority_tags_and_undo_redo(qtbot, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    uuid = panel.current_note.uuid
    panel.stance.setCurrentIndex(panel.stance.findData("concern"))
    panel.priority.setCurrentIndex(panel.priority.findData("high"))
    assert window.hub.service.get(uuid).stance == "concern"
    window.undo_action.trigger()
    assert window.hub.service.get(uuid).priority == "normal"
    window.undo_action.trigger()
    assert window.hub.service.get(uuid).stance == "no_position"
    window.redo_action.trigger()
    assert window.hub.service.get(uuid).stance == "concern"
    panel.tags.setText("finance, 基金")
    panel.tags.editingFinished.emit()
    assert window.hub.service.get(uuid).tags == ("finance", "基金")


def test_highlight_a_selection(qtbot, window) -> None:  # noqa: ANN001
    browser = window.item_view.browsers()[0]
    cursor = browser.document().find("会员国")
    assert not cursor.isNull()
    browser.setTextCursor(cursor)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    note = window.hub.service.for_item("ap88/I/A/2")[0]
    assert note.quote is not None and note.quote.exact == "会员国" and note.quote.lang == "zh"
    assert browser.extraSelections() and browser.extraSelections()[0].cursor.selectedText() == "会员国"
    assert window.item_view.found_quotes() == [note.quote]


def test_delete_and_restore_from_the_trash(qtbot, type_text, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    type_text(panel.body, "to the trash and back")
    panel.save()
    uuid = panel.current_note.uuid
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert window.hub.service.for_item("ap88/I/A/2") == []
    window.focus_notes()
    view = window.notes_view
    view.trash.setChecked(True)
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert [n.uuid for n in window.hub.service.for_item("ap88/I/A/2")] == [uuid]


def test_undo_of_a_new_note_only_moves_it_to_the_trash(qtbot, window) -> None:  # noqa: ANN001
    panel = new_note(qtbot, window)
    uuid = panel.current_note.uuid
    window.undo_action.trigger()
    assert window.hub.service.list(AnnotationFilter(in_trash=True))[0].uuid == uuid


def test_notes_view_filters(qtbot, window) -> None:  # noqa: ANN001
    service = window.hub.service
    service.create("ap88/I/A/1", stance="support", priority="high", tags=["finance"])
    service.create("ieg-reforms/17", stance="oppose", follow_up=True)
    window.focus_notes()
    view = window.notes_view
    view.refresh()
    assert view.model.rowCount() == 2
    view.stance.setCurrentIndex(view.stance.findData("oppose"))
    assert [n.item_id for n in view.model.notes()] == ["ieg-reforms/17"]
    view.stance.setCurrentIndex(0)
    view.follow_up.setChecked(True)
    assert [n.item_id for n in view.model.notes()] == ["ieg-reforms/17"]
    view.follow_up.setChecked(False)
    view.document.setCurrentIndex(view.document.findData("ap88"))
    assert [n.item_id for n in view.model.notes()] == ["ap88/I/A/1"]


def test_history_restores_an_earlier_version(qtbot, window) -> None:  # noqa: ANN001
    service = window.hub.service
    note = service.create("ap88/I/A/2", body="first")
    service.update(note.uuid, body="second")
    first = service.revisions(note.uuid)[0]
    window.hub.restore_revision(note.uuid, first.id)
    assert service.get(note.uuid).body == "first"
    assert len(service.revisions(note.uuid)) == 3


def test_recovered_draft_is_offered_and_restored(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from cprdesk_desktop.dialogs import DraftRecoveryDialog

    service = window.hub.service
    note = service.create("ap88/I/A/2", body="saved")
    service.save_draft(f"ap88/I/A/2|{note.uuid}", "ap88/I/A/2", note.uuid, "saved, and typed before the crash")
    monkeypatch.setattr(DraftRecoveryDialog, "exec", lambda self: DraftRecoveryDialog.DialogCode.Accepted)
    window.offer_drafts()
    assert service.get(note.uuid).body == "saved, and typed before the crash"
    assert service.drafts() == []


def test_briefing_export_in_the_background(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    from cprdesk_desktop.widgets.briefing_dialog import BriefingDialog

    window.hub.service.create("ap88/I/A/2", body="<b>not bold</b>", stance="support", include_in_briefing=True)
    dialog = BriefingDialog(window.hub.service._db, "ap88/I/A/2", "en", "Li Wei, China", window)  # noqa: SLF001
    qtbot.addWidget(dialog)
    assert dialog.source_flagged.isChecked() and dialog.item_ids() == ["ap88/I/A/2"]
    for box in dialog.languages.values():
        box.setChecked(True)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    assert dialog.busy()  # the window stays responsive while the PDFs are written
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=60_000)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        f"briefing-{lang}.pdf" for lang in sorted(("ar", "zh", "en", "fr", "ru", "es"))
    ]
    assert not list((tmp_path / "out").glob(".*.part"))


def test_briefing_to_an_unwritable_folder_fails_clearly(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from cprdesk_desktop import errors
    from cprdesk_desktop.widgets import briefing_dialog

    shown = []
    monkeypatch.setattr(briefing_dialog, "show_exception", lambda parent, exc: shown.append(exc))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = briefing_dialog.BriefingDialog(window.hub.service._db, "ap88/I/A/2", "en", "", window)  # noqa: SLF001
    qtbot.addWidget(dialog)
    dialog.source_current.setChecked(True)
    dialog.folder.setText(str(blocker / "sub"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30_000)
    assert shown and "cannot be written" in str(shown[0])
    del errors


def test_search_finds_words_in_my_notes_and_filters_by_stance(qtbot, type_text, window) -> None:  # noqa: ANN001
    from cprdesk_desktop.models.search_results import HitRole

    service = window.hub.service
    service.create("ap88/III/C/2", body="Kenya delegation supports the thematic funding window", stance="support")
    service.create("ieg-reforms/17", body="Concern about the funding", stance="concern")
    window.focus_search()
    panel = window.search_panel
    with qtbot.waitSignal(panel.results_updated, timeout=2000):
        type_text(panel.query, "thematic funding")
    first = panel.model.index(0, 0)
    assert first.data(HitRole.ItemId) == "ap88/III/C/2" and "My note" in first.data(HitRole.SnippetHtml)
    panel.note_filter.setCurrentIndex(panel.note_filter.findData("concern"))
    panel.query.setText("环境")
    panel.run_search()
    assert {panel.model.index(r, 0).data(HitRole.ItemId) for r in range(panel.model.rowCount())} <= {"ieg-reforms/17"}


def test_export_and_import_notes_between_two_delegates(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from cprdesk_core.annotations import bundle
    from cprdesk_core.annotations.service import AnnotationService
    from cprdesk_core.database import open_database

    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: QMessageBox.StandardButton.Ok)
    service = window.hub.service
    mine = service.create("ap88/I/A/2", body="ours")
    other_dir = tmp_path / "colleague"
    other_dir.mkdir()
    other = open_database(other_dir)
    theirs = AnnotationService(other)
    theirs.set_profile("Colleague", "Kenya")
    theirs.create("ieg-reforms/17", body="theirs", stance="concern")
    bundle.export(other, tmp_path / "theirs.zip")
    other.close()
    window.import_bundle_file(tmp_path / "theirs.zip")
    assert "1 added" in window.last_import_summary
    assert [n.body for n in service.for_item("ieg-reforms/17")] == ["theirs"]
    assert service.get(mine.uuid).body == "ours"
    window.focus_notes()
    assert window.notes_view.model.rowCount() == 2
