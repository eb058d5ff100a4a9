"""The audit trail: every ORM mutation is recorded in the same transaction, chained by hash."""

import json
import sqlite3
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop_app.core import audit
from desktop_app.core.models import AuditEvent, Sku, Supplier


def _events(db):
    with db.sessions() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()


def test_insert_update_delete_are_recorded_with_before_and_after(db):
    with db.transaction(actor="alice") as s:
        s.add(
            Sku(code="A-1", name_cn="手机壳", hs_code="3926909090", purchase_price=Decimal("3.25"))
        )
    with db.transaction(actor="bob") as s:
        sku = s.scalar(select(Sku).where(Sku.code == "A-1"))
        sku.name_cn = "硅胶手机壳"
    with db.transaction(actor="carol") as s:
        s.delete(s.scalar(select(Sku).where(Sku.code == "A-1")))
    events = [e for e in _events(db) if e.entity == "sku"]
    assert [(e.action, e.actor) for e in events] == [
        ("insert", "alice"),
        ("update", "bob"),
        ("delete", "carol"),
    ]
    assert events[0].entity_id == events[1].entity_id != ""
    assert json.loads(events[0].after_json)["purchase_price"] == "3.25"
    assert json.loads(events[1].before_json) == {"name_cn": "手机壳"}
    assert json.loads(events[1].after_json)["name_cn"] == "硅胶手机壳"
    assert json.loads(events[2].before_json)["code"] == "A-1"
    with db.sessions() as s:
        assert audit.verify_chain(s).ok


def test_a_rolled_back_action_leaves_no_event(db):
    with pytest.raises(RuntimeError), db.transaction() as s:
        s.add(Supplier(name="东莞某厂"))
        s.flush()
        raise RuntimeError("user cancelled")
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0
        assert s.scalar(select(func.count()).select_from(Supplier)) == 0


def _tamper(db_path, sql, *params):
    con = sqlite3.connect(db_path)
    con.execute(sql, params)
    con.commit()
    con.close()


@pytest.fixture
def chained(db):
    for n in range(5):
        with db.transaction() as s:
            s.add(Supplier(name=f"供应商{n}"))
    return db


def test_changing_one_event_by_hand_names_that_event(chained, db_path):
    _tamper(db_path, "UPDATE audit_event SET actor = 'mallory' WHERE id = 3")
    with chained.sessions() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.first_broken_id == 3
    assert "hash" in report.reason


def test_deleting_an_event_breaks_the_next_link(chained, db_path):
    _tamper(db_path, "DELETE FROM audit_event WHERE id = 2")
    with chained.sessions() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.first_broken_id == 3


def test_rehashing_a_changed_event_still_breaks_the_following_link(chained, db_path):
    with chained.sessions() as s:
        row = dict(
            s.execute(select(AuditEvent.__table__).where(AuditEvent.id == 2)).mappings().one()
        )
    row["after_json"] = '{"name": "forged"}'
    forged = audit.event_hash(row)
    _tamper(
        db_path,
        "UPDATE audit_event SET after_json = ?, hash = ? WHERE id = 2",
        row["after_json"],
        forged,
    )
    with chained.sessions() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.first_broken_id == 3


def test_explicit_record_for_bulk_work(db):
    with db.transaction(actor="importer") as s:
        audit.record(s, "bulk_insert", "sales_order", None, after={"rows": 1000})
    (event,) = _events(db)
    assert (event.action, event.actor, json.loads(event.after_json)) == (
        "bulk_insert",
        "importer",
        {"rows": 1000},
    )


def test_chain_verification_spans_batches(chained):
    with chained.sessions() as s:
        report = audit.verify_chain(s, batch=2)
    assert report.ok and report.events == 5


def test_every_newly_opened_database_audits(tmp_path):
    """Each open_database gets its own listener, even when Python reuses a collected id."""
    import gc

    from desktop_app.core.db import open_database

    for n in range(12):
        database = open_database(tmp_path / f"d{n}.sqlite")
        with database.transaction() as s:
            s.add(Supplier(name=f"厂{n}"))
        assert len(_events(database)) == 1, f"database {n} wrote no audit event"
        database.dispose()
        del database
        gc.collect()
