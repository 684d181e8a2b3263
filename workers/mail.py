"""Mail delivery: an SMTP server in production, .eml files under the outbox folder
in the embedded default. Errors are sorted into retryable and permanent ones."""

from __future__ import annotations

import contextlib
import hashlib
import smtplib
import ssl
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

from application.settings import WorkerSettings
from workers.store import NotificationRow


class DeliveryError(Exception):
    """A failed delivery. ``retryable`` is True when trying again may succeed."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def message_id(key: str, sender: str) -> str:
    """Derive the Message-ID from the notification key, so that a receiving system can
    recognise a copy if a delivery is ever repeated."""
    domain = sender.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def build_message(notification: NotificationRow, sender: str) -> Message:
    """Build the MIME message: text and HTML alternatives, then any attachments.

    The legacy ``email.mime`` classes are used because they build and serialise a
    message about ten times faster than ``EmailMessage`` with the default policy (a
    measurement on this project's messages, Python 3.11)."""
    body = MIMEMultipart("alternative")
    body.attach(MIMEText(notification.body_text, "plain", "utf-8"))
    body.attach(MIMEText(notification.body_html, "html", "utf-8"))
    message: Message = body
    if notification.attachments:
        message = MIMEMultipart("mixed")
        message.attach(body)
        for attachment in notification.attachments:
            maintype, _, subtype = attachment["content_type"].partition("/")
            if maintype != "text":
                raise ValueError(f"unsupported attachment type {attachment['content_type']}")
            part = MIMEText(attachment["content"], subtype, "utf-8")
            part.add_header("Content-Disposition", "attachment", filename=attachment["filename"])
            message.attach(part)
    message["From"] = sender
    message["To"] = notification.recipient
    # compat32 messages take a Header object and encode it on output; typeshed
    # declares header values as str only.
    message["Subject"] = Header(notification.subject, "utf-8")  # type: ignore[assignment]
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id(notification.key, sender)
    message["X-Doitac-Notification"] = notification.key
    return message


class Mailer(Protocol):
    def send(self, message: Message) -> None: ...

    def close(self) -> None: ...


class OutboxMailer:
    """Write each message to ``<folder>/<Message-ID digest>.eml``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: Message) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").partition("@")[0]
        target = self.folder / f"{name}.eml"
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(message.as_bytes())
        temporary.replace(target)

    def close(self) -> None:
        """Nothing to release: each message is its own file."""


# SMTP reply codes 4xx mean a transient condition: the same message may be accepted later.
TRANSIENT_REPLY_MIN = 400
TRANSIENT_REPLY_MAX = 499


class SmtpMailer:
    """Send through the SMTP server named in the settings, reusing one connection for
    the messages of a batch until ``close``."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self._client: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.smtp_security == "ssl":
            return smtplib.SMTP_SSL(
                settings.smtp_host,
                settings.smtp_port,
                timeout=settings.smtp_timeout,
                context=ssl.create_default_context(),
            )
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
        if settings.smtp_security == "starttls":
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: Message) -> None:
        """Send over the open connection, opening one first if needed. Any error closes
        the connection, so the next message starts a new one."""
        try:
            if self._client is None:
                self._client = self._connect()
                if self.settings.smtp_user:
                    self._client.login(self.settings.smtp_user, self.settings.smtp_password)
            self._client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self._drop()
            codes = [code for code, _ in error.recipients.values()]
            retryable = all(TRANSIENT_REPLY_MIN <= code <= TRANSIENT_REPLY_MAX for code in codes)
            raise DeliveryError(f"recipients rejected codes={codes}", retryable=retryable) from None
        except smtplib.SMTPResponseException as error:
            self._drop()
            retryable = TRANSIENT_REPLY_MIN <= error.smtp_code <= TRANSIENT_REPLY_MAX
            raise DeliveryError(
                f"smtp reply code={error.smtp_code} {type(error).__name__}", retryable=retryable
            ) from None
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            # The server is unreachable, timed out or dropped the connection.
            self._drop()
            raise DeliveryError(f"smtp connection {type(error).__name__}", retryable=True) from None
        except smtplib.SMTPException as error:
            self._drop()
            raise DeliveryError(f"smtp {type(error).__name__}", retryable=False) from None

    def close(self) -> None:
        """Say QUIT. A failure here changes nothing, because every message sent was
        already accepted."""
        if self._client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._client.quit()
        self._drop()

    def _drop(self) -> None:
        if self._client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._client.close()
        self._client = None


def build_mailer(settings: WorkerSettings, var_dir: Path) -> Mailer:
    if settings.smtp_host:
        return SmtpMailer(settings)
    return OutboxMailer(var_dir / "outbox")
