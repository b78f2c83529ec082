"""Bundled data of CPR Desk: the corpus source files, the glossary, fonts and icons."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORPUS_DIR = ROOT / "corpus"
GLOSSARY_DIR = ROOT / "glossary"
FONTS_DIR = ROOT / "fonts"
ICONS_DIR = ROOT / "icons"
