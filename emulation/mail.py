"""The mails the portal sends: notifications one by one, the daily digest of reminders, the password-reset link.

Every mail is plain text in UTF-8 sent 8bit, so its body reads as written even in a raw view or a log; its subject
starts with settings.EMAIL_SUBJECT_PREFIX; every link in it is absolute, built on settings.SITE_URL
(emulation.links.absolute_url), so it opens from a mail client, and never on the Host header of a request.
"""

import email.message
import re
import textwrap
import unicodedata
from email import policy
from email.header import Header
from email.parser import BytesParser

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .links import absolute_url

# Shorter lines than the 998 bytes SMTP allows keep the body 8bit (Django quoted-printable encodes a body with a
# longer line) and read well in any client; addresses are never broken.
WRAP_WIDTH = 78


def subject(text):
    """One line, composed Unicode, behind the portal's prefix.

    A title typed with a decomposing Vietnamese keyboard (ơ + combining hook) shows as broken glyphs in some
    clients, and a line break in a header would make Django refuse the whole batch (BadHeaderError).
    """
    line = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()
    return f"{settings.EMAIL_SUBJECT_PREFIX}{line}"[:250]


def body_text(text):
    """Composed Unicode, lines wrapped at WRAP_WIDTH (words and addresses kept whole), one trailing newline."""
    lines = []
    for line in unicodedata.normalize("NFC", str(text)).strip().splitlines():
        if len(line) <= WRAP_WIDTH:
            lines.append(line)  # as written: the signature separator keeps its trailing space
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(
            line, width=WRAP_WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
    return "\n".join(lines) + "\n"


class PortalEmailMessage(EmailMessage):
    """Django's EmailMessage with the subject encoded knowing it follows "Subject: ".

    Django encodes a non-ASCII subject without the header's name, so the folded header starts with an empty line
    ("Subject: " then " =?utf-8?b?...?=" below it): unfolded, the subject begins with a space, and a mail client
    that does not expect an encoded word there shows the encoded text. (Django 6 builds messages with
    email.policy.default, which folds a subject correctly: this class can go then.)
    """

    def message(self, **kwargs):
        msg = super().message(**kwargs)
        text = str(self.subject)
        del msg["Subject"]
        # Message.__setitem__ itself: Django's would encode the encoded value once more, again without the name.
        email.message.Message.__setitem__(
            msg, "Subject", Header(text, "us-ascii" if text.isascii() else "utf-8", header_name="Subject")
        )
        return msg


def message(*, to, subject_text, text):
    """A mail as every mail of the portal is: prefixed subject, wrapped UTF-8 body sent 8bit, marked automatic."""
    return PortalEmailMessage(
        subject(subject_text),
        body_text(text),
        settings.DEFAULT_FROM_EMAIL,
        [to],
        # RFC 3834: replies and out-of-office answers are not expected from an automatic mail.
        headers={"Auto-Submitted": "auto-generated"},
    )


def _footer():
    return "\n".join(
        [
            "-- ",
            _("Thư gửi tự động từ Cổng thi đua - khen thưởng; xin đừng trả lời thư này."),
            _("Chọn loại thông báo nhận qua thư: %(url)s") % {"url": absolute_url(reverse("notification_settings"))},
        ]
    )


def _deadline_line(notification):
    return _("Hạn: %(date)s") % {"date": notification.deadline.strftime("%d/%m/%Y")} if notification.deadline else ""


def notification_message(notification):
    """The mail of one notification: its title, text, deadline and the absolute link to act on it."""
    parts = [notification.title]
    if notification.body.strip():
        parts.append(notification.body.strip())
    details = [_deadline_line(notification)]
    if notification.url:
        details.append(_("Xem trên cổng: %(url)s") % {"url": absolute_url(notification.url)})
    parts.append("\n".join(line for line in details if line))
    parts.append(_footer())
    text = "\n\n".join(part for part in parts if part)
    return message(to=notification.recipient.email, subject_text=notification.title, text=text)


def _addressee(user):
    return user.get_full_name().strip() or user.get_username()


def digest_message(user, notifications, day):
    """One mail listing a person's reminders of the day, each with its deadline and absolute link."""
    count = len(notifications)
    items = []
    for number, notification in enumerate(notifications, start=1):
        lines = [f"{number}. {notification.title}"]
        lines += [f"   {line}" for line in notification.body.strip().splitlines() if line.strip()]
        deadline = _deadline_line(notification)
        if deadline:
            lines.append(f"   {deadline}")
        if notification.url:
            lines.append(f"   {absolute_url(notification.url)}")
        items.append("\n".join(lines))
    text = "\n\n".join(
        [
            _("Kính gửi đồng chí %(name)s,") % {"name": _addressee(user)},
            ngettext(
                "Cổng thi đua - khen thưởng nhắc đồng chí %(n)s việc đến hạn hoặc quá hạn:",
                "Cổng thi đua - khen thưởng nhắc đồng chí %(n)s việc đến hạn hoặc quá hạn:",
                count,
            )
            % {"n": count},
            *items,
            _("Tất cả thông báo: %(url)s") % {"url": absolute_url(reverse("notification_list"))},
            _footer(),
        ]
    )
    subject_text = ngettext(
        "Nhắc hạn ngày %(date)s: %(n)s việc cần hoàn thành",
        "Nhắc hạn ngày %(date)s: %(n)s việc cần hoàn thành",
        count,
    ) % {"date": day.strftime("%d/%m/%Y"), "n": count}
    return message(to=user.email, subject_text=subject_text, text=text)


def send_password_reset_mail(*, user):
    """Email the user a fresh link to choose a new password; nothing to an inactive user or one with no address.

    The link and the portal's name come from the settings, never from the request that asked for the mail: a
    forged Host header would otherwise have sent the user's token to the forger's site.
    Side effect: one mail. A second call mails a second link; each stays valid until the password changes, so a
    retried task does no harm. Returns whether a mail was sent.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.template.loader import render_to_string
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not (user.is_active and user.has_usable_password() and user.email):
        return False
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    context = {
        "email": user.email,
        "site_name": _("Cổng thi đua - khen thưởng"),
        "uid": uid,
        "user": user,
        "token": token,
        "reset_url": absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})),
    }
    subject_text = render_to_string("registration/password_reset_subject.txt", context)
    text = render_to_string("registration/password_reset_mail.txt", context)
    message(to=user.email, subject_text=subject_text, text=text).send()
    return True


class ConsoleBackend(DjangoConsoleBackend):
    """Django's console backend, writing each mail as its reader sees it: headers decoded, body as text.

    The raw form puts a Vietnamese subject as =?utf-8?b?...?= words, which made the demo's log unreadable.
    """

    def write_message(self, message):
        parsed = BytesParser(policy=policy.default).parsebytes(message.message().as_bytes())
        headers = "\n".join(f"{name}: {value}" for name, value in parsed.items())
        body = parsed.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        self.stream.write(f"{headers}\n\n{text.rstrip()}\n{'-' * 79}\n")
