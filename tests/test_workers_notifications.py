"""Notifications derived from the event log, delivered in-process (no broker): each
test body runs on SQLite and on PostgreSQL, writing .eml files to the outbox."""

from __future__ import annotations

import dataclasses
import email
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from pathlib import Path
from typing import Any

import pytest

from application.service import PartnershipApplication
from application.settings import Settings, WorkerSettings
from doitac.bootstrap import CeleryRuntime, build_application, build_celery
from doitac.cli import main
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    basis,
    command_line,
    register_partners,
    run_procedure,
    submit,
)
from tests.workers_harness import (
    CUSTOMS_FOCAL_EMAIL,
    PARTNER_EMAIL,
    PARTNER_FOCAL_EMAIL,
    activate_with_focal_points,
)
from workers.delivery import FAILED, SENT, SKIPPED, Deliverer
from workers.mail import DeliveryError
from workers.periods import previous_period
from workers.reports import ReportProducer
from workers.store import PENDING


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        var_dir=tmp_path / "var",
        workers=WorkerSettings(reminder_days_ahead=7, notify_max_age_days=0),
    )


@pytest.fixture
def runtime(settings: Settings) -> Iterator[CeleryRuntime]:
    built = build_celery(settings)
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def writer(settings: Settings) -> Iterator[PartnershipApplication]:
    """The application that stores the commands, as the API process would."""
    application = build_application(settings)
    try:
        yield application
    finally:
        application.close()


def outbox(settings: Settings) -> list[email.message.EmailMessage]:
    folder = settings.var_dir / "outbox"
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for path in sorted(folder.glob("*.eml"))
    ]


def process_and_send(runtime: CeleryRuntime) -> list[str]:
    keys = runtime.services().processor.process_all()
    runtime.tasks.enqueue(keys)
    return keys


