"""The list helpers print what reverse() and |date would, and an eligibility check reads the same stored or fresh."""

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


def test_an_eligibility_result_is_drawn_the_same_from_a_stored_dict_or_a_fresh_object():
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    def eligibility(result, open=False):
        return render_to_string("awards/_eligibility.html", {"result": result, "open": open})

    check = {"ruling": "not_met", "label": "Hoàn thành xuất sắc", "explanation": "2/3 năm", "evidence": ["2024: <b>"]}
    stored = {"ruling": "met", "legal_basis": "Điều 24", "checks": [check]}
    fresh = SimpleNamespace(ruling="met", legal_basis="Điều 24", checks=[SimpleNamespace(**check)])
    with translation.override("vi"):
        html = str(eligibility(stored, open=True))
        assert html == str(eligibility(fresh, open=True))
    assert html.startswith('<details class="small" open><summary><span class="badge text-bg-success">Đạt</span>')
    assert "Căn cứ: Điều 24" in html
    assert '<span class="badge text-bg-danger">Không đạt</span> <strong>Hoàn thành xuất sắc</strong> – 2/3 năm' in html
    assert "<li>2024: &lt;b&gt;</li>" in html
    assert "text-bg-warning" in str(eligibility({"ruling": "unknown", "checks": []}))
