"""Gettext catalogs of CPR Desk's user interface (managed with Babel: see the README)."""

from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent
DOMAIN = "cprdesk"
