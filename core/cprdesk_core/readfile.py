"""Reading a file the user chose: a regular file, no larger than a limit, with one clear sentence otherwise."""

from __future__ import annotations

import stat
from pathlib import Path

from cprdesk_core.errors import N_, DomainError


def read_limited(path: Path, limit: int, error: type[DomainError], folder_message: str, too_large_message: str) -> bytes:
    """The bytes of `path`, refused (as `error`) when it is missing, a folder, not a regular file or over `limit`.

    `folder_message` and `too_large_message` are msgids with {path} (and {limit}, in MiB, for the second).
    """

    def too_large() -> DomainError:
        return error(too_large_message, path=path, limit=limit // (1024 * 1024))

    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(N_("There is no file {path}."), path=path) from None
    except OSError as exc:
        raise error(N_("The file {path} cannot be read: {reason}"), path=path, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(folder_message, path=path)
    if not stat.S_ISREG(info.st_mode):
        raise error(N_("{path} is not a regular file."), path=path)
    if info.st_size > limit:
        raise too_large()
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(N_("The file {path} cannot be read: {reason}"), path=path, reason=exc.strerror or exc) from None
    if len(data) > limit:  # it grew while we looked
        raise too_large()
    return data
