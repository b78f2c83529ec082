"""Where CPR Desk keeps its data: --data-dir, the CPRDESK_DATA_DIR variable, or the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from cprdesk_core.errors import N_, DataDirError

ENV_VAR = "CPRDESK_DATA_DIR"
DB_NAME = "cprdesk.sqlite3"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("cprdesk", "CPR Desk"))


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """The data folder to use, created if needed; a DataDirError if it cannot be."""
    chosen = option or os.environ.get(ENV_VAR) or default_data_dir()
    path = Path(chosen).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(N_("The data folder {path} cannot be created: {reason}"), path=path, reason=exc.strerror) from exc
    if not path.is_dir():
        raise DataDirError(N_("The data folder {path} is not a folder."), path=path)
    return path
