"""单证备案: checklists, content-addressed attachments verified on read, due and retention dates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.errors import BadInput
from desktop_app.core.services import filing_docs as fd
from desktop_app.core.services import holidays
from tests.unit.filing_fixtures import batch, claim, declaration

D = dt.date
UTC = dt.UTC


@pytest.fixture
def seeded(session):
    holidays.seed_from_package(session, years=[2025, 2026])
    return session


def test_checklist_is_standard_and_idempotent(session) -> None:
    plain = declaration(session, "D-1", D(2026, 1, 10))
    items = fd.ensure_checklist(session, plain.id)
    assert [i.kind for i in items] == list(fd.DEFAULT_ITEMS)
    assert {i.status for i in items} == {"missing"}
    again = fd.ensure_checklist(session, plain.id)
    assert [i.id for i in again] == [i.id for i in items]
    warehouse = declaration(session, "D-9810", D(2026, 1, 10), mode="9810")
    kinds = [i.kind for i in fd.ensure_checklist(session, warehouse.id)]
    assert kinds == [*fd.DEFAULT_ITEMS, "warehouse_lease"]


def test_add_item_other_needs_a_title(session) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    with pytest.raises(BadInput, match="needs a title"):
        fd.add_item(session, item.id, "other")
    with pytest.raises(BadInput, match="document kind 'bogus'"):
        fd.add_item(session, item.id, "bogus")
    added = fd.add_item(session, item.id, "other", "装箱照片", document_no="P-1")
    assert fd.kind_name(added.kind, added.title) == "装箱照片"
    fd.ensure_checklist(session, item.id)
    assert fd.checklist(session, item.id)[-1].id == added.id  # added items come last
    fd.remove_item(session, added.id)
    with pytest.raises(BadInput, match="standard item"):
        fd.remove_item(session, fd.checklist(session, item.id)[0].id)


def test_attach_stores_once_by_content(session, tmp_path: Path) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    contract, bill = fd.ensure_checklist(session, item.id)[:2]
    first = tmp_path / "contract.PDF"
    first.write_bytes(b"%PDF same bytes")
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(b"%PDF same bytes")
    fd.attach(session, contract.id, first)
    fd.attach(session, bill.id, copy)
    assert contract.attachment_sha256 == bill.attachment_sha256
    assert contract.attachment_path == bill.attachment_path
    sha = contract.attachment_sha256
    assert contract.attachment_path == f"{sha[:2]}/{sha}.pdf"
    stored = list((paths.attachments_dir()).rglob("*.pdf"))
    assert len(stored) == 1
    assert contract.status == "received"
    first.unlink()  # the stored copy does not depend on the original
    assert fd.read_attachment(session, contract.id) == b"%PDF same bytes"


def test_attach_refuses_missing_or_empty_files(session, tmp_path: Path) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    contract = fd.ensure_checklist(session, item.id)[0]
    with pytest.raises(BadInput, match="no such file"):
        fd.attach(session, contract.id, tmp_path / "nope.pdf")
    empty = tmp_path / "empty.pdf"
    empty.touch()
    with pytest.raises(BadInput, match="empty"):
        fd.attach(session, contract.id, empty)
    assert contract.status == "missing" and contract.attachment_path == ""


def test_verify_detects_a_changed_and_a_missing_file(session, tmp_path: Path) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    contract, bill = fd.ensure_checklist(session, item.id)[:2]
    (tmp_path / "a.pdf").write_bytes(b"contract")
    (tmp_path / "b.jpg").write_bytes(b"bill of lading")
    fd.attach(session, contract.id, tmp_path / "a.pdf")
    fd.attach(session, bill.id, tmp_path / "b.jpg")
    assert fd.verify(session, contract.id).is_file()
    assert fd.verify_all(session) == []
    changed = fd.attachment_file(contract)
    changed.write_bytes(b"tampered")
    with pytest.raises(fd.AttachmentProblem) as caught:
        fd.verify(session, contract.id)
    message = str(caught.value)
    assert str(changed) in message and contract.attachment_sha256 in message
    assert "has changed" in message
    with pytest.raises(fd.AttachmentProblem):
        fd.read_attachment(session, contract.id)
    fd.attachment_file(bill).unlink()
    with pytest.raises(fd.AttachmentProblem, match="is missing"):
        fd.verify(session, bill.id)
    problems = fd.verify_all(session)
    assert [(p.item_id, p.declaration_ref) for p in problems] == [
        (contract.id, "D-1"),
        (bill.id, "D-1"),
    ]
    with pytest.raises(BadInput, match="no attached file"):
        fd.verify(session, fd.checklist(session, item.id)[2].id)


def test_reattach_restores_a_damaged_copy(session, tmp_path: Path) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    contract = fd.ensure_checklist(session, item.id)[0]
    source = tmp_path / "a.pdf"
    source.write_bytes(b"contract")
    fd.attach(session, contract.id, source)
    fd.attachment_file(contract).write_bytes(b"broken")
    fd.attach(session, contract.id, source)
    assert fd.read_attachment(session, contract.id) == b"contract"


def test_due_and_retention_across_2025_and_2026_exports(seeded) -> None:
    old = declaration(seeded, "D-2025", D(2025, 12, 20))
    new = declaration(seeded, "D-2026", D(2026, 1, 5))
    filed = batch(seeded, dt.datetime(2026, 2, 5, 2, 0, tzinfo=UTC))  # 10:00 Beijing
    claim(seeded, filed, new, old)
    old_items = fd.ensure_checklist(seeded, old.id)
    new_items = fd.ensure_checklist(seeded, new.id)
    assert {i.batch_id for i in old_items + new_items} == {filed.id}
    assert old_items[0].retain_until == D(2031, 2, 5)  # 5 years (2022年第9号)
    assert new_items[0].retain_until == D(2036, 2, 5)  # 10 years (2026年第5号)
    # 15 days after 5 February is 20 February, in the Spring Festival holiday
    rows = fd.missing_documents(seeded, D(2026, 2, 24))
    assert {r.due_date for r in rows} == {D(2026, 2, 24)}
    assert not any(r.overdue for r in rows)
    assert all(r.overdue for r in fd.missing_documents(seeded, D(2026, 2, 25)))
    filed_item = fd.mark_filed(seeded, new_items[0].id, D(2026, 2, 10))
    assert filed_item.status == "filed" and filed_item.filed_date == D(2026, 2, 10)


def test_mark_filed_without_claim_counts_from_the_filed_date(session) -> None:
    item = declaration(session, "D-1", D(2025, 6, 1))
    contract = fd.ensure_checklist(session, item.id)[0]
    assert contract.retain_until is None
    fd.mark_filed(session, contract.id, D(2025, 7, 1))
    assert contract.retain_until == D(2030, 7, 1)
    with pytest.raises(BadInput, match="before the export date"):
        fd.mark_filed(session, contract.id, D(2025, 5, 1))


def test_missing_list(seeded) -> None:
    with_list = declaration(seeded, "D-A", D(2026, 1, 5))
    bare = declaration(seeded, "D-B", D(2026, 1, 6), mode="9810")
    unclaimed = declaration(seeded, "D-C", D(2026, 3, 1))
    filed = batch(seeded, dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    claim(seeded, filed, with_list, bare)
    draft = batch(seeded, None, batch_no=2, status="draft")
    claim(seeded, draft, unclaimed)
    items = fd.ensure_checklist(seeded, with_list.id)
    fd.ensure_checklist(seeded, unclaimed.id)
    for item in items[:3]:
        fd.mark_filed(seeded, item.id, D(2026, 3, 5))
    rows = fd.missing_documents(seeded, D(2026, 3, 30))
    by_ref: dict[str, list[fd.MissingRow]] = {}
    for row in rows:
        by_ref.setdefault(row.declaration_ref, []).append(row)
    assert [r.kind for r in by_ref["D-A"]] == ["broker_agreement"]
    assert len(by_ref["D-B"]) == 5  # no checklist yet: the standard 9810 items
    assert {r.item_id for r in by_ref["D-B"]} == {None}
    assert all(r.overdue and r.due_date == D(2026, 3, 17) for r in by_ref["D-A"] + by_ref["D-B"])
    assert {r.due_date for r in by_ref["D-C"]} == {None}  # a draft batch is not a claim
    assert rows[-1].declaration_ref == "D-C"  # the undated last
    assert by_ref["D-A"][0].customs_no == with_list.customs_no
    only = fd.missing_documents(seeded, D(2026, 3, 30), declaration_ids=[with_list.id])
    assert {r.declaration_ref for r in only} == {"D-A"}


def test_claim_order(session) -> None:
    first = declaration(session, "D-1", D(2026, 1, 5))
    second = declaration(session, "D-2", D(2026, 1, 2))
    later = declaration(session, "D-3", D(2026, 1, 1))
    unclaimed = declaration(session, "D-4", D(2026, 1, 1))
    early = batch(session, dt.datetime(2026, 2, 10, 2, 0, tzinfo=UTC))
    claim(session, early, first, second)
    late = batch(session, dt.datetime(2026, 3, 10, 2, 0, tzinfo=UTC), batch_no=2)
    claim(session, late, later)
    ids = [unclaimed.id, later.id, second.id, first.id]
    assert fd.in_claim_order(session, ids) == [first.id, second.id, later.id, unclaimed.id]
    assert fd.batch_declaration_ids(session, early.id) == [first.id, second.id]
    with pytest.raises(BadInput, match="no such batch"):
        fd.batch_declaration_ids(session, 999)


def test_attachments_survive_a_moved_root(session, tmp_path: Path) -> None:
    item = declaration(session, "D-1", D(2026, 1, 10))
    contract = fd.ensure_checklist(session, item.id)[0]
    (tmp_path / "a.pdf").write_bytes(b"contract")
    fd.attach(session, contract.id, tmp_path / "a.pdf", root=tmp_path / "one")
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    assert fd.verify(session, contract.id, root=tmp_path / "two").is_file()


def _pdf_text(path: Path) -> str:
    import shutil as sh
    import subprocess

    if sh.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    return done.stdout.decode("utf-8")


def test_index_pdf_in_claim_order(session, tmp_path: Path) -> None:
    from desktop_app.core.printing import filing_index
    from desktop_app.core.services import company

    company.save_profile(session, {"name_cn": "深圳市海拓跨境电子商务有限公司"},
                         today=D(2025, 1, 1))  # fmt: skip
    first = declaration(session, "D-FIRST", D(2026, 1, 5))
    second = declaration(session, "D-SECOND", D(2026, 1, 2))
    filed = batch(session, dt.datetime(2026, 2, 10, 2, 0, tzinfo=UTC))
    claim(session, filed, first, second)
    contract = fd.ensure_checklist(session, first.id)[0]
    fd.ensure_checklist(session, second.id)
    fd.set_details(session, contract.id, document_no="HT-2026-001", document_date=D(2026, 1, 3))
    (tmp_path / "c.pdf").write_bytes(b"contract")
    fd.attach(session, contract.id, tmp_path / "c.pdf")
    out = tmp_path / "index.pdf"
    printed = filing_index.print_index(session, out, batch_id=filed.id, today=D(2026, 2, 12))
    assert (printed.declarations, printed.documents, printed.pages) == (2, 8, 1)
    text = _pdf_text(out)
    for label in filing_index.LABELS:
        assert label in text, label
    assert "深圳市海拓跨境电子商务有限公司" in text
    assert "202602-001" in text and "HT-2026-001" in text
    assert contract.attachment_sha256[:12] in text
    assert text.index("D-FIRST") < text.index("D-SECOND")
    assert "第1页/共1页" in text.replace(" ", "")


def test_index_pages_continue_a_long_checklist(session, tmp_path: Path) -> None:
    from desktop_app.core.printing import filing_index

    refs = []
    for n in range(12):
        item = declaration(session, f"D-{n:02d}", D(2026, 1, 5))
        fd.ensure_checklist(session, item.id)
        for extra in range(n):
            fd.add_item(session, item.id, "other", f"附件 {extra}")
        refs.append(item.id)
    data = filing_index.load_index(session, declaration_ids=refs)
    pages = filing_index.paginate(data.entries)
    assert len(pages) > 1
    numbers = [(b[0], b[2], len(b[3])) for page in pages for b in page]
    for entry in data.entries:  # every item printed exactly once, numbered on
        assert sum(n for e, _f, n in numbers if data.entries[e - 1] is entry) == len(entry.items)
    printed = filing_index.draw_index(data, tmp_path / "long.pdf")
    assert printed.pages == len(pages)
    with pytest.raises(BadInput, match="either"):
        filing_index.load_index(session)
