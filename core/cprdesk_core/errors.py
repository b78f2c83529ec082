"""Domain errors: failures a user can understand, each carrying one translatable sentence."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


class DomainError(Exception):
    """A failure caused by the user's input or environment, shown as one clear sentence.

    `message` is an English msgid with named placeholders; `params` fill them
    after translation, so the sentence can be shown in any UI language.
    """

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext) -> str:  # noqa: ANN001 - any gettext-like callable
        text = gettext(self.message)
        return text.format(**self.params) if self.params else text


class CorpusError(DomainError):
    """The bundled corpus files are unreadable or invalid."""


class DataDirError(DomainError):
    """The data folder cannot be used."""


class DatabaseError(DomainError):
    """The database file is damaged or belongs to something else."""


class NotFoundError(DomainError):
    """An id, pack or file named by the user does not exist."""
