"""Dates and times for the user's eyes: stored in UTC, shown in local time, formatted by Babel for the UI locale."""

from __future__ import annotations

from datetime import UTC, datetime

from cprdesk_core.i18n import babel_locale
from cprdesk_desktop.i18n import ui_language


def local_datetime(value: datetime) -> str:
    from babel.dates import format_datetime

    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return format_datetime(aware.astimezone(), format="medium", locale=babel_locale(ui_language.lang))


def local_date(iso_date: str) -> str:
    from babel.dates import format_date

    return format_date(datetime.strptime(iso_date, "%Y-%m-%d").date(), format="medium", locale=babel_locale(ui_language.lang))
