"""Digests of the corpus files: by content (what a build is from) and by name, size and time (a cheap start-up check)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cprdesk_core.corpus.schema import LANGUAGES


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.glob("*/*.yaml") if p.stem in LANGUAGES)


def content_hash(corpus_dir: Path) -> str:
    """A digest of every corpus file's name and bytes."""
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def stat_fingerprint(corpus_dir: Path) -> str:
    """A digest of every corpus file's name, size and modification time."""
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        st = path.stat()
        digest.update(f"{path.parent.name}/{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()