def test_partners_informed_sends_document_once(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")

    keys = process_and_send(runtime)

    assert len(keys) == 1
    messages = outbox(settings)
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == PARTNER_EMAIL
    assert "Thông tin về đề xuất quan hệ đối tác" in str(message["Subject"])
    assert str(message["X-Doitac-Notification"]).strip() == keys[0]
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "120/TCHQ-CCHĐH ngày 05/02/2025" in text
    assert "buổi làm việc" in text
    assert message.get_body(("html",)) is not None
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["tai-lieu-lam-viec.html"]
    assert "Nội dung purpose" in attachments[0].get_content()
    row = runtime.services().store.get(keys[0])
    assert row is not None
    assert row.state == SENT
    assert row.attempts == 1


def test_processing_again_adds_nothing(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    first = process_and_send(runtime)

    second = process_and_send(runtime)
    dispatched = runtime.tasks.dispatch_notifications.apply().get()

    assert len(first) == 1
    assert second == []
    assert dispatched == 0
    assert len(outbox(settings)) == 1


def test_two_processors_record_position_once(
    writer: PartnershipApplication, settings: Settings
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    first = build_celery(settings)
    second = build_celery(settings)
    try:
        processor_a = first.services().processor
        processor_b = second.services().processor
        # Both read the same position before either records it.
        position_of = processor_b.position_of
        processor_b.position_of = lambda name: 0

        count_a, keys_a = processor_a.process_batch()
        count_b, keys_b = processor_b.process_batch()
        processor_b.position_of = position_of

        assert count_a > 0
        assert len(keys_a) == 1
        assert (count_b, keys_b) == (0, [])
        assert len(first.services().store.list_all()) == 1
    finally:
        first.close()
        second.close()


def test_procedure_notifications_reach_each_side(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    activate_with_focal_points(writer)
    ref = {"partnership": REFERENCE}
    submit(
        writer,
        command_line(
            "give_ad_hoc_notice",
            {
                **ref,
                "requested_by": "customs",
                "meeting_on": "2025-05-20",
                "form_of_notice": "Công văn",
                "subject": "Vướng mắc thủ tục tại cảng",
            },
            occurred_on="2025-05-10",
            legal_basis=basis("88/TCHQ-CCHĐH", "2025-05-10"),
        ),
    )
    submit(
        writer,
        command_line(
            "hold_review_meeting",
            {**ref, "period": "monthly", "period_label": "Tháng 5/2025", "agenda": "Tiến độ"},
            occurred_on="2025-05-28",
        ),
    )
    submit(
        writer,
        command_line(
            "report_conclusion",
            {
                **ref,
                "meeting_no": 1,
                "summary": "Thống nhất tiến độ",
                "sent_to": ["customs", "partner"],
            },
            occurred_on="2025-05-29",
            legal_basis=basis("12/BC-CCHĐH", "2025-05-29"),
        ),
    )
    submit(
        writer,
        command_line(
            "record_violation",
            {
                **ref,
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "kind": "smuggling",
                "description": "Buôn lậu hàng cấm",
            },
            occurred_on="2025-06-02",
            legal_basis=basis("77/QĐ-XPVPHC", "2025-06-02"),
        ),
    )

    process_and_send(runtime)

    rows = runtime.services().store.list_all()
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, set()).add(row.recipient)
    assert by_kind["partners_informed"] == {PARTNER_EMAIL}
    assert by_kind["ad_hoc_meeting_notice"] == {PARTNER_EMAIL, PARTNER_FOCAL_EMAIL}
    assert by_kind["conclusion_report"] == {CUSTOMS_FOCAL_EMAIL, PARTNER_FOCAL_EMAIL}
    assert by_kind["suspension_notice"] == {
        PARTNER_EMAIL,
        PARTNER_FOCAL_EMAIL,
        CUSTOMS_FOCAL_EMAIL,
    }
    assert all(row.state == SENT for row in rows)
    assert len(outbox(settings)) == len(rows)
    subjects = {str(m["Subject"]) for m in outbox(settings)}
    assert any(s.startswith("Thông báo đình chỉ quan hệ đối tác") for s in subjects)
    assert any(s.startswith("Thông báo họp đột xuất ngày 20/05/2025") for s in subjects)


def test_delivery_of_sent_key_is_skipped(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    keys = process_and_send(runtime)

    outcome = runtime.services().deliverer.deliver([keys[0]])[keys[0]]

    assert outcome.status == SKIPPED
    assert len(outbox(settings)) == 1


class RefusingMailer:
    def __init__(self, retryable: bool) -> None:
        self.retryable = retryable
        self.calls = 0

    def send(self, message: Any) -> None:
        self.calls += 1
        raise DeliveryError("smtp reply code=550 SMTPDataError", retryable=self.retryable)

    def close(self) -> None:
        pass


def test_permanent_failure_is_listed(
    writer: PartnershipApplication,
    runtime: CeleryRuntime,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    services = runtime.services()
    keys = services.processor.process_all()
    mailer = RefusingMailer(retryable=False)
    deliverer = Deliverer(services.store, mailer, settings.workers)

    outcome = deliverer.deliver([keys[0]])[keys[0]]
    again = deliverer.deliver([keys[0]])[keys[0]]

    assert outcome.status == FAILED
    assert again.status == SKIPPED
    assert mailer.calls == 1
    row = services.store.get(keys[0])
    assert row is not None
    assert row.state == FAILED
    assert "550" in row.last_error
    monkeypatch.setenv("DOITAC_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(settings.var_dir))
    status = main(["notifications", "failed"])
    printed = capsys.readouterr().out
    assert status == 0
    assert "1 thông báo gửi không thành công" in printed
    assert PARTNER_EMAIL in printed
    assert keys[0] in printed


def test_retryable_failure_waits_then_fails(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    services = runtime.services()
    keys = services.processor.process_all()
    now = [time.time()]
    limited = WorkerSettings(max_retries=2, retry_backoff=10, retry_backoff_max=40)
    mailer = RefusingMailer(retryable=True)
    deliverer = Deliverer(services.store, mailer, limited, clock=lambda: now[0])

    statuses = []
    for _ in range(3):
        outcome = deliverer.deliver([keys[0]])[keys[0]]
        statuses.append(outcome.status)
        assert outcome.countdown <= 40
        if outcome.countdown > 0:
            # Not due yet: a redelivered task changes nothing.
            assert deliverer.deliver([keys[0]])[keys[0]].status == SKIPPED
        now[0] += 41

    assert statuses == ["retry", "retry", FAILED]
    assert mailer.calls == 3
    row = services.store.get(keys[0])
    assert row is not None
    assert row.state == FAILED
    assert row.attempts == 3


def test_batch_stops_after_retryable_error(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    activate_with_focal_points(writer)
    submit(
        writer,
        command_line(
            "record_violation",
            {
                "partnership": REFERENCE,
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "kind": "smuggling",
                "description": "Buôn lậu hàng cấm",
            },
            occurred_on="2025-06-02",
            legal_basis=basis("77/QĐ-XPVPHC", "2025-06-02"),
        ),
    )
    services = runtime.services()
    keys = services.processor.process_all()
    mailer = RefusingMailer(retryable=True)
    deliverer = Deliverer(services.store, mailer, WorkerSettings(retry_backoff=10))

    outcomes = deliverer.deliver(keys)

    assert len(keys) == 4  # the partners-informed letter and three suspension notices
    assert mailer.calls == 1
    assert {outcome.status for outcome in outcomes.values()} == {"retry"}
    rows = [services.store.get(key) for key in keys]
    assert [row.state for row in rows if row is not None] == [PENDING] * 4
    assert sorted(row.attempts for row in rows if row is not None) == [0, 0, 0, 1]


def test_reminders_due_once(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    activate_with_focal_points(writer)
    submit(
        writer,
        command_line(
            "adopt_plan",
            {
                "partnership": REFERENCE,
                "activities": [
                    {
                        "code": "HD1",
                        "title": "Tập huấn thủ tục",
                        "responsible": "Ban Cải cách hiện đại hoá",
                        "output": "Lớp tập huấn",
                        "due_on": "2025-06-15",
                    }
                ],
            },
            occurred_on="2025-04-05",
            legal_basis=basis("20/KH-TCHQ", "2025-04-05"),
        ),
    )
    scanner = runtime.services().reminders
    # 26 June 2025 07:00 in Vietnam: within 7 days of the end of June and of Q2.
    moment = datetime(2025, 6, 26, 0, 0, tzinfo=UTC)

    first = scanner.scan(moment)
    second = scanner.scan(moment)

    assert second == []
    rows = {row.key: row for row in runtime.services().store.list_all()}
    kinds = sorted((rows[key].kind, rows[key].subject) for key in first)
    review = [subject for kind, subject in kinds if kind == "review_meeting_notice"]
    overdue = [subject for kind, subject in kinds if kind == "plan_activity_overdue"]
    assert len(review) == 4  # June and the second quarter, to both focal points
    assert any("tháng 6/2025" in subject for subject in review)
    assert any("quý II/2025" in subject for subject in review)
    assert len(overdue) == 1  # to the customs focal point only
    assert all(rows[key].state == PENDING for key in first)


def test_yearly_duty_reminder_in_november(
    writer: PartnershipApplication, runtime: CeleryRuntime
) -> None:
    activate_with_focal_points(writer)
    scanner = runtime.services().reminders

    keys = scanner.scan(datetime(2025, 11, 3, 2, 0, tzinfo=UTC))

    rows = [row for row in runtime.services().store.list_all() if row.key in keys]
    duties = [row for row in rows if row.kind == "yearly_duty"]
    assert [row.recipient for row in duties] == [CUSTOMS_FOCAL_EMAIL]
    assert "xác định nội dung đối tác năm 2026" in duties[0].subject


@pytest.mark.parametrize(
    ("kind", "moment", "expected"),
    [
        # 00:05 on 1 April in Vietnam is 17:05 on 31 March UTC: the first quarter.
        ("quarterly", datetime(2025, 3, 31, 17, 5, tzinfo=UTC), "2025-Q1"),
        # 23:59 on 31 March in Vietnam: the first quarter is not complete yet.
        ("quarterly", datetime(2025, 3, 31, 16, 59, tzinfo=UTC), "2024-Q4"),
        ("monthly", datetime(2025, 3, 31, 17, 0, tzinfo=UTC), "2025-03"),
        ("monthly", datetime(2025, 3, 31, 16, 59, 59, tzinfo=UTC), "2025-02"),
        ("yearly", datetime(2025, 12, 31, 17, 0, tzinfo=UTC), "2025"),
        ("yearly", datetime(2025, 12, 31, 16, 59, tzinfo=UTC), "2024"),
    ],
)
def test_period_at_vietnam_midnight(kind: str, moment: datetime, expected: str) -> None:
    assert previous_period(kind, moment).label == expected


def test_period_rejects_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        previous_period("monthly", datetime(2025, 4, 1, 0, 5))


def test_reports_once_per_period(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    activate_with_focal_points(writer)
    services = runtime.services()
    other = ReportProducer(
        services.app, services.store, services.reports.render, settings.var_dir / "reports"
    )
    moment = datetime(2025, 3, 31, 17, 5, tzinfo=UTC)

    first = services.reports.produce("quarterly", moment)
    second = other.produce("quarterly", moment)

    assert [path.name for path in first] == ["appendix_ii-00.docx", "appendix_iii-00.docx"]
    assert second == []
    reports = services.store.list_reports()
    assert [(r["kind"], r["unit"], r["period"]) for r in reports] == [
        ("appendix_ii", "00", "2025-Q1"),
        ("appendix_iii", "00", "2025-Q1"),
    ]
    assert all(Path(r["path"]).exists() for r in reports)


def test_report_claim_released_when_rendering_fails(
    writer: PartnershipApplication, runtime: CeleryRuntime, settings: Settings
) -> None:
    activate_with_focal_points(writer)
    services = runtime.services()

    def broken(kind: str, unit: str, period: Any) -> tuple[str, bytes]:
        raise OSError("disk full")

    producer = ReportProducer(services.app, services.store, broken, settings.var_dir / "r")
    moment = datetime(2025, 4, 1, 0, 0, tzinfo=UTC)

    with pytest.raises(OSError, match="disk full"):
        producer.produce("monthly", moment)
    produced = services.reports.produce("monthly", moment)

    assert [path.name for path in produced] == ["appendix_ii-00.docx", "appendix_iii-00.docx"]


def test_notification_keys_contain_no_address(
    writer: PartnershipApplication, runtime: CeleryRuntime
) -> None:
    register_partners(writer)
    run_procedure(writer, "inform_partners")

    keys = process_and_send(runtime)

    assert keys
    assert all("@" not in key and "example" not in key for key in keys)


def test_yearly_reports_include_partner_list(
    writer: PartnershipApplication, runtime: CeleryRuntime
) -> None:
    activate_with_focal_points(writer)
    # 00:05 on 1 January 2026 in Vietnam reports the year 2025.
    moment = datetime(2025, 12, 31, 17, 5, tzinfo=UTC)

    produced = runtime.services().reports.produce("yearly", moment)

    assert [path.name for path in produced] == [
        "appendix_ii-00.docx",
        "appendix_iii-00.docx",
        "partner_list-00.docx",
    ]
    assert all(path.parent.name == "2025" for path in produced)
    with zipfile.ZipFile(produced[2]) as document:
        body = document.read("word/document.xml").decode("utf-8")
    assert "Công ty TNHH Thương mại Đông Á" in body


@pytest.mark.parametrize("command", ["worker", "beat"])
def test_worker_without_broker_exits(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DOITAC_BROKER_URL", raising=False)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("DOITAC_DATABASE_URL", f"sqlite:///{tmp_path / 'd.sqlite3'}")

    status = main([command])

    assert status == 1
    assert "chưa đặt DOITAC_BROKER_URL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DOITAC_SMTP_SECURITY": "tls13"}, "DOITAC_SMTP_SECURITY"),
        ({"DOITAC_SMTP_TIMEOUT": "60", "DOITAC_DELIVERY_LEASE": "300"}, "DOITAC_DELIVERY_LEASE"),
        (
            {"DOITAC_MAIL_RETRY_BACKOFF_MAX": "4000"},
            "DOITAC_MAIL_RETRY_BACKOFF_MAX",
        ),
        ({"DOITAC_SMTP_PORT": "hai mươi lăm"}, "DOITAC_SMTP_PORT"),
    ],
)
def test_worker_settings_rejected(environment: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkerSettings.from_env(environment)


def test_worker_settings_read_from_environment() -> None:
    settings = WorkerSettings.from_env(
        {
            "DOITAC_BROKER_URL": "redis://127.0.0.1:6379/3",
            "DOITAC_SMTP_HOST": "mail.example",
            "DOITAC_SMTP_SECURITY": "STARTTLS",
            "DOITAC_SMTP_TIMEOUT": "10",
            "DOITAC_DELIVERY_LEASE": "61",
        }
    )

    assert settings.eager is False
    assert settings.smtp_security == "starttls"
    assert settings.delivery_lease == 61.0
    assert WorkerSettings.from_env({}).eager is True


def test_old_steps_notify_nobody(
    writer: PartnershipApplication, settings: Settings, tmp_path: Path
) -> None:
    """Importing history (steps dated beyond the horizon) stores no notification."""
    register_partners(writer)
    run_procedure(writer, "inform_partners")
    horizon = dataclasses.replace(
        settings, workers=dataclasses.replace(settings.workers, notify_max_age_days=30)
    )
    built = build_celery(horizon)
    try:
        keys = process_and_send(built)
        recent = build_celery(
            dataclasses.replace(
                settings, workers=dataclasses.replace(settings.workers, notify_max_age_days=3650)
            )
        )
        try:
            late = process_and_send(recent)
        finally:
            recent.close()
    finally:
        built.close()

    assert keys == []
    assert outbox(horizon) == []
    assert late == []  # the events were processed once, by the first processor
