"""Partnership aggregate: each rule of the procedure, tried and broken.

Every rejected command asserts the error code and that nothing was written: the
aggregate's version and its pending events are unchanged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from domain.errors import DomainError
from domain.partnership import Partnership
from domain.values import State
from tests.domain_builders import (
    ACTOR,
    BRANCH,
    CENTRAL,
    PROVINCIAL,
    active,
    approved,
    approved_document,
    association,
    basis,
    drafted,
    enterprise,
    memorandum,
    negotiating,
    proposed,
    scoped,
    sign,
    under_approval,
    with_session,
)


def assert_rejected(
    partnership: Partnership, command: Callable[[], None], code: str
) -> DomainError:
    version = partnership.version
    pending = len(partnership.pending_events)

    with pytest.raises(DomainError) as raised:
        command()

    assert raised.value.code == code
    assert partnership.version == version
    assert len(partnership.pending_events) == pending
    return raised.value


def event_names(partnership: Partnership) -> list[str]:
    return [type(e).__name__ for e in partnership.collect_events()]


def test_procedure_emits_events_in_order() -> None:
    partnership, _ = active()

    assert partnership.state == State.ACTIVE
    assert event_names(partnership) == [
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


def test_events_carry_actor_date_and_basis() -> None:
    partnership = approved_document(scoped())

    approval = partnership.collect_events()[-1]

    assert isinstance(approval, Partnership.WorkingDocumentApproved)
    assert approval.actor == "Nguyễn Văn An"
    assert approval.actor_unit == "00"
    assert approval.occurred_on == date(2025, 2, 3)
    assert approval.legal_basis == {"number": "15/QĐ-TCHQ", "issued_on": date(2025, 2, 3)}


def test_content_requires_area() -> None:
    with pytest.raises(DomainError) as raised:
        Partnership.determine_content(
            actor=ACTOR,
            occurred_on=date(2025, 1, 6),
            reference="X",
            title="T",
            planning_year=2025,
            lead_unit=CENTRAL,
            content_areas=[],
            assessment={},
        )
    assert raised.value.code == "invalid_value"
    assert raised.value.field == "content_areas"


def test_content_requires_full_assessment() -> None:
    with pytest.raises(DomainError) as raised:
        Partnership.determine_content(
            actor=ACTOR,
            occurred_on=date(2025, 1, 6),
            reference="X",
            title="T",
            planning_year=2025,
            lead_unit=CENTRAL,
            content_areas=["i"],
            assessment={"legality": "ok"},
        )
    assert raised.value.code == "invalid_value"
    assert raised.value.field == "assessment.benefits"


def _select(partnership: Partnership, **overrides: object) -> Callable[[], None]:
    arguments: dict[str, object] = {
        "actor": ACTOR,
        "occurred_on": date(2025, 1, 10),
        "kind": "regular",
        "form": "thematic_programme",
        "scope": "nationwide",
        "beyond_customs_authority": False,
        "partners": [enterprise().profile()],
        "rationale": "",
    }
    arguments.update(overrides)
    return lambda: partnership.select_scope(**arguments)  # type: ignore[arg-type]


def test_association_cannot_join_conditional() -> None:
    partnership = proposed()
    assert_rejected(
        partnership,
        _select(
            partnership,
            kind="conditional",
            form="priority_enterprise_programme",
            partners=[association().profile()],
        ),
        "partner_type_not_allowed",
    )


def test_association_can_join_regular() -> None:
    partnership = scoped([association()], form="working_group")
    assert partnership.state == State.SCOPED


def test_association_must_be_legal_entity() -> None:
    partnership = proposed()
    assert_rejected(
        partnership,
        _select(partnership, partners=[association(legal_entity=False).profile()]),
        "association_not_legal_entity",
    )


def test_conditional_needs_priority_programme() -> None:
    partnership = proposed()
    assert_rejected(
        partnership,
        _select(partnership, kind="conditional", form="thematic_programme"),
        "form_not_allowed_for_kind",
    )


def test_regular_cannot_use_priority_programme() -> None:
    partnership = proposed()
    assert_rejected(
        partnership,
        _select(partnership, form="priority_enterprise_programme"),
        "form_not_allowed_for_kind",
    )


def test_working_group_is_central_only() -> None:
    partnership = proposed(PROVINCIAL)
    assert_rejected(
        partnership,
        _select(partnership, form="working_group", scope="provincial"),
        "unit_level_not_allowed",
    )


@pytest.mark.parametrize("unit", [PROVINCIAL, BRANCH])
def test_advisory_team_at_provincial_or_branch(unit: object) -> None:
    partnership = scoped(unit=unit, form="advisory_team", scope="provincial")  # type: ignore[arg-type]
    assert partnership.form == "advisory_team"


def test_advisory_team_not_central() -> None:
    partnership = proposed(CENTRAL)
    assert_rejected(
        partnership, _select(partnership, form="advisory_team"), "unit_level_not_allowed"
    )


def test_thematic_programme_not_at_branch() -> None:
    partnership = proposed(BRANCH)
    assert_rejected(
        partnership,
        _select(partnership, scope="provincial"),
        "unit_level_not_allowed",
    )


def test_nationwide_scope_needs_central_unit() -> None:
    partnership = proposed(PROVINCIAL)
    assert_rejected(partnership, _select(partnership), "scope_not_allowed_for_unit")


def test_duplicate_partner_rejected() -> None:
    partnership = proposed()
    profile = enterprise().profile()
    assert_rejected(
        partnership, _select(partnership, partners=[profile, profile]), "duplicate_partner"
    )


def test_steps_out_of_order_rejected() -> None:
    partnership = proposed()
    assert_rejected(
        partnership,
        lambda: partnership.draft_working_document(
            actor=ACTOR, occurred_on=date(2025, 1, 20), document_title="T", summary={}
        ),
        "step_out_of_order",
    )


def test_informing_before_approval_rejected() -> None:
    partnership = drafted(scoped())
    assert_rejected(
        partnership,
        lambda: partnership.inform_partners(
            actor=ACTOR,
            occurred_on=date(2025, 2, 5),
            channel="email",
            signed_by="Trưởng ban",
            legal_basis=None,
        ),
        "working_document_not_approved",
    )


def test_official_letter_needs_number() -> None:
    partnership = approved_document(scoped())
    assert_rejected(
        partnership,
        lambda: partnership.inform_partners(
            actor=ACTOR,
            occurred_on=date(2025, 2, 5),
            channel="official_letter",
            signed_by="Trưởng ban",
            legal_basis=None,
        ),
        "legal_basis_required",
    )


def test_memorandum_needs_working_session() -> None:
    partnership = negotiating(scoped())
    assert_rejected(
        partnership,
        lambda: partnership.sign_memorandum(
            actor=ACTOR,
            occurred_on=date(2025, 3, 3),
            summary="Ghi nhớ",
            legal_basis=basis("01/BBGN", date(2025, 3, 3)),
        ),
        "working_session_required",
    )


def test_business_date_cannot_go_back() -> None:
    partnership = with_session(scoped())
    error = assert_rejected(
        partnership,
        lambda: partnership.sign_memorandum(
            actor=ACTOR,
            occurred_on=date(2025, 2, 1),
            summary="Ghi nhớ",
            legal_basis=basis("01/BBGN", date(2025, 2, 1)),
        ),
        "date_before_previous_step",
    )
    assert error.field == "occurred_on"


def test_basis_dated_after_step_rejected() -> None:
    partnership = with_session(scoped())
    error = assert_rejected(
        partnership,
        lambda: partnership.sign_memorandum(
            actor=ACTOR,
            occurred_on=date(2025, 3, 3),
            summary="Ghi nhớ",
            legal_basis=basis("01/BBGN", date(2025, 3, 4)),
        ),
        "invalid_value",
    )
    assert error.field == "legal_basis.issued_on"


def test_agreement_before_approval_rejected() -> None:
    partners = [enterprise()]
    partnership = under_approval(scoped(partners))
    assert_rejected(partnership, lambda: sign(partnership, partners), "proposal_not_approved")


def test_agreement_after_rejection_rejected() -> None:
    partners = [enterprise()]
    partnership = under_approval(scoped(partners))
    partnership.reject_proposal(
        actor=ACTOR,
        occurred_on=date(2025, 3, 24),
        authority="general_department",
        reason="Chưa đủ nguồn lực",
        legal_basis=basis("12/TCHQ", date(2025, 3, 24)),
    )
    assert_rejected(partnership, lambda: sign(partnership, partners), "proposal_not_approved")


def test_rejected_proposal_can_be_resubmitted() -> None:
    partnership = under_approval(scoped())
    partnership.reject_proposal(
        actor=ACTOR,
        occurred_on=date(2025, 3, 24),
        authority="general_department",
        reason="Bổ sung chi phí",
        legal_basis=basis("12/TCHQ", date(2025, 3, 24)),
    )

    partnership.submit_feasibility_report(
        actor=ACTOR,
        occurred_on=date(2025, 4, 10),
        submitted_to="general_department",
        summary="Đã bổ sung",
        legal_basis=basis("60/BC", date(2025, 4, 10)),
    )

    assert partnership.state == State.UNDER_APPROVAL
    assert partnership.decision is None


def test_enterprise_without_two_years_rejected() -> None:
    partners = [enterprise(compliant_years=(2024,))]
    partnership = approved(scoped(partners))
    error = assert_rejected(
        partnership, lambda: sign(partnership, partners), "compliance_not_shown"
    )
    assert "2023" in error.message


def test_enterprise_with_non_compliant_year_rejected() -> None:
    partner = enterprise(compliant_years=(2023,))
    partner.declare_compliance(
        actor=ACTOR,
        occurred_on=date(2025, 1, 15),
        year=2024,
        tax_duties_met=False,
        no_violation=True,
        no_smuggling=True,
        evidence="Còn nợ thuế",
    )
    partnership = approved(scoped([partner]))
    assert_rejected(partnership, lambda: sign(partnership, [partner]), "compliance_not_shown")


def test_enterprise_with_recent_violation_rejected() -> None:
    partner = enterprise()
    partner.record_violation(
        actor=ACTOR,
        occurred_on=date(2024, 6, 1),
        kind="law_violation",
        description="Khai sai mã số hàng hoá",
        legal_basis=basis("55/QĐ-XPVPHC", date(2024, 6, 1)),
    )
    partnership = approved(scoped([partner]))
    assert_rejected(partnership, lambda: sign(partnership, [partner]), "compliance_not_shown")


def test_service_enterprise_also_needs_compliance() -> None:
    partner = enterprise("0302004459", compliant_years=(), partner_type="service_enterprise")
    partnership = approved(scoped([partner]))
    assert_rejected(partnership, lambda: sign(partnership, [partner]), "compliance_not_shown")


def test_association_signs_without_compliance_years() -> None:
    partners = [association()]
    partnership = approved(scoped(partners, form="working_group"))

    sign(partnership, partners)

    assert partnership.state == State.ACTIVE


def test_nationwide_signed_by_director_general_only() -> None:
    partners = [enterprise()]
    partnership = approved(scoped(partners))
    assert_rejected(
        partnership,
        lambda: sign(partnership, partners, role="provincial_director"),
        "signatory_not_authorised",
    )


def test_provincial_signed_by_provincial_director_only() -> None:
    partners = [enterprise()]
    partnership = approved(scoped(partners, unit=PROVINCIAL, scope="provincial"))
    assert_rejected(
        partnership,
        lambda: sign(partnership, partners, role="director_general"),
        "signatory_not_authorised",
    )
    sign(partnership, partners, role="provincial_director")
    assert partnership.state == State.ACTIVE


def test_beyond_authority_needs_ministry_decision() -> None:
    partnership = under_approval(scoped(beyond_customs_authority=True))
    assert_rejected(
        partnership,
        lambda: partnership.approve_proposal(
            actor=ACTOR,
            occurred_on=date(2025, 3, 24),
            authority="general_department",
            legal_basis=basis("300/QĐ-TCHQ", date(2025, 3, 24)),
        ),
        "ministry_decision_required",
    )


def test_beyond_authority_signed_after_ministry_decision() -> None:
    partners = [enterprise()]
    partnership = approved(
        scoped(partners, beyond_customs_authority=True), authority="ministry_of_finance"
    )

    sign(partnership, partners)

    assert partnership.state == State.ACTIVE


def test_conditional_and_action_sign_commitments() -> None:
    partners = [enterprise()]
    conditional = approved(
        scoped(partners, kind="conditional", form="priority_enterprise_programme")
    )
    action = approved(scoped(partners, form="action_programme"))

    sign(conditional, partners)
    sign(action, partners)

    assert conditional.agreement is not None and action.agreement is not None
    assert conditional.agreement["document_type"] == "commitment"
    assert action.agreement["document_type"] == "commitment"


def _violation(partnership: Partnership, partner_id: str, on: date = date(2025, 6, 2)) -> None:
    partnership.record_violation(
        actor=ACTOR,
        occurred_on=on,
        partner_id=partner_id,
        kind="tax_evasion",
        description="Trốn thuế nhập khẩu",
        legal_basis=basis("77/QĐ-XPVPHC", on),
    )


def test_violation_suspends_active_partnership() -> None:
    partnership, partners = active()
    partnership.collect_events()

    _violation(partnership, str(partners[0].id))

    assert partnership.state == State.SUSPENDED
    assert event_names(partnership) == ["ViolationRecorded", "Suspended"]
    assert partnership.suspension is not None
    assert partnership.suspension["violation_kind"] == "tax_evasion"


def test_violation_before_signing_does_not_suspend() -> None:
    partners = [enterprise()]
    partnership = memorandum(scoped(partners))

    _violation(partnership, str(partners[0].id), date(2025, 3, 5))

    assert partnership.state == State.MEMORANDUM_SIGNED
    assert len(partnership.violations) == 1


def test_violation_needs_partner_of_partnership() -> None:
    partnership, _ = active()
    assert_rejected(
        partnership,
        lambda: _violation(partnership, str(enterprise("0302004459").id)),
        "partner_not_in_partnership",
    )


def test_suspended_partnership_takes_no_activity() -> None:
    partnership, partners = active()
    _violation(partnership, str(partners[0].id))
    assert_rejected(
        partnership,
        lambda: partnership.record_publicity(
            actor=ACTOR, occurred_on=date(2025, 6, 5), channel="Báo", description="Tin"
        ),
        "partnership_suspended",
    )


def test_reinstatement_needs_decision_and_restores_activity() -> None:
    partnership, partners = active()
    _violation(partnership, str(partners[0].id))
    assert_rejected(
        partnership,
        lambda: partnership.reinstate(
            actor=ACTOR, occurred_on=date(2025, 7, 1), reason="Huỷ quyết định", legal_basis=None
        ),
        "legal_basis_required",
    )

    partnership.reinstate(
        actor=ACTOR,
        occurred_on=date(2025, 7, 1),
        reason="Quyết định xử phạt bị huỷ",
        legal_basis=basis("90/QĐ-HQ", date(2025, 7, 1)),
    )

    assert partnership.state == State.ACTIVE
    assert partnership.suspension is None


def test_ended_partnership_takes_nothing() -> None:
    partnership, partners = active()
    partnership.end(
        actor=ACTOR,
        occurred_on=date(2025, 12, 31),
        reason="Hết thời hạn",
        legal_basis=basis("200/QĐ-TCHQ", date(2025, 12, 31)),
    )
    assert partnership.state == State.ENDED
    assert_rejected(
        partnership,
        lambda: _violation(partnership, str(partners[0].id), date(2026, 1, 5)),
        "partnership_ended",
    )


def test_ending_signed_agreement_needs_document() -> None:
    partnership, _ = active()
    assert_rejected(
        partnership,
        lambda: partnership.end(
            actor=ACTOR, occurred_on=date(2025, 12, 31), reason="Hết hạn", legal_basis=None
        ),
        "legal_basis_required",
    )


def _plan(partnership: Partnership) -> None:
    partnership.adopt_plan(
        actor=ACTOR,
        occurred_on=date(2025, 4, 10),
        activities=[
            {
                "code": "HD1",
                "title": "Tập huấn thủ tục",
                "responsible": "Ban Cải cách",
                "output": "Hai lớp tập huấn",
                "due_on": date(2025, 6, 30),
            }
        ],
        legal_basis=basis("10/KH-TCHQ", date(2025, 4, 10)),
    )


def test_plan_activity_completed_once() -> None:
    partnership, _ = active()
    _plan(partnership)
    partnership.complete_plan_activity(
        actor=ACTOR, occurred_on=date(2025, 6, 20), code="HD1", result="Đã tập huấn 80 người"
    )

    assert partnership.plan is not None
    assert partnership.plan["activities"]["HD1"]["completed_on"] == date(2025, 6, 20)
    assert_rejected(
        partnership,
        lambda: partnership.complete_plan_activity(
            actor=ACTOR, occurred_on=date(2025, 6, 21), code="HD1", result="Lần hai"
        ),
        "plan_activity_already_completed",
    )
    assert_rejected(
        partnership,
        lambda: partnership.complete_plan_activity(
            actor=ACTOR, occurred_on=date(2025, 6, 21), code="HD9", result="Không có"
        ),
        "unknown_plan_activity",
    )


def test_plan_revision_keeps_completed_activities() -> None:
    partnership, _ = active()
    _plan(partnership)
    partnership.complete_plan_activity(
        actor=ACTOR, occurred_on=date(2025, 6, 20), code="HD1", result="Xong"
    )

    partnership.revise_plan(
        actor=ACTOR,
        occurred_on=date(2025, 7, 1),
        activities=[
            {
                "code": "HD1",
                "title": "Tập huấn thủ tục",
                "responsible": "Ban Cải cách",
                "output": "Hai lớp",
                "due_on": date(2025, 6, 30),
            },
            {
                "code": "HD2",
                "title": "Hội nghị đối thoại",
                "responsible": "Cục GSQL",
                "output": "Một hội nghị",
                "due_on": date(2025, 10, 30),
            },
        ],
        reason="Bổ sung hội nghị",
        legal_basis=basis("11/KH-TCHQ", date(2025, 7, 1)),
    )

    assert partnership.plan is not None
    assert partnership.plan["revision"] == 2
    assert partnership.plan["activities"]["HD1"]["completed_on"] == date(2025, 6, 20)
    assert partnership.plan["activities"]["HD2"]["completed_on"] is None


def test_activity_before_signing_rejected() -> None:
    partnership, _ = active()
    assert_rejected(
        partnership,
        lambda: partnership.record_publicity(
            actor=ACTOR, occurred_on=date(2025, 3, 1), channel="Báo", description="Tin"
        ),
        "date_before_previous_step",
    )


def test_ad_hoc_meeting_needs_prior_notice() -> None:
    partnership, _ = active()
    assert_rejected(
        partnership,
        lambda: partnership.hold_ad_hoc_meeting(
            actor=ACTOR, occurred_on=date(2025, 5, 10), notice_no=1, agenda="Vướng mắc"
        ),
        "ad_hoc_notice_required",
    )

    partnership.give_ad_hoc_notice(
        actor=ACTOR,
        occurred_on=date(2025, 5, 5),
        requested_by="partner",
        meeting_on=date(2025, 5, 10),
        form_of_notice="công văn",
        subject="Vướng mắc thủ tục",
        legal_basis=basis("05/CV-DA", date(2025, 5, 5)),
    )
    partnership.hold_ad_hoc_meeting(
        actor=ACTOR, occurred_on=date(2025, 5, 10), notice_no=1, agenda="Vướng mắc"
    )

    assert partnership.meetings[-1]["type"] == "ad_hoc"
    assert_rejected(
        partnership,
        lambda: partnership.hold_ad_hoc_meeting(
            actor=ACTOR, occurred_on=date(2025, 5, 12), notice_no=1, agenda="Lần hai"
        ),
        "ad_hoc_notice_required",
    )


def test_conclusion_report_goes_to_both_sides() -> None:
    partnership, _ = active()
    partnership.hold_review_meeting(
        actor=ACTOR,
        occurred_on=date(2025, 4, 28),
        period="monthly",
        period_label="04/2025",
        agenda="Đánh giá tháng",
    )
    assert_rejected(
        partnership,
        lambda: partnership.report_conclusion(
            actor=ACTOR,
            occurred_on=date(2025, 4, 29),
            meeting_no=1,
            summary="Kết luận",
            sent_to=["customs"],
            legal_basis=basis("20/BC", date(2025, 4, 29)),
        ),
        "invalid_value",
    )
    partnership.report_conclusion(
        actor=ACTOR,
        occurred_on=date(2025, 4, 29),
        meeting_no=1,
        summary="Kết luận",
        sent_to=["customs", "partner"],
        legal_basis=basis("20/BC", date(2025, 4, 29)),
    )
    assert partnership.meetings[0]["conclusion"]["sent_to"] == ["customs", "partner"]
    assert_rejected(
        partnership,
        lambda: partnership.report_conclusion(
            actor=ACTOR,
            occurred_on=date(2025, 4, 30),
            meeting_no=1,
            summary="Lần hai",
            sent_to=["customs", "partner"],
            legal_basis=basis("21/BC", date(2025, 4, 30)),
        ),
        "conclusion_already_reported",
    )


def test_focal_point_of_partner_side_replaced() -> None:
    partnership, partners = active()
    for name in ("Lê Văn Cường", "Phạm Thị Dung"):
        partnership.designate_focal_point(
            actor=ACTOR,
            occurred_on=date(2025, 4, 5),
            side="partner",
            partner_id=str(partners[0].id),
            person={"name": name, "title": "Trưởng phòng", "phone": "0903123456"},
        )

    assert len(partnership.focal_points) == 1
    assert partnership.focal_points[0]["person"]["name"] == "Phạm Thị Dung"
    assert partnership.focal_points[0]["person"]["phone"] == "+84903123456"


def test_evaluation_satisfaction_bounded() -> None:
    partnership, _ = active()
    assert_rejected(
        partnership,
        lambda: partnership.record_evaluation(
            actor=ACTOR,
            occurred_on=date(2025, 12, 1),
            period_label="2025",
            result="Tốt",
            satisfaction=6,
            effectiveness="Cao",
        ),
        "invalid_value",
    )


def test_rejection_beyond_authority_needs_ministry() -> None:
    partnership = under_approval(scoped(beyond_customs_authority=True))
    assert_rejected(
        partnership,
        lambda: partnership.reject_proposal(
            actor=ACTOR,
            occurred_on=date(2025, 3, 24),
            authority="general_department",
            reason="Không phù hợp",
            legal_basis=basis("12/TCHQ", date(2025, 3, 24)),
        ),
        "ministry_decision_required",
    )
