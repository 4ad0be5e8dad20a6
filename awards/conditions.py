"""The checks of each kind of condition: a condition and the Facts → (ruling, explanation, evidence); and the
readable sentence of a condition."""

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.enums import RecognitionLevel
from emulation.models import Person

from .enums import ConditionKind, Rating, Ruling


def describe(condition):
    """A readable sentence for a condition, when the Office has not written its own label."""
    if condition.label:
        return condition.label
    title = condition.title.name if condition.title_id else ""
    kind = condition.kind
    if kind == ConditionKind.HOLDS_TITLE_CONSECUTIVE_YEARS:
        return _("Đạt danh hiệu %(title)s %(n)s năm liên tục") % {"title": title, "n": condition.years}
    if kind == ConditionKind.HOLDS_TITLE_IN_YEAR:
        return _("Đạt danh hiệu %(title)s trong năm") % {"title": title}
    if kind == ConditionKind.INITIATIVE_AT_LEVEL_WITHIN_PERIOD:
        level = RecognitionLevel(condition.level).label if condition.level else ""
        return _("Có sáng kiến được công nhận %(level)s trở lên trong %(n)s năm") % {
            "level": level.lower(),
            "n": condition.years,
        }
    if kind == ConditionKind.RATING_AT_LEAST:
        return _("Xếp loại từ “%(rating)s” trở lên, %(n)s năm") % {
            "rating": Rating(condition.rating).label if condition.rating else "",
            "n": condition.years,
        }
    if kind == ConditionKind.NOT_DISCIPLINED:
        return _("Không bị kỷ luật từ mức “%(level)s” trở lên (tập thể: không thành viên nào bị)") % {
            "level": condition.get_discipline_level_display()
        }
    if kind == ConditionKind.MEMBER_SHARE_WITH_TITLE:
        return _("Tối thiểu %(p)s%% thành viên đạt %(title)s") % {"p": _pct(condition.percent), "title": title}
    if kind == ConditionKind.MEMBER_COUNT_WITH_TITLE:
        return _("Có tối thiểu %(n)s thành viên đạt %(title)s") % {"n": condition.count, "title": title}
    if kind == ConditionKind.MEMBER_SHARE_WITH_RATING:
        return _("Tối thiểu %(p)s%% thành viên xếp loại từ “%(rating)s” trở lên") % {
            "p": _pct(condition.percent),
            "rating": Rating(condition.rating).label if condition.rating else "",
        }
    if kind == ConditionKind.MONTHS_WORKED:
        return _("Công tác tối thiểu %(m)s tháng trong năm") % {"m": condition.months}
    if kind == ConditionKind.ACCEPTED_RESULT_AT_LEAST:
        return _("Kết quả thi đua cả năm được chấp thuận đạt tối thiểu %(p)s%%") % {"p": _pct(condition.percent)}
    return condition.get_kind_display()


def _pct(value):
    if value is None:
        return "?"
    value = Decimal(value)
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.2f}"


def _date(value):
    return date_format(value, "d/m/Y") if value else ""


def _years(condition, year):
    end = year + condition.year_offset
    return list(range(end - max(condition.years, 1) + 1, end + 1))


def _title_check(facts, subject, condition, year):
    held, gaps, missing, evidence = [], [], [], []
    for y in _years(condition, year):
        record = facts.titles(subject, y).get(condition.title_id)
        if record is not None:
            held.append(y)
            evidence.append(_record_text(record))
        elif facts.year_known(subject, y):
            gaps.append(y)
        else:
            missing.append(y)
    title = condition.title.name
    if gaps:
        return (
            Ruling.NOT_MET,
            _("Không đạt %(title)s năm %(years)s.") % {"title": title, "years": _join(gaps)},
            evidence,
        )
    if missing:
        return (
            Ruling.UNKNOWN,
            _("Chưa có dữ liệu khen thưởng, xếp loại năm %(years)s.") % {"years": _join(missing)},
            evidence,
        )
    return Ruling.MET, _("Đạt %(title)s các năm %(years)s.") % {"title": title, "years": _join(held)}, evidence


def _record_text(record):
    text = f"{record.award.name} {record.year}"
    if record.decision_number:
        text += " – " + _("QĐ số %(n)s") % {"n": record.decision_number}
        if record.decision_date:
            text += " " + _("ngày %(d)s") % {"d": _date(record.decision_date)}
    return text


def _join(years):
    return ", ".join(str(y) for y in years)


