"""The audit trail: every ORM mutation writes a hash-chained audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker
from sqlalchemy.orm.attributes import NO_VALUE

from desktop_app.core.models.base import utcnow
from desktop_app.core.models.system import AuditEvent

GENESIS = "0" * 64
_table = AuditEvent.__table__
_TXN = "transaction_info"
_TAIL = "audit.tail"
_INSERT = insert(_table)  # built once: compiled once, not per flush


def transaction_info(session: Session) -> dict[str, Any]:
    """A scratch dict for what stays true while the session's current transaction lasts.

    It is emptied when the transaction ends and whenever any part of it rolls back (a
    savepoint too), so a value kept here is never seen by a later transaction nor after
    the rows it describes were rolled back. Keyed by the root transaction as well, in case
    a transaction ends without the events below.
    """
    root = session.get_transaction()
    kept = session.info.get(_TXN)
    if kept is None or kept[0] is not root:
        kept = session.info[_TXN] = (root, {})
    return kept[1]


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_TXN, None)


def _forget_at_end(session: Session, transaction: SessionTransaction) -> None:
    # A savepoint that was released leaves its work (and what was cached of it) in place.
    if transaction.parent is None:
        session.info.pop(_TXN, None)


# On the Session class itself: every session, from any factory, forgets on rollback.
event.listen(Session, "after_rollback", _forget)
event.listen(Session, "after_soft_rollback", _forget)
event.listen(Session, "after_transaction_end", _forget_at_end)


def _json_default(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot audit a {type(value).__name__}")


def to_json(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(data, default=_json_default, ensure_ascii=False, sort_keys=True)


def event_hash(row: dict[str, Any]) -> str:
    """The hash of one event: its own fields and the previous event's hash."""
    at = row["at"]
    if isinstance(at, dt.datetime):
        at = at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    payload = [
        row["prev_hash"],
        row["id"],
        at,
        row["actor"],
        row["action"],
        row["entity"],
        row["entity_id"],
        row["before_json"],
        row["after_json"],
    ]
    text_ = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def _tail(session: Session) -> tuple[int, str]:
    """The chain's last id and hash, read once per transaction (kept up to date by writes).

    Only write_events appends to the chain, and within a transaction nobody else can (SQLite
    holds the write lock from the first write; PostgreSQL takes the advisory lock below,
    held until the transaction ends), so the kept tail stays the real one.
    """
    kept = transaction_info(session)
    tail = kept.get(_TAIL)
    if tail is not None:
        return tail
    conn = session.connection()
    if conn.dialect.name == "postgresql":  # serialise writers of the chain
        conn.execute(text("SELECT pg_advisory_xact_lock(7424581)"))
    row = conn.execute(
        select(_table.c.id, _table.c.hash).order_by(_table.c.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def write_events(session: Session, events: list[dict[str, Any]]) -> None:
    """Append events (actor/action/entity/entity_id/before/after) to the chain."""
    if not events:
        return
    session.connection()  # begins the transaction the tail belongs to
    last_id, last_hash = _tail(session)
    actor = session.info.get("actor", "local")
    rows = []
    for ev in events:
        last_id += 1
        row = {
            "id": last_id,
            "at": utcnow(),
            "actor": ev.get("actor", actor),
            "action": ev["action"],
            "entity": ev["entity"],
            "entity_id": None if ev.get("entity_id") is None else str(ev["entity_id"]),
            "before_json": to_json(ev.get("before")),
            "after_json": to_json(ev.get("after")),
            "prev_hash": last_hash,
        }
        row["hash"] = last_hash = event_hash(row)
        rows.append(row)
    session.connection().execute(_INSERT, rows)
    transaction_info(session)[_TAIL] = (last_id, last_hash)  # only once the rows are in


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: object = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An explicit event, for work done outside the ORM (bulk inserts, restores, imports)."""
    write_events(
        session,
        [
            {
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": before,
                "after": after,
            }
        ],
    )


def _audited(obj: object) -> bool:
    return not isinstance(obj, AuditEvent) and getattr(obj, "__audit__", True)


def _columns(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    return {attr.key: attr.value for attr in state.attrs if attr.key in state.mapper.columns}


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.attrs:
        if attr.key not in state.mapper.columns:
            continue
        hist = attr.history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            before[attr.key] = None if old is NO_VALUE else old
            after[attr.key] = hist.added[0] if hist.added else None
    return before, after


def _identity(obj: object) -> str:
    state = inspect(obj)
    key = state.mapper.primary_key_from_instance(obj)
    return "/".join("" if k is None else str(k) for k in key)


def _after_flush(session: Session, _ctx: object) -> None:
    events = []
    for obj in session.new:
        if _audited(obj):
            events.append(
                {
                    "action": "insert",
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "after": _columns(obj),
                }
            )
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                events.append(
                    {
                        "action": "update",
                        "entity": obj.__tablename__,
                        "entity_id": _identity(obj),
                        "before": before,
                        "after": after,
                    }
                )
    for obj in session.deleted:
        if _audited(obj):
            events.append(
                {
                    "action": "delete",
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "before": _columns(obj),
                }
            )
    write_events(session, events)


def install(factory: sessionmaker[Session]) -> None:
    """Make every session of this factory audit its flushes (call once per new factory).

    No event.contains() guard: SQLAlchemy's event registry is keyed by id(), and a new
    factory may reuse the id of a collected one, which made the guard skip the listener.
    """
    event.listen(factory, "after_flush", _after_flush)


@dataclass
class ChainReport:
    events: int
    ok: bool
    first_broken_id: int | None = None
    reason: str = ""


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the chain in id order; name the first event whose hash or link does not hold."""
    prev_hash, prev_id, count = GENESIS, 0, 0
    cols = [
        _table.c[name]
        for name in (
            "id",
            "at",
            "actor",
            "action",
            "entity",
            "entity_id",
            "before_json",
            "after_json",
            "prev_hash",
            "hash",
        )
    ]
    while True:
        rows = (
            session.execute(
                select(*cols).where(_table.c.id > prev_id).order_by(_table.c.id).limit(batch)
            )
            .mappings()
            .all()
        )
        if not rows:
            return ChainReport(count, True)
        for row in rows:
            if row["prev_hash"] != prev_hash:
                return ChainReport(
                    count,
                    False,
                    row["id"],
                    "its link to the previous event does not match "
                    "(an event before it was changed or removed)",
                )
            if event_hash(dict(row)) != row["hash"]:
                return ChainReport(count, False, row["id"], "its content does not match its hash")
            if row["id"] != prev_id + 1:
                return ChainReport(
                    count, False, row["id"], f"events {prev_id + 1}–{row['id'] - 1} are missing"
                )
            prev_hash, prev_id = row["hash"], row["id"]
            count += 1
