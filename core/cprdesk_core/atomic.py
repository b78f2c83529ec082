"""Writing a file so that a reader sees the old one or the whole new one, never half of it."""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from cprdesk_core.errors import N_, DomainError


class WriteError(DomainError):
    """A file cannot be written where the user asked."""


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file in `path`'s folder, made with mode 0o666 so that the user's umask
    decides who may read it (as for any file the user saves), not the 0o600 of mkstemp."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _sync_folder(folder: Path) -> None:
    try:  # make the rename itself durable (not possible on every platform)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


@contextmanager
def atomic_file(path: Path, mode: str = "wb", error: type[DomainError] = WriteError, **kwargs: Any) -> Iterator[IO]:
    """A temporary file beside `path`, flushed to disk and renamed onto `path` when the block ends without error.

    OS errors become `error` with one sentence; on any failure the temporary file is removed and
    `path` is left as it was.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = _create_beside(path)
    except OSError as exc:
        raise error(N_("The folder {path} cannot be written to: {reason}"), path=folder, reason=exc.strerror) from exc
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise error(N_("The file {path} cannot be written: {reason}"), path=path, reason=exc.strerror) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