def _initiative_check(facts, subject, condition, year):
    years = _years(condition, year)
    level = condition.level or RecognitionLevel.UNIT
    if isinstance(subject, Person):
        initiatives = facts.person_initiatives.get(subject.pk, [])
    else:
        initiatives = facts.unit_initiatives.get(subject.pk, [])
    in_period = [i for i in initiatives if i.recognized_on and years[0] <= i.recognized_on.year <= years[-1]]
    good = [i for i in in_period if (i.recognition_level or 0) >= level]
    evidence = [
        _("Sáng kiến “%(title)s”, %(level)s, công nhận ngày %(date)s%(number)s")
        % {
            "title": i.title,
            "level": i.get_recognition_level_display().lower(),
            "date": _date(i.recognized_on),
            "number": (", " + _("QĐ số %(n)s") % {"n": i.decision_number}) if i.decision_number else "",
        }
        for i in (good or in_period)
    ]
    level_label = RecognitionLevel(level).label.lower()
    if good:
        return Ruling.MET, _("Có sáng kiến được công nhận %(level)s trở lên.") % {"level": level_label}, evidence
    if in_period:
        return (
            Ruling.NOT_MET,
            _("Có sáng kiến nhưng chưa được công nhận %(level)s trở lên trong %(from)s–%(to)s.")
            % {"level": level_label, "from": years[0], "to": years[-1]},
            evidence,
        )
    return (
        Ruling.NOT_MET,
        _("Không có sáng kiến được công nhận %(level)s trở lên trong %(from)s–%(to)s.")
        % {"level": level_label, "from": years[0], "to": years[-1]},
        evidence,
    )


def _rating_check(facts, subject, condition, year):
    needed = condition.rating or Rating.GOOD
    low, missing, evidence = [], [], []
    for y in _years(condition, year):
        rating = facts.rating(subject, y)
        if rating is None:
            missing.append(y)
            continue
        evidence.append(_("Năm %(y)s: %(r)s") % {"y": y, "r": rating.get_rating_display()})
        if rating.rating < needed:
            low.append(y)
    label = Rating(needed).label
    if low:
        return Ruling.NOT_MET, _("Xếp loại dưới “%(r)s” năm %(y)s.") % {"r": label, "y": _join(low)}, evidence
    if missing:
        return Ruling.UNKNOWN, _("Chưa có kết quả xếp loại năm %(y)s.") % {"y": _join(missing)}, evidence
    return Ruling.MET, _("Xếp loại từ “%(r)s” trở lên.") % {"r": label}, evidence


def _discipline_check(facts, subject, condition, year):
    years = set(_years(condition, year))
    level = condition.discipline_level or 1
    people = [subject] if isinstance(subject, Person) else facts.members.get(subject.pk, [])
    names = {p.pk: p.full_name for p in people}
    found = [
        record
        for person in people
        for record in facts.discipline.get(person.pk, [])
        if record.year in years and record.level >= level
    ]
    if found:
        evidence = [
            _("%(name)s: %(level)s năm %(y)s")
            % {"name": names[r.person_id], "level": r.get_level_display(), "y": r.year}
            for r in found
        ]
        return Ruling.NOT_MET, _("Có trường hợp bị kỷ luật trong năm xét."), evidence
    return (
        Ruling.MET,
        _("Không có trường hợp bị kỷ luật từ mức “%(l)s” trở lên.") % {"l": condition.get_discipline_level_display()},
        [],
    )


