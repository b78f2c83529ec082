"""The main window driven as a user drives it: tree, search in every script, languages, Arabic mirroring."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt

from cprdesk_desktop.models.corpus_tree import CorpusTreeModel, TreeRole
from cprdesk_desktop.models.search_results import HitRole


def tree_index(window, *path_ids: str):  # noqa: ANN001, ANN201
    """Expand the tree along `path_ids` as a user would and return the last row's index."""
    model = window.tree.model()
    parent = None
    index = None
    for item_id in path_ids:
        rows = model.rowCount(parent) if parent is not None else model.rowCount()
        found = None
        for row in range(rows):
            candidate = model.index(row, 0, parent) if parent is not None else model.index(row, 0)
            if candidate.data(TreeRole.ItemId) == item_id:
                found = candidate
                break
        assert found is not None, f"{item_id} not in the tree"
        window.tree.expand(found)
        index = found
        parent = found
    return index


def click_tree(qtbot, window, index) -> None:  # noqa: ANN001
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_title_starts_with_app_name(make_window) -> None:  # noqa: ANN001
    window = make_window()
    assert window.windowTitle().startswith("CPR Desk")


def test_open_an_action_from_the_tree(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window("en", "zh")
    index = tree_index(window, "ap88", "ap88/III", "ap88/III/C", "ap88/III/C/2")
    click_tree(qtbot, window, index)
    qtbot.waitUntil(lambda: window.current_item_id() == "ap88/III/C/2")
    text = window.item_view.browsers()[0].toPlainText()
    assert "88(c) III.C.2" in text and "根据提交给环境大会第二届会议的报告" in text
    assert window.windowTitle().startswith("CPR Desk")


def test_keyboard_next_and_previous(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.open_item("ap88/I/A/1")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_item_id() == "ap88/I/A/2"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_item_id() == "ap88/I/A/1"


def type_search(qtbot, type_text, window, query: str) -> list[tuple[str, str]]:  # noqa: ANN001
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    box = panel.query
    assert box.hasFocus()
    box.clear()
    with qtbot.waitSignal(panel.results_updated, timeout=2000):
        type_text(box, query)
    model = panel.model
    return [(model.index(r, 0).data(HitRole.ItemId), model.index(r, 0).data(HitRole.Language)) for r in range(model.rowCount())]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("汞", None),  # one Chinese character
        ("基金", ("ap88/II/A/2", "zh")),
        ("III.C.2", ("ap88/III/C/2", "zh")),
        ("88(c)", ("ap88/III", "zh")),
        ("全球环境展望", ("ap88/IV/1", "zh")),
    ],
)
def test_search_as_you_type(qtbot, type_text, make_window, query: str, expected) -> None:  # noqa: ANN001
    window = make_window()
    hits = type_search(qtbot, type_text, window, query)
    if expected:
        assert expected in hits
    assert all(lang for _id, lang in hits)


def test_search_in_other_scripts(qtbot, type_text, make_window) -> None:  # noqa: ANN001
    """Arabic without diacritics, Russian, French: found in whatever translations the corpus carries."""
    window = make_window()
    reader = window._reader  # noqa: SLF001 - the test's own fixture wiring
    langs = {lang for lang in ("ar", "ru", "fr", "en", "es") if reader.item("ap88/I/A/2").version(lang)}
    if not langs:
        pytest.skip("no working translations in the corpus yet")
    samples = {"ar": "الدول الاعضاء", "ru": "государств", "fr": "etats membres", "en": "member states", "es": "estados miembros"}
    for lang in sorted(langs):
        hits = type_search(qtbot, type_text, window, samples[lang])
        assert any(h_lang == lang for _id, h_lang in hits), lang


def test_activate_a_hit_opens_the_item(qtbot, type_text, make_window) -> None:  # noqa: ANN001
    window = make_window()
    type_search(qtbot, type_text, window, "III.C.2")
    qtbot.keyClick(window.search_panel.query, Qt.Key.Key_Return)
    assert window.current_item_id() == "ap88/III/C/2"


def test_odd_search_input_is_just_text(qtbot, type_text, make_window) -> None:  # noqa: ANN001
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    for query in ['"', "NEAR(", "*", "-", "((", "<b>x</b>"]:
        window.search_panel.query.clear()
        type_text(window.search_panel.query, query)
        window.search_panel.run_search()


def test_switch_content_language(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window("en", "zh")
    window.open_item("ap88/I/A/2")
    window.content_combo.setCurrentIndex(window.content_combo.findData("en"))
    assert window.content_lang == "en"
    text = window.item_view.browsers()[0].toPlainText()
    version = window._reader.item("ap88/I/A/2").version("en")  # noqa: SLF001
    if version:
        assert version.text.split()[0] in text and "Unofficial working translation" in text
    else:
        assert "Chinese original is shown" in text


def test_second_language_side_by_side(make_window) -> None:  # noqa: ANN001
    window = make_window("en", "zh")
    window.open_item("ap88/I/A/2")
    window.second_combo.setCurrentIndex(window.second_combo.findData("all"))
    assert len(window.item_view.browsers()) == 6
    window.second_combo.setCurrentIndex(window.second_combo.findData(""))
    assert len(window.item_view.browsers()) == 1


@pytest.mark.parametrize(("lang", "quit_text"), [("zh", "退出"), ("ar", "خروج"), ("fr", "Quitter")])
def test_switch_ui_language(qapp, make_window, lang: str, quit_text: str) -> None:  # noqa: ANN001
    window = make_window("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    window.ui_language_requested.emit(lang)
    menu_texts = [a.text() for a in window.menuBar().actions()]
    assert "&File" not in menu_texts
    assert quit_text in window._actions["quit"].text().replace("&", "")  # noqa: SLF001
    expected = Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
    assert qapp.layoutDirection() == expected
    assert window.layoutDirection() == expected


def test_arabic_ui_is_mirrored(make_window) -> None:  # noqa: ANN001
    window = make_window("ar")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The contents pane sits on the right in a right-to-left layout.
    tabs_x = window.tabs.mapTo(window, QPoint(0, 0)).x()
    view_x = window.item_view.mapTo(window, QPoint(0, 0)).x()
    assert tabs_x > view_x


def test_chinese_ui(make_window) -> None:  # noqa: ANN001
    window = make_window("zh")
    assert window.tabs.tabText(0) != "Contents"


def test_tree_model_passes_the_model_tester(qtmodeltester, data_dir) -> None:  # noqa: ANN001
    from cprdesk_core.database import open_database
    from cprdesk_core.services import CorpusReader

    db = open_database(data_dir)
    model = CorpusTreeModel(CorpusReader(db), "zh")
    index = model.index_for_id("ap88/III/C/2")
    assert index.isValid() and index.data(TreeRole.ItemId) == "ap88/III/C/2"
    qtmodeltester.check(model)
    db.close()


def test_window_state_is_remembered(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.open_item("ap88/V/B/3")
    window.set_second_language("en")
    window.close()
    again = make_window()
    again.restore_last_item()
    assert again.current_item_id() == "ap88/V/B/3"
    assert again.second_lang == "en"


def test_a_second_app_on_the_same_data_folder_is_refused(qapp, tmp_path) -> None:  # noqa: ANN001
    from cprdesk_desktop.app import acquire_instance_lock

    first = acquire_instance_lock(tmp_path)
    assert first is not None
    assert acquire_instance_lock(tmp_path) is None
    first.unlock()
    again = acquire_instance_lock(tmp_path)
    assert again is not None
    again.unlock()
