"""The sentences of the decision and the certificate, written from what they hold.

Each award prints its title (Award.title_on_documents), never the catalog's internal name; Điều 1 counts the
individuals and the collectives the annex lists, by award. Call inside translation.override("vi"): these are
the words of an official paper.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .enums import AwardKind, RoundKind


def counted(n):
    """Counts as official papers write them: 02, 10, 125."""
    return f"{n:02d}"


def subjects_phrase(individuals, collectives):
    """ "02 cá nhân", "01 tập thể" or "02 cá nhân và 01 tập thể"."""
    people = _("%(n)s cá nhân") % {"n": counted(individuals)} if individuals else ""
    groups = _("%(n)s tập thể") % {"n": counted(collectives)} if collectives else ""
    if people and groups:
        return _("%(people)s và %(groups)s") % {"people": people, "groups": groups}
    return people or groups


def named_subjects(individuals, collectives):
    """Who Điều 1 names, without counts: "các cá nhân", "các tập thể" or "các cá nhân, tập thể"."""
    if individuals and not collectives:
        return _("các cá nhân")
    if collectives and not individuals:
        return _("các tập thể")
    return _("các cá nhân, tập thể")


def _inline(name):
    """A movement's or a phase's name inside a sentence: "… trong phong trào thi đua …"."""
    name = " ".join(name.split())
    for opening in ("Phong trào ", "Đợt thi đua "):
        if name.startswith(opening):
            return name[0].lower() + name[1:]
    return name


def achievement_scope(round):
    """What the awardees distinguished themselves in, from the round's movement, phase or year."""
    if round.kind == RoundKind.AD_HOC:
        return _("đột xuất trong năm %(year)s") % {"year": round.year}
    if round.movement_id:
        return _("trong %(movement)s") % {"movement": _inline(round.movement.name)}
    if round.phase_id:
        return _("trong %(phase)s") % {"phase": _inline(round.phase.name)}
    return _("trong phong trào thi đua yêu nước năm %(year)s") % {"year": round.year}


def decision_subject(nominees, round):
    """The decision's subject line, from whom it names and what for: "Về việc khen thưởng các cá nhân, tập thể
    đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2026" (never the round's internal name)."""
    individuals = sum(1 for nominee in nominees if nominee.person_id)
    return _("Về việc khen thưởng %(subjects)s đã có thành tích xuất sắc %(scope)s") % {
        "subjects": named_subjects(individuals, len(nominees) - individuals),
        "scope": achievement_scope(round),
    }


def achievement_fallback(round):
    """The certificate's achievement line for a nominee whose dossier holds no summary."""
    return _("Đã có thành tích xuất sắc %(scope)s.") % {"scope": achievement_scope(round)}


def achievement_line(nominee, round):
    """The nominee's own achievement summary, on one line; the round's scope when there is none."""
    summary = " ".join(nominee.summary.split())
    if not summary:
        return achievement_fallback(round)
    return summary[0].upper() + summary[1:]


@dataclass
class AwardGroup:
    kind: str
    title: str
    decider: str = ""
    individuals: int = 0
    collectives: int = 0
    nominees: list = field(default_factory=list)

    @property
    def subjects(self):
        return subjects_phrase(self.individuals, self.collectives)


def award_groups(nominees, *, by_decider=False):
    """The nominees grouped by printed title (the individual and the collective Giấy khen are one group), in the
    order the annex lists them; forwarded awards also by who decides them."""
    groups = {}
    for nominee in nominees:
        award = nominee.award
        key = (award.kind, award.title_on_documents, award.decider if by_decider else "")
        group = groups.setdefault(key, AwardGroup(*key))
        if nominee.person_id:
            group.individuals += 1
        else:
            group.collectives += 1
        group.nominees.append(nominee)
    return list(groups.values())


def _grant(group):
    if group.kind == AwardKind.TITLE:
        return _("Công nhận danh hiệu “%(title)s” cho %(subjects)s") % {
            "title": group.title,
            "subjects": group.subjects,
        }
    return _("Tặng %(title)s cho %(subjects)s") % {"title": group.title, "subjects": group.subjects}


def _propose(group):
    decider = group.decider or _("cấp có thẩm quyền")
    if group.kind == AwardKind.TITLE:
        return _("Đề nghị %(decider)s công nhận danh hiệu “%(title)s” cho %(subjects)s") % {
            "decider": decider,
            "title": group.title,
            "subjects": group.subjects,
        }
    return _("Đề nghị %(decider)s tặng %(title)s cho %(subjects)s") % {
        "decider": decider,
        "title": group.title,
        "subjects": group.subjects,
    }


@dataclass
class Article:
    """One article of the decision: its sentence and, when it covers several awards, one line per award."""

    text: str
    items: list = field(default_factory=list)


def _totals(groups):
    return sum(g.individuals for g in groups), sum(g.collectives for g in groups)


def _article(groups, scope, one, several_opening):
    if len(groups) == 1:
        return Article(
            _("%(grant)s đã có thành tích xuất sắc %(scope)s (có danh sách kèm theo).")
            % {"grant": one(groups[0]), "scope": scope}
        )
    items = [one(g) + (";" if index < len(groups) - 1 else ".") for index, g in enumerate(groups)]
    return Article(several_opening(subjects_phrase(*_totals(groups))), items)


def awarding_article(nominees, round):
    """Điều 1 of a decision for the awards the Standing Committee grants itself, or None when there are none.

    One award: "Tặng Giấy khen cho 02 cá nhân và 01 tập thể đã có thành tích xuất sắc … (có danh sách kèm theo)."
    Several: "Khen thưởng 05 cá nhân và 01 tập thể …, gồm:" then one line per award."""
    groups = award_groups(nominees)
    if not groups:
        return None
    scope = achievement_scope(round)
    return _article(
        groups,
        scope,
        _grant,
        lambda subjects: (
            _("Khen thưởng %(subjects)s đã có thành tích xuất sắc %(scope)s (có danh sách kèm theo), gồm:")
            % {"subjects": subjects, "scope": scope}
        ),
    )


def forwarding_article(nominees, round):
    """The article that proposes the awards beyond the Bloc to whoever decides them, or None."""
    groups = award_groups(nominees, by_decider=True)
    if not groups:
        return None
    scope = achievement_scope(round)
    return _article(
        groups,
        scope,
        _propose,
        lambda subjects: (
            _(
                "Đề nghị cấp có thẩm quyền khen thưởng %(subjects)s đã có thành tích xuất sắc %(scope)s "
                "(có danh sách kèm theo), gồm:"
            )
            % {"subjects": subjects, "scope": scope}
        ),
    )


def executing_article(awarded, forwarded):
    """The decision's last article: who carries it out, naming the individuals, the collectives or both, and the
    articles that list them."""
    nominees = list(awarded) + list(forwarded)
    individuals = sum(1 for n in nominees if n.person_id)
    articles = _("Điều 1 và Điều 2") if awarded and forwarded else _("Điều 1")
    return _(
        "Văn phòng Đảng ủy Khối, các đảng ủy, chi ủy cơ sở có liên quan và %(subjects)s có tên tại %(articles)s "
        "căn cứ Quyết định thi hành."
    ) % {"subjects": named_subjects(individuals, len(nominees) - individuals), "articles": articles}
