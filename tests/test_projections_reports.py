"""The Appendix II and III reports: which partnerships and activities a period covers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from application.service import PartnershipApplication
from projections.reports import (
    TO_BE_FILLED,
    build_development_report,
    build_plan_report,
    parse_period,
)
from projections.runner import AggregateStatesProjection
from tests.projections_fixture import build_dataset, build_projection
from tests.scenario import ASSESSMENT, command_line, submit

LATER_REFERENCE = "TEST-2025-002"


@pytest.fixture
def projection(
    app: PartnershipApplication, database_url: str, tmp_path: Path
) -> Iterator[AggregateStatesProjection]:
    build_dataset(app)
    submit(
        app,
        command_line(
            "determine_content",
            {
                "partnership": LATER_REFERENCE,
                "title": "Tổ tư vấn hải quan - doanh nghiệp",
                "planning_year": 2025,
                "lead_unit": "00",
                "content_areas": ["vi"],
                "assessment": ASSESSMENT,
            },
            occurred_on="2025-05-10",
        ),
    )
    built = build_projection(app, database_url, tmp_path)
    built.catch_up()
    try:
        yield built
    finally:
        built.close()


def test_partnership_counts_from_its_first_step(projection: AggregateStatesProjection) -> None:
    first_quarter = build_development_report(projection, "00", parse_period("2025-Q1"))
    second_quarter = build_development_report(projection, "00", parse_period("2025-Q2"))

    assert [row.reference for row in first_quarter.rows] == ["TEST-2025-001"]
    assert {row.reference for row in second_quarter.rows} == {"TEST-2025-001", LATER_REFERENCE}


def test_development_report_rows(projection: AggregateStatesProjection) -> None:
    report = build_development_report(projection, "00", parse_period("2025-Q2"))

    (row,) = [row for row in report.rows if row.reference == "TEST-2025-001"]
    assert row.purpose == "Hỗ trợ thủ tục hải quan tại cảng"
    assert row.form == "Đối tác thường xuyên: Chương trình đối tác chuyên đề"
    assert row.focal_point == "Phạm Thu Hà, Chuyên viên"
    assert "1 cuộc họp trong kỳ" in row.result
    assert "1 hoạt động hoàn thành trong kỳ" in row.result
    assert "Đánh giá Quý II/2025: Đạt mục tiêu (mức hài lòng 4/5)" in row.result
    (later,) = [row for row in report.rows if row.reference == LATER_REFERENCE]
    assert later.partner == "Chưa lựa chọn đối tác"
    assert report.impact == "TEST-2025-001: Thời gian thông quan giảm 10%"
    # The first quarter had a working session but no evaluation, so the impact question is
    # left to the officer.
    first_quarter = build_development_report(projection, "00", parse_period("2025-Q1"))
    assert first_quarter.discussion.startswith("TEST-2025-001: 1 buổi làm việc")
    assert first_quarter.impact == TO_BE_FILLED


def test_plan_report_activities(projection: AggregateStatesProjection) -> None:
    may = build_plan_report(projection, "00", parse_period("2025-05"))
    june = build_plan_report(projection, "00", parse_period("2025-06"))
    july = build_plan_report(projection, "00", parse_period("2025-07"))

    assert [row.time for row in may.rows] == ["Hạn 30/05/2025; hoàn thành 28/05/2025"]
    assert may.rows[0].resources == "02 giảng viên; kinh phí: 20 triệu đồng"
    assert [row.time for row in june.rows] == ["Hạn 20/06/2025; quá hạn, chưa hoàn thành"]
    assert june.rows[0].obstacles == f"Chưa hoàn thành đúng hạn. {TO_BE_FILLED}"
    # Still open after its due date, it is reported again in the next month.
    assert [row.activity.split(" (")[0] for row in july.rows] == ["Khảo sát mức độ hài lòng"]
    assert july.rows[0].solutions == TO_BE_FILLED
