"""Test configuration shared by the whole suite: Qt runs headless, one template database per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose database was built once from the bundled corpus."""
    from cprdesk_core.database import open_database

    folder = tmp_path_factory.mktemp("template")
    open_database(folder).close()
    return folder


@pytest.fixture
def data_dir(template_data_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template data folder for one test."""
    target = tmp_path / "data"
    shutil.copytree(template_data_dir, target)
    return target
