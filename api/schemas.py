"""Request and response schemas. Each command's request body is built from the command's
own schema in ``application.schemas``, the one ``doitac import`` uses, so the two accept
the same fields with the same rules."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from application import fields as f
from application.schemas import COMMAND_SCHEMAS, CommandEnvelopeSchema, StrictSchema
from domain.values import label

# Commands that create an aggregate, and the collection they are posted to.
CREATE_COMMANDS = {"register_partner": "partners", "determine_content": "partnerships"}

# Commands on an existing partner, named in the URL by its tax number.
PARTNER_COMMANDS = (
    "update_partner",
    "add_partner_contact",
    "declare_compliance",
    "record_yearly_tax",
)

# Every other command acts on an existing partnership, named in the URL by its reference.
PARTNERSHIP_COMMANDS = tuple(
    name for name in COMMAND_SCHEMAS if name not in CREATE_COMMANDS and name not in PARTNER_COMMANDS
)

# The field of a command's data that the URL supplies.
URL_FIELDS = {"partner": "tax_number", "partnership": "partnership"}


def _class_name(command: str) -> str:
    return "".join(part.title() for part in command.split("_"))


def data_schema(command: str, url_field: str | None) -> type[Schema]:
    """Return the command's schema, without the field that the URL supplies."""
    base = COMMAND_SCHEMAS[command]
    if url_field is None:
        return base
    meta = type("Meta", (base.Meta,), {"exclude": (url_field,)})
    return type(f"{_class_name(command)}DataSchema", (base,), {"Meta": meta})


def request_schema(command: str, url_field: str | None) -> type[Schema]:
    """Return the request body schema of a command: the envelope of ``doitac import``
    without ``id`` (the Idempotency-Key header takes its place) and ``command`` (the URL
    names it), with the command's own fields under ``data``."""
    meta = type("Meta", (CommandEnvelopeSchema.Meta,), {"exclude": ("id", "command")})
    attributes: dict[str, Any] = {
        "Meta": meta,
        "data": f.Nested(data_schema(command, url_field), required=True),
        "__doc__": f"The request body of the command ``{command}``.",
    }
    return type(f"{_class_name(command)}RequestSchema", (CommandEnvelopeSchema,), attributes)


IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,100}$"
IF_MATCH_PATTERN = r'^(?:W/)?"?([0-9]{1,9})"?$'


class CommandHeadersSchema(Schema):
    """The headers of every write: unknown headers are ignored, as HTTP requires."""

    idempotency_key = f.Text(
        data_key="Idempotency-Key",
        required=True,
        validate=validate.Regexp(
            IDEMPOTENCY_KEY_PATTERN,
            error="Phải gồm 1 đến 100 ký tự ASCII in được, không có khoảng trắng.",
        ),
        metadata={
            "description": "a new key for each command, e.g. a UUID; a retry sends the same key"
        },
    )
    if_match = f.Text(
        data_key="If-Match",
        validate=validate.Regexp(
            IF_MATCH_PATTERN, error='Phải là phiên bản lấy từ ETag, ví dụ "5".'
        ),
        metadata={"description": "the version the command expects, as in the ETag"},
    )


class CommandResultSchema(Schema):
    command_id = fields.String(required=True)
    aggregate_id = fields.UUID(required=True)
    version = fields.Integer(required=True)
    events = fields.List(fields.String(), required=True)


class UnitSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    level = fields.String(required=True)
    parent = fields.String(allow_none=True)


class HealthSchema(Schema):
    status = fields.String(required=True)


