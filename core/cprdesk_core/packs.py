"""Packs: saved, named, ordered selections of items with the cover of their briefing note."""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass

from cprdesk_core.database import Database
from cprdesk_core.errors import N_, DomainError, NotFoundError

MAX_PACK_ITEMS = 5000


class PackError(DomainError):
    """A pack cannot be saved as asked."""


@dataclass(frozen=True)
class Pack:
    uuid: str
    name: str
    title: str
    meeting: str
    meeting_date: str | None
    cover_note: str
    item_ids: tuple[str, ...]


class PackService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[Pack]:
        con = self._db.connection()
        packs = con.execute(
            "SELECT uuid, name, title, meeting, meeting_date, cover_note FROM user_pack ORDER BY name COLLATE NOCASE"
        ).fetchall()
        out = []
        for row in packs:
            items = [r[0] for r in con.execute("SELECT item_id FROM user_pack_item WHERE pack_uuid = ? ORDER BY position", (row[0],))]
            out.append(Pack(*row, tuple(items)))
        return out

    def get(self, name: str) -> Pack:
        for pack in self.list():
            if pack.name == name:
                return pack
        raise NotFoundError(N_("There is no pack called {name}."), name=name)

    def save(
        self, name: str, item_ids: list[str], *, title: str = "", meeting: str = "", meeting_date: str | None = None,
        cover_note: str = "",
    ) -> Pack:
        """Create the pack `name`, or replace its items and cover (one transaction)."""
        from datetime import UTC, datetime

        from sqlalchemy import delete, select

        from cprdesk_db.models import UserPack, UserPackItem

        name = " ".join(name.split())
        if not name:
            raise PackError(N_("Please give the pack a name."))
        if not item_ids:
            raise PackError(N_("A pack needs at least one item."))
        if len(item_ids) > MAX_PACK_ITEMS:
            raise PackError(N_("A pack can hold at most {count} items."), count=MAX_PACK_ITEMS)
        if meeting_date:
            try:
                datetime.strptime(meeting_date, "%Y-%m-%d")
            except ValueError:
                raise PackError(N_("{value} is not a date (use YYYY-MM-DD)."), value=meeting_date) from None
        known = {r[0] for r in self._db.connection().execute("SELECT id FROM corpus_item")}
        unknown = [i for i in item_ids if i not in known]
        if unknown:
            raise NotFoundError(N_("There is no item {id}."), id=unknown[0])
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._db.sessions.begin() as s:
            pack = s.scalar(select(UserPack).where(UserPack.name == name))
            if pack is None:
                pack = UserPack(uuid=str(uuidlib.uuid4()), name=name, created_at=now, title="", meeting="", cover_note="")
                s.add(pack)
            pack.title, pack.meeting, pack.meeting_date, pack.cover_note, pack.updated_at = (
                title, meeting, meeting_date or None, cover_note, now,
            )
            s.flush()
            s.execute(delete(UserPackItem).where(UserPackItem.pack_uuid == pack.uuid))
            for position, item_id in enumerate(dict.fromkeys(item_ids)):
                s.add(UserPackItem(pack_uuid=pack.uuid, position=position, item_id=item_id))
        return self.get(name)

    def delete(self, name: str) -> None:
        from sqlalchemy import delete

        from cprdesk_db.models import UserPack

        pack = self.get(name)
        with self._db.sessions.begin() as s:
            s.execute(delete(UserPack).where(UserPack.uuid == pack.uuid))
