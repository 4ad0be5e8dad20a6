"""Django's length validator with a Vietnamese message (Django's own Vietnamese catalog lacks the current one)."""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.utils.translation import gettext as _


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất %(n)d ký tự.") % {"n": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(n)d ký tự.") % {"n": self.min_length}
