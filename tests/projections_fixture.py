"""A complete data set for the read-side tests: partners with Vietnamese names that test
the collation and escaping, an active partnership with a plan, focal points, meetings and
an evaluation, and yearly import-export tax for the priority group."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from stdnum.vn import mst

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_states_projection
from projections.runner import AggregateStatesProjection
from tests.scenario import ENTERPRISE_TAX_NUMBER, REFERENCE, basis, command_line, submit

# A name with "&", both kinds of quotes and letters typed as base letter plus combining
# marks (NFD), as some keyboards and PDF copies produce them.
SPECIAL_NAME_NFD = unicodedata.normalize(
    "NFD", "Công ty \"Ánh Dương\" & Đối tác <Hải Phòng> 'Ăn Uống'"
)
SPECIAL_NAME = unicodedata.normalize("NFC", SPECIAL_NAME_NFD)
SPECIAL_TAX_NUMBER = "0100000109"

# Names chosen so that code-point order and Vietnamese order differ: Đ sorts after D
# (code points put it after Z), Ă and Â after A.
COLLATION_PARTNERS = {
    "0100000116": "Đông Hải",
    "0100000123": "Dương Minh",
    "0100000130": "Âu Lạc",
    "0100000148": "Ăn Ngon",
    "0100000155": "An Phú",
    "0100000162": "Zeta Logistics",
}
COLLATION_ORDER = [
    "An Phú",
    "Ăn Ngon",
    "Âu Lạc",
    "Dương Minh",
    "Đông Hải",
    "Zeta Logistics",
]

# Import-export tax of 2024 in the Hanoi department (code 01), in dong: the first two
# make up 50% + 30% = 80% of the total, so they form the priority group of 2025.
TAX_2024 = {
    "0100000116": 500,
    "0100000123": 300,
    "0100000130": 150,
    "0100000148": 50,
}


def valid_tax_numbers(count: int, start: int = 20_000_000) -> list[str]:
    """Return ``count`` distinct tax numbers with a correct check digit."""
    numbers: list[str] = []
    base = start
    while len(numbers) < count:
        digits = f"{base:09d}"
        candidate = digits + mst.calc_check_digit(digits)
        if mst.is_valid(candidate):
            numbers.append(candidate)
        base += 1
    return numbers


def register(app: PartnershipApplication, tax_number: str, name: str, occurred_on: str) -> None:
    submit(
        app,
        command_line(
            "register_partner",
            {
                "tax_number": tax_number,
                "name": name,
                "partner_type": "import_export_enterprise",
                "address": f"Số 1 phố {tax_number[-3:]}, Hà Nội",
                "phone": "024 3826 1234",
                "email": "lienhe@example.com",
            },
            occurred_on=occurred_on,
        ),
    )


def declare_compliance(app: PartnershipApplication, tax_number: str) -> None:
    for year in (2023, 2024):
        submit(
            app,
            command_line(
                "declare_compliance",
                {
                    "tax_number": tax_number,
                    "year": year,
                    "tax_duties_met": True,
                    "no_violation": True,
                    "no_smuggling": True,
                    "evidence": f"Xác nhận của cơ quan thuế năm {year}",
                },
                occurred_on="2025-01-15",
            ),
        )


def record_tax(app: PartnershipApplication, tax_number: str, year: int, amount: int) -> None:
    submit(
        app,
        command_line(
            "record_yearly_tax",
            {
                "tax_number": tax_number,
                "year": year,
                "provincial_unit": "01",
                "amount": str(amount),
            },
            occurred_on=f"{year + 1}-01-20",
        ),
    )


def _step(
    app: PartnershipApplication, name: str, data: dict[str, object], on: str, **kw: object
) -> None:
    submit(app, command_line(name, {"partnership": REFERENCE, **data}, occurred_on=on, **kw))  # type: ignore[arg-type]


def build_dataset(app: PartnershipApplication) -> None:
    """Record the complete data set: partners, one active partnership with its whole
    procedure and activities, and the 2024 tax of the Hanoi department."""
    register(app, ENTERPRISE_TAX_NUMBER, "Công ty TNHH Thương mại Đông Á", "2024-12-02")
    declare_compliance(app, ENTERPRISE_TAX_NUMBER)
    register(app, SPECIAL_TAX_NUMBER, SPECIAL_NAME_NFD, "2025-01-08")
    declare_compliance(app, SPECIAL_TAX_NUMBER)
    for tax_number, name in COLLATION_PARTNERS.items():
        register(app, tax_number, name, "2025-01-09")
    for tax_number, amount in TAX_2024.items():
        record_tax(app, tax_number, 2024, amount)

    run_full_procedure(app)


def run_full_procedure(app: PartnershipApplication) -> None:
    from tests.scenario import procedure_lines

    for line in procedure_lines():
        if line["command"] == "select_scope":
            line["data"]["partners"] = [ENTERPRISE_TAX_NUMBER, SPECIAL_TAX_NUMBER]
        if line["command"] == "sign_agreement":
            line["data"]["partner_signatories"].append(
                {"tax_number": SPECIAL_TAX_NUMBER, "name": "Lê Văn Cường", "title": "Tổng giám đốc"}
            )
        submit(app, line)

    _step(
        app,
        "adopt_plan",
        {
            "activities": [
                {
                    "code": "HD1",
                    "title": "Tập huấn thủ tục hải quan điện tử",
                    "responsible": "Ban Cải cách hiện đại hoá",
                    "resources": "02 giảng viên",
                    "cost": "20 triệu đồng",
                    "output": "100 học viên",
                    "due_on": "2025-05-30",
                },
                {
                    "code": "HD2",
                    "title": "Khảo sát mức độ hài lòng",
                    "responsible": "Cục Giám sát quản lý",
                    "output": "Báo cáo khảo sát",
                    "due_on": "2025-06-20",
                },
            ]
        },
        "2025-04-05",
        legal_basis=basis("02/KH-TCHQ", "2025-04-05"),
    )
    _step(
        app,
        "designate_focal_point",
        {"side": "customs", "person": {"name": "Phạm Thu Hà", "title": "Chuyên viên"}},
        "2025-04-06",
    )
    _step(
        app,
        "designate_focal_point",
        {
            "side": "partner",
            "tax_number": ENTERPRISE_TAX_NUMBER,
            "person": {"name": "Trần Thị Bình", "title": "Giám đốc", "phone": "0912 345 678"},
        },
        "2025-04-06",
    )
    _step(
        app,
        "hold_review_meeting",
        {"period": "quarterly", "period_label": "Quý II/2025", "agenda": "Đánh giá quý II"},
        "2025-06-25",
    )
    _step(
        app,
        "report_conclusion",
        {"meeting_no": 1, "summary": "Thống nhất tiếp tục", "sent_to": ["customs", "partner"]},
        "2025-06-27",
        legal_basis=basis("55/TB-TCHQ", "2025-06-27"),
    )
    _step(
        app,
        "complete_plan_activity",
        {"code": "HD1", "result": "Đã tập huấn 120 học viên"},
        "2025-05-28",
    )
    _step(
        app,
        "record_evaluation",
        {
            "period_label": "Quý II/2025",
            "result": "Đạt mục tiêu",
            "satisfaction": 4,
            "effectiveness": "Thời gian thông quan giảm 10%",
        },
        "2025-06-30",
    )


def build_projection(
    app: PartnershipApplication, database_url: str, tmp_path: Path, batch_size: int = 500
) -> AggregateStatesProjection:
    settings = Settings(
        database_url=database_url, var_dir=tmp_path / "var", projection_batch_size=batch_size
    )
    return build_states_projection(app, settings)