def _members_or_unknown(facts, subject):
    if isinstance(subject, Person):
        return None, (Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho tập thể."), [])
    members = facts.members.get(subject.pk, [])
    if not members:
        return None, (Ruling.UNKNOWN, _("Đơn vị chưa có danh sách cá nhân trên cổng."), [])
    return members, None


def _share_ruling(held, unknown, total, needed_share=None, needed_count=None):
    if needed_count is not None:
        if held >= needed_count:
            return Ruling.MET
        return Ruling.NOT_MET if held + unknown < needed_count else Ruling.UNKNOWN
    if held * 100 >= needed_share * total:
        return Ruling.MET
    return Ruling.NOT_MET if (held + unknown) * 100 < needed_share * total else Ruling.UNKNOWN


def _member_title_check(facts, subject, condition, year, *, by_count=False):
    members, refusal = _members_or_unknown(facts, subject)
    if refusal:
        return refusal
    y = year + condition.year_offset
    held = [p for p in members if condition.title_id in facts.titles(p, y)]
    unknown = [p for p in members if p not in held and not facts.year_known(p, y)]
    total = len(members)
    text = _("%(held)s/%(total)s thành viên (%(share)s%%) đạt %(title)s năm %(y)s") % {
        "held": len(held),
        "total": total,
        "share": _pct(Decimal(len(held) * 100) / total),
        "title": condition.title.name,
        "y": y,
    }
    if unknown:
        text += "; " + _("%(n)s thành viên chưa có dữ liệu") % {"n": len(unknown)}
    if by_count:
        ruling = _share_ruling(len(held), len(unknown), total, needed_count=condition.count or 1)
        text += "; " + _("cần tối thiểu %(n)s.") % {"n": condition.count or 1}
    else:
        ruling = _share_ruling(len(held), len(unknown), total, needed_share=Decimal(condition.percent or 0))
        text += "; " + _("cần tối thiểu %(p)s%%.") % {"p": _pct(condition.percent)}
    return ruling, text, [p.full_name for p in held[:20]]


def _member_rating_check(facts, subject, condition, year):
    members, refusal = _members_or_unknown(facts, subject)
    if refusal:
        return refusal
    y = year + condition.year_offset
    needed = condition.rating or Rating.COMPLETED
    ratings = {p.pk: facts.rating(p, y) for p in members}
    held = sum(1 for r in ratings.values() if r is not None and r.rating >= needed)
    unknown = sum(1 for r in ratings.values() if r is None)
    total = len(members)
    ruling = _share_ruling(held, unknown, total, needed_share=Decimal(condition.percent or 100))
    text = _("%(held)s/%(total)s thành viên xếp loại từ “%(r)s” trở lên năm %(y)s; cần tối thiểu %(p)s%%.") % {
        "held": held,
        "total": total,
        "r": Rating(needed).label,
        "y": y,
        "p": _pct(condition.percent or 100),
    }
    if unknown:
        text += " " + _("%(n)s thành viên chưa có kết quả xếp loại.") % {"n": unknown}
    return ruling, text, []


def _months_check(facts, subject, condition, year):
    if not isinstance(subject, Person):
        return Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho cá nhân."), []
    y = year + condition.year_offset
    rating = facts.rating(subject, y)
    if rating is None or rating.months_worked is None:
        return Ruling.UNKNOWN, _("Chưa có số tháng công tác năm %(y)s.") % {"y": y}, []
    evidence = [_("Năm %(y)s: %(m)s tháng công tác") % {"y": y, "m": rating.months_worked}]
    if rating.months_worked >= (condition.months or 0):
        return Ruling.MET, _("Đủ thời gian công tác trong năm."), evidence
    return Ruling.NOT_MET, _("Chưa đủ %(m)s tháng công tác trong năm.") % {"m": condition.months}, evidence


def _result_check(facts, subject, condition, year):
    if isinstance(subject, Person):
        return Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho tập thể."), []
    y = year + condition.year_offset
    report = facts.results.get((subject.pk, y))
    if report is None or report.completion is None:
        return Ruling.UNKNOWN, _("Chưa có báo cáo kết quả cả năm %(y)s được chấp thuận.") % {"y": y}, []
    evidence = [_("Báo cáo kết quả cả năm %(y)s: hoàn thành %(c)s%%") % {"y": y, "c": _pct(report.completion)}]
    if report.completion >= (condition.percent or 0):
        return Ruling.MET, _("Kết quả thi đua đạt yêu cầu."), evidence
    return Ruling.NOT_MET, _("Mức hoàn thành dưới %(p)s%%.") % {"p": _pct(condition.percent)}, evidence


CHECKS = {
    ConditionKind.HOLDS_TITLE_CONSECUTIVE_YEARS: _title_check,
    ConditionKind.HOLDS_TITLE_IN_YEAR: _title_check,
    ConditionKind.INITIATIVE_AT_LEVEL_WITHIN_PERIOD: _initiative_check,
    ConditionKind.RATING_AT_LEAST: _rating_check,
    ConditionKind.NOT_DISCIPLINED: _discipline_check,
    ConditionKind.MEMBER_SHARE_WITH_TITLE: _member_title_check,
    ConditionKind.MEMBER_COUNT_WITH_TITLE: lambda f, s, c, y: _member_title_check(f, s, c, y, by_count=True),
    ConditionKind.MEMBER_SHARE_WITH_RATING: _member_rating_check,
    ConditionKind.MONTHS_WORKED: _months_check,
    ConditionKind.ACCEPTED_RESULT_AT_LEAST: _result_check,
}
