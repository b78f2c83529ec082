"""Typed settings over QSettings: window state and UI preferences only, each key declared once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T


UI_LANG = Setting("ui/language", str, "")
CONTENT_LANG = Setting("content/language", str, "zh")
SECOND_LANG = Setting("content/second_language", str, "")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
SPLITTER_STATE = Setting("window/splitter", QByteArray, QByteArray())
LAST_ITEM = Setting("content/last_item", str, "")


class Settings:
    """Reads and writes declared settings with their types and defaults."""

    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    def get(self, setting: Setting[T]) -> T:
        value = self._q.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.type is QByteArray:
            return value if isinstance(value, QByteArray) else setting.default
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._q.setValue(setting.key, value)

    def sync(self) -> None:
        self._q.sync()
