"""What the awards models share: the user model's reference and the validators of a year."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator

USER = settings.AUTH_USER_MODEL
YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]
