"""The application on a real store: each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from application.errors import (
    AlreadyExistsError,
    CommandIdReusedError,
    ConcurrencyConflictError,
    PartnerNotFoundError,
    PartnershipNotFoundError,
)
from application.history import history_entries
from application.service import PartnershipApplication
from domain.errors import DomainError
from domain.partnership import Partnership
from domain.values import State
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    basis,
    command_line,
    procedure_lines,
    register_partners,
    run_procedure,
    submit,
)


def stored_event_count(app: PartnershipApplication) -> int:
    return app.recorder.max_notification_id() or 0


def test_full_procedure_reaches_active(app: PartnershipApplication) -> None:
    register_partners(app)

    run_procedure(app)

    partnership = app.get_partnership(REFERENCE)
    assert partnership.state == State.ACTIVE
    assert partnership.agreement is not None
    assert partnership.agreement["document_type"] == "agreement"
    names = [type(e).__name__ for e in app.partnership_events(REFERENCE)]
    assert names == [
        "ContentDetermined",
        "ScopeSelected",
        "WorkingDocumentDrafted",
        "WorkingDocumentApproved",
        "PartnersInformed",
        "WorkingSessionHeld",
        "MemorandumSigned",
        "FeasibilityReportSubmitted",
        "ProposalApproved",
        "AgreementSigned",
    ]


def test_history_records_actor_dates_and_basis(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)

    entries = history_entries(app.partnership_events(REFERENCE))

    approval = entries[3]
    assert approval.event == "WorkingDocumentApproved"
    assert approval.occurred_on == date(2025, 2, 3)
    assert approval.actor == "Nguyễn Văn An"
    assert approval.actor_unit == "00"
    assert approval.legal_basis is not None
    assert approval.legal_basis.number == "15/QĐ-TCHQ"
    assert approval.recorded_at.tzinfo is not None
    assert "Phê duyệt tài liệu làm việc" in approval.description
    assert [e.version for e in entries] == list(range(1, 11))


def test_state_as_of_business_date_and_version(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)

    before = app.partnership_as_of(REFERENCE, date(2025, 2, 4))
    at_version = app.get_partnership(REFERENCE, version=5)

    assert before is not None
    assert before.state == State.PREPARING
    assert before.working_document is not None
    assert before.working_document["approved"] is True
    assert at_version.state == State.NEGOTIATING
    assert app.partnership_as_of(REFERENCE, date(2025, 1, 1)) is None


def test_back_dated_step_counts_from_its_business_date(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)
    meeting = command_line(
        "hold_review_meeting",
        {
            "partnership": REFERENCE,
            "period": "monthly",
            "period_label": "04/2025",
            "agenda": "Đánh giá tháng 4",
        },
        occurred_on="2025-04-28",
        submitted_at="2025-06-10T10:00:00+07:00",
    )
    submit(app, meeting)

    in_effect_may = app.partnership_as_of(REFERENCE, date(2025, 5, 1))
    in_effect_april = app.partnership_as_of(REFERENCE, date(2025, 4, 27))

    assert in_effect_may is not None and len(in_effect_may.meetings) == 1
    assert in_effect_april is not None and in_effect_april.meetings == []


def test_resubmitted_command_writes_nothing(app: PartnershipApplication) -> None:
    register_partners(app)
    first_line = procedure_lines("determine_content")[0]
    first = submit(app, first_line)
    count = stored_event_count(app)

    again = submit(app, first_line)

    assert again.duplicate is True
    assert again.aggregate_id == first.aggregate_id
    assert again.version == first.version
    assert stored_event_count(app) == count


def test_reused_command_id_rejected(app: PartnershipApplication) -> None:
    register_partners(app)
    line = procedure_lines("determine_content")[0]
    submit(app, line)
    count = stored_event_count(app)
    changed = {**line, "data": {**line["data"], "title": "Tiêu đề khác"}}

    with pytest.raises(CommandIdReusedError) as raised:
        submit(app, changed)

    assert raised.value.code == "command_id_reused"
    assert stored_event_count(app) == count


@pytest.mark.parametrize(
    ("name", "data", "error_code"),
    [
        ("update_partner", {"tax_number": "0302004459"}, "partner_not_found"),
        ("sign_memorandum", {"partnership": "KHONG-CO", "summary": "x"}, "partnership_not_found"),
    ],
)
def test_missing_target_rejected(
    app: PartnershipApplication, name: str, data: dict[str, str], error_code: str
) -> None:
    count = stored_event_count(app)

    with pytest.raises((PartnerNotFoundError, PartnershipNotFoundError)) as raised:
        submit(app, command_line(name, data, legal_basis=basis("1/BB", "2025-03-03")))

    assert raised.value.code == error_code
    assert stored_event_count(app) == count


def test_second_registration_rejected(app: PartnershipApplication) -> None:
    register_partners(app)
    count = stored_event_count(app)
    line = command_line(
        "register_partner",
        {
            "tax_number": ENTERPRISE_TAX_NUMBER,
            "name": "Tên khác",
            "partner_type": "import_export_enterprise",
            "address": "Hà Nội",
        },
    )

    with pytest.raises(AlreadyExistsError) as raised:
        submit(app, line)

    assert raised.value.code == "already_exists"
    assert stored_event_count(app) == count


def test_rule_error_writes_nothing(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app, "select_scope")
    count = stored_event_count(app)
    skip_ahead = command_line(
        "sign_memorandum",
        {"partnership": REFERENCE, "summary": "Ký sớm"},
        legal_basis=basis("01/BBGN", "2025-03-03"),
    )

    with pytest.raises(DomainError) as raised:
        submit(app, skip_ahead)

    assert raised.value.code == "step_out_of_order"
    assert stored_event_count(app) == count
    assert app.get_partnership(REFERENCE).state == State.SCOPED


def test_occurred_after_submission_rejected(app: PartnershipApplication) -> None:
    count = stored_event_count(app)
    line = procedure_lines("determine_content")[0]
    line["submitted_at"] = "2025-01-05T23:59:00+07:00"

    with pytest.raises(DomainError) as raised:
        submit(app, line)

    assert raised.value.code == "invalid_value"
    assert raised.value.field == "occurred_on"
    assert stored_event_count(app) == count


def test_violation_suspends_and_records_on_partner(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)

    result = submit(
        app,
        command_line(
            "record_violation",
            {
                "partnership": REFERENCE,
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "kind": "smuggling",
                "description": "Buôn lậu hàng cấm qua cảng",
            },
            occurred_on="2025-06-02",
            legal_basis=basis("77/QĐ-XPVPHC", "2025-06-02"),
        ),
    )

    assert result.events == ["ViolationRecorded", "Suspended", "ViolationRecorded"]
    assert app.get_partnership(REFERENCE).state == State.SUSPENDED
    partner = app.get_partner(ENTERPRISE_TAX_NUMBER)
    assert partner.violations[0]["kind"] == "smuggling"


def test_concurrent_commands_one_stored(app: PartnershipApplication) -> None:
    """Two commands load the same version; exactly one is stored, the other conflicts."""
    register_partners(app)
    run_procedure(app)
    count = stored_event_count(app)
    barrier = threading.Barrier(2)
    original_get = app.get_partnership

    def get_then_wait(reference: str, version: int | None = None) -> Partnership:
        loaded = original_get(reference, version)
        barrier.wait(timeout=10)
        return loaded

    app.get_partnership = get_then_wait  # type: ignore[method-assign]
    outcomes: list[object] = []

    def publish(channel: str) -> None:
        line = command_line(
            "record_publicity",
            {"partnership": REFERENCE, "channel": channel, "description": "Tin bài"},
            occurred_on="2025-05-05",
        )
        try:
            outcomes.append(submit(app, line))
        except ConcurrencyConflictError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=publish, args=(c,)) for c in ("Báo Hải quan", "Cổng TTĐT")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    app.get_partnership = original_get  # type: ignore[method-assign]

    conflicts = [o for o in outcomes if isinstance(o, ConcurrencyConflictError)]
    assert len(outcomes) == 2
    assert len(conflicts) == 1
    assert conflicts[0].code == "conflict"
    assert conflicts[0].current_version == 11
    assert stored_event_count(app) == count + 2  # one event and its command record
    assert len(app.get_partnership(REFERENCE).publicity) == 1


def test_resubmitted_repeatable_step_writes_nothing(app: PartnershipApplication) -> None:
    """A step the domain would accept twice is still applied once for one command id."""
    register_partners(app)
    run_procedure(app)
    line = command_line(
        "record_publicity",
        {"partnership": REFERENCE, "channel": "Báo Hải quan", "description": "Tin bài"},
        occurred_on="2025-05-05",
    )
    first = submit(app, line)
    count = stored_event_count(app)

    again = submit(app, line)

    assert again.duplicate is True
    assert again.version == first.version
    assert stored_event_count(app) == count
    assert len(app.get_partnership(REFERENCE).publicity) == 1


def test_yearly_tax_needs_provincial_unit(app: PartnershipApplication) -> None:
    register_partners(app)
    count = stored_event_count(app)
    line = command_line(
        "record_yearly_tax",
        {
            "tax_number": ENTERPRISE_TAX_NUMBER,
            "year": 2024,
            "provincial_unit": "02-CANG-SG-KV1",
            "amount": "1500000000",
        },
    )

    with pytest.raises(DomainError) as raised:
        submit(app, line)

    assert raised.value.code == "unit_level_not_allowed"
    assert raised.value.field == "provincial_unit"
    assert stored_event_count(app) == count
