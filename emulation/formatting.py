"""Dates as the lists print them, without the template engine.

``|date`` goes through the localized formatter letter by letter on every call; the lists print the same fixed
Vietnamese format on every row, so they use these instead. A datetime is shown in the current time zone.
"""

import datetime

from django.utils import timezone


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def dmy(value):
    """= ``value|date:"d/m/Y"``; empty for no value."""
    return _local(value).strftime("%d/%m/%Y") if value else ""


def dmy_hm(value):
    """= ``value|date:"d/m/Y H:i"``."""
    return _local(value).strftime("%d/%m/%Y %H:%M") if value else ""


def dmy_hms(value):
    """= ``value|date:"d/m/Y H:i:s"``."""
    return _local(value).strftime("%d/%m/%Y %H:%M:%S") if value else ""