class StateQuerySchema(StrictSchema):
    """Select a past state: by business date (``as_of``) or by version, not both."""

    as_of = f.Date(metadata={"description": "business date, YYYY-MM-DD"})
    # Query values arrive as text, so this integer is not strict like the commands' ones.
    version = fields.Integer(
        validate=validate.Range(min=1, error="Phiên bản phải từ 1 trở lên."),
        error_messages=f.Integer.default_error_messages,
    )

    @validates_schema
    def check_one_selector(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "as_of" in data and "version" in data:
            raise ValidationError("Chỉ chọn một trong hai: as_of hoặc version.", "as_of")


class PartnerListQuerySchema(StrictSchema):
    unit = f.Text(
        validate=f.length(1, 50),
        metadata={"description": "code of the lead unit; its units below are included"},
    )


class LegalBasisOutSchema(Schema):
    number = fields.String(required=True)
    issued_on = fields.Date(required=True)


class PartnershipSummarySchema(Schema):
    id = fields.UUID(required=True)
    reference = fields.String(required=True)
    title = fields.String(required=True)
    state = fields.String(required=True)
    state_label = fields.Function(lambda p: label(p.state))
    lead_unit = fields.String(required=True)
    planning_year = fields.Integer(required=True)
    version = fields.Integer(required=True)


class PartnershipStateSchema(PartnershipSummarySchema):
    """The state of a partnership; nested records keep the aggregate's own field names."""

    created_on = fields.DateTime()
    modified_on = fields.DateTime()
    lead_unit_level = fields.String()
    content_areas = fields.List(fields.String())
    assessment = fields.Dict(keys=fields.String(), values=fields.String())
    last_step_on = fields.Date()
    kind = fields.String(allow_none=True)
    form = fields.String(allow_none=True)
    scope = fields.String(allow_none=True)
    beyond_customs_authority = fields.Boolean()
    partners = fields.Raw(metadata={"description": "partners by partner id"})
    working_document = fields.Raw(allow_none=True)
    informed = fields.Raw(allow_none=True)
    working_sessions = fields.List(fields.Raw())
    memorandum = fields.Raw(allow_none=True)
    feasibility_report = fields.Raw(allow_none=True)
    decision = fields.Raw(allow_none=True)
    agreement = fields.Raw(allow_none=True)
    plan = fields.Raw(allow_none=True)
    focal_points = fields.List(fields.Raw())
    meetings = fields.List(fields.Raw())
    ad_hoc_notices = fields.List(fields.Raw())
    publicity = fields.List(fields.Raw())
    evaluations = fields.List(fields.Raw())
    violations = fields.List(fields.Raw())
    suspension = fields.Raw(allow_none=True)
    ending = fields.Raw(allow_none=True)


class HistoryEntrySchema(Schema):
    version = fields.Integer(required=True)
    event = fields.String(required=True)
    occurred_on = fields.Date(required=True)
    recorded_at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    actor_unit = fields.String(required=True)
    legal_basis = fields.Nested(LegalBasisOutSchema, allow_none=True)
    description = fields.String(required=True, metadata={"description": "Vietnamese"})
    data = fields.Dict(metadata={"description": "the event's own fields"})


class HistorySchema(Schema):
    reference = fields.String(required=True)
    version = fields.Integer(required=True)
    entries = fields.List(fields.Nested(HistoryEntrySchema), required=True)


class PartnerSchema(Schema):
    id = fields.UUID(required=True)
    version = fields.Integer(required=True)
    tax_number = fields.String(required=True)
    name = fields.String(required=True)
    partner_type = fields.String(required=True)
    service_kind = fields.String(allow_none=True)
    legal_entity = fields.Boolean()
    address = fields.String()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    contacts = fields.List(fields.Raw())
    compliance = fields.Raw()
    violations = fields.List(fields.Raw())
    yearly_tax = fields.Raw()


class PartnerListRowSchema(Schema):
    """One row of the partner list, fields (i) to (vii)."""

    name = fields.String(required=True)
    tax_number = fields.String(required=True)
    contact = fields.String(required=True)
    focal_point = fields.String(required=True)
    classification = fields.String(required=True)
    programmes = fields.List(fields.String(), required=True)
    activities = fields.List(fields.String(), required=True)
    notes = fields.List(fields.String(), required=True)
