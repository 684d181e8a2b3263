"""Errors of the read side: documents asked for with invalid parameters."""

from __future__ import annotations

from application.errors import ApplicationError


class InvalidPeriodError(ApplicationError):
    code = "invalid_period"


class InvalidFormatError(ApplicationError):
    code = "invalid_format"


class InvalidReportKindError(ApplicationError):
    code = "invalid_report_kind"


class AgreementNotAvailableError(ApplicationError):
    """The partnership has no cooperation agreement to fill: it is conditional, or it has
    not been approved yet."""

    code = "agreement_not_available"
