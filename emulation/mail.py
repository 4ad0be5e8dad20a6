"""The mails the core sends itself (notification mails are sent by tasks.send_notification_emails)."""

from django.conf import settings


def send_password_reset_mail(*, user, domain, site_name, use_https):
    """Email the user a fresh link to choose a new password; nothing to an inactive user or one with no address.

    Side effect: one mail. A second call mails a second link; each stays valid until the password changes, so a
    retried task does no harm. Returns whether a mail was sent.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not (user.is_active and user.has_usable_password() and user.email):
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    body = render_to_string("registration/password_reset_email.html", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    return True
