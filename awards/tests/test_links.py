"""The fast list helpers print what reverse() and |date would."""

import datetime

from django.template import engines
from django.urls import reverse
from django.utils import timezone

from awards.templatetags.awards_tags import dmy, dmy_hm
from emulation.links import link


def test_link_is_reverse():
    for name in ("awards:proposal_detail", "awards:person_awards", "awards:ballot_detail"):
        assert link(name, 42) == reverse(name, args=[42])
        assert link(name, 7) == reverse(name, args=[7])


def test_dates_print_like_the_date_filter_in_the_current_time_zone():
    template = engines["django"].from_string('{{ d|date:"d/m/Y" }} {{ t|date:"d/m/Y H:i" }}')
    moment = datetime.datetime(2025, 12, 31, 20, 5, tzinfo=datetime.UTC)  # the next day in Hà Nội
    day = datetime.date(2025, 1, 2)
    assert f"{dmy(day)} {dmy_hm(moment)}" == template.render({"d": day, "t": moment})
    assert dmy(moment) == timezone.localtime(moment).strftime("%d/%m/%Y")
    assert dmy(None) == dmy_hm(None) == ""
