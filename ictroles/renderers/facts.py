"""The plain-text facts every document states the same way: pay, hours, contract, dates, key duties.

Word documents, the web advert and its JSON-LD all take these from here, so an advert's
salary or key duties never differ between formats.
"""

from __future__ import annotations

import datetime as dt

from ictroles.framework.schemes import Statement
from ictroles.roles.pay import Pay, money
from ictroles.roles.resolve import ResolvedRole

KEY_DUTIES = 6  # shown in adverts when the role does not choose its own key_duties
PERSONAL_CODES = ("PC", "CS", "EA")  # the Personal focus skills of the framework
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONTRACT_LABELS = {"permanent": "Permanent", "fixed-term": "Fixed term", "casual": "Casual"}


def long_date(day: dt.date, weekday: bool = False) -> str:
    """'14 May 2027' (or 'Friday 14 May 2027'), independent of the machine's locale."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def money_range(low: float | None, high: float | None) -> str:
    """'£26,409' or '£26,409 – £28,163'."""
    if high is None or round(high) == round(low or 0):
        return money(low)
    return f"{money(low)} \u2013 {money(high)}"


def salary_text(role: ResolvedRole) -> str:
    """Salary as a job description states it: FTE (and scale), plus the actual pay if pro rata."""
    pay, fte, scale = _pay_parts(role)
    if pay is None:
        return scale
    in_brackets = f" ({scale})" if scale else ""
    if not pay.pro_rata:
        return f"{fte} a year{in_brackets}"
    text = f"{fte} full-time equivalent{in_brackets}"
    if pay.actual_from is None:
        return text + ", paid pro rata"
    return text + f"; actual pay {money_range(pay.actual_from, pay.actual_to)} a year"


def advert_salary(role: ResolvedRole) -> str:
    """An advert's salary: actual pay first, full-time equivalent in brackets."""
    pay, fte, scale = _pay_parts(role)
    if pay is None:
        return scale
    if not pay.pro_rata:
        return f"{fte} a year" + (f" ({scale})" if scale else "")
    if pay.actual_from is None:  # term time without paid weeks: the actual pay is not known
        return f"{fte} FTE, paid pro rata" + (f" ({scale})" if scale else "")
    return f"{money_range(pay.actual_from, pay.actual_to)} a year actual ({fte} FTE" + (
        f", {scale})" if scale else ")")


def _pay_parts(role: ResolvedRole) -> tuple[Pay | None, str, str]:
    """The role's pay (None without an FTE figure), its FTE as text, and its scale text."""
    scale = (role.spec.salary.scale if role.spec.salary else None) or ""
    pay = role.pay
    if pay is None or pay.fte_from is None:
        return None, "", scale
    return pay, money_range(pay.fte_from, pay.fte_to), scale


def hours_text(role: ResolvedRole) -> str:
    """Hours a week, with full/part time."""
    hours = role.spec.hours_per_week
    if hours is None:
        return ""
    full = role.spec.full_time_hours
    kind = "full time" if hours >= full else f"part time; full time is {full:g}"
    return f"{hours:g} hours a week ({kind})"


def weeks_text(role: ResolvedRole) -> str:
    """Weeks worked a year, with the paid weeks of a term-time post."""
    spec = role.spec
    if spec.weeks_per_year is None:
        return ""
    text = f"{spec.weeks_per_year:g} weeks a year"
    if spec.weeks_per_year < 52:
        text += " (term time)"
        if spec.paid_weeks:
            text += f", paid for {spec.paid_weeks:g} weeks including holidays"
    return text


def hours_and_weeks(role: ResolvedRole) -> str:
    """Hours a week and weeks a year, in one line (an advert's key fact)."""
    spec = role.spec
    parts = []
    if spec.hours_per_week is not None:
        parts.append(f"{spec.hours_per_week:g} hours a week")
    if spec.weeks_per_year is not None:
        weeks = f"{spec.weeks_per_year:g} weeks a year"
        parts.append(weeks + (" (term time)" if spec.weeks_per_year < 52 else ""))
    return ", ".join(parts)


def contract_text(role: ResolvedRole) -> str:
    """'Permanent', 'Fixed term: until 31 August 2028' etc."""
    spec = role.spec
    label = CONTRACT_LABELS.get(spec.contract.value if spec.contract else "", "")
    note = spec.contract_note or ""
    if note and label and not note.strip().lower().replace("-", " ").startswith(label.lower()):
        return f"{label}: {note}"
    return note or label


def advert_facts(role: ResolvedRole, *, grade: bool = False, reporting: bool = False) -> list[tuple[str, str]]:
    """The advert's key facts as (label, value), in order, leaving out those the role lacks.

    The Word advert's strip and the web page's list both come from here, so they use the
    same labels and wording; the web page, with room to spare, adds the grade and the line
    manager.
    """
    spec = role.spec
    facts = [
        ("Salary", advert_salary(role)),
        ("Grade", spec.grade if grade else None),
        ("Hours", hours_and_weeks(role)),
        ("Contract", contract_text(role)),
        ("Start date", spec.start_date),
        ("Closing date", long_date(spec.closing_date, weekday=True) if spec.closing_date else None),
        ("Interviews", long_date(spec.interview_date, weekday=True) if spec.interview_date else None),
        ("Responsible to", spec.responsible_to if reporting else None),
    ]
    return [(label, value) for label, value in facts if value]


def key_duties(role: ResolvedRole, n: int = KEY_DUTIES) -> list[Statement]:
    """The role's chosen key duties, or the most telling duty of each of its highest-level skills.

    Each skill offers the activities of the highest framework level it draws on (a level-1
    technician on the three-level scheme is described by its B duties, not its A ones), fullest
    first: short activities such as "Confident computer user." read as traits, not duties.
    Skills at the highest levels come first, taking each focus area in turn, so a manager's
    advert shows strategy and budget duties as well as technical ones.
    The chosen duties are listed in the job description's order.
    """
    by_id = {st.id: st for s in role.skills for st in s.activities}
    if role.spec.key_duties:
        return [by_id[i] for i in role.spec.key_duties if i in by_id]
    rank = role.framework.level_index
    by_focus: dict[str, list[tuple[int, int, list[Statement]]]] = {}
    for skill in role.skills:
        top = skill.native_span[1]
        own = [st for st in skill.activities if st.native_level in (None, top) or st.origin != "framework"]
        ranked = sorted(own or skill.activities, key=lambda st: -len(st.text.split()))
        if ranked:
            by_focus.setdefault(skill.focus, []).append((-rank(top), -len(ranked[0].text.split()), ranked))
    # Round by round, the best remaining skill of each focus area, so duties cover the post.
    groups = [sorted(offers, key=lambda o: o[:2]) for offers in by_focus.values()]
    rounds: list[tuple[int, int, list[Statement]]] = []
    for depth in range(max((len(g) for g in groups), default=0)):
        rounds += sorted((g[depth] for g in groups if len(g) > depth), key=lambda o: o[:2])
    # Personal competences describe the person rather than duties: they come last.
    rounds.sort(key=lambda o: o[2][0].id.split(".")[0] in PERSONAL_CODES)
    offers = [(o[0], o[2]) for o in rounds]
    picked: list[Statement] = []
    depth = 0
    while len(picked) < n and any(len(ranked) > depth for _, ranked in offers):
        for _, ranked in offers:
            if depth < len(ranked) and len(picked) < n:
                picked.append(ranked[depth])
        depth += 1
    order = {sid: i for i, sid in enumerate(by_id)}
    return sorted(picked, key=lambda st: order[st.id])


def about_role(role: ResolvedRole) -> str:
    """'We are looking for an ICT Technician to provide ...' from the purpose of the post."""
    purpose = " ".join((role.spec.purpose or "").split())
    if not purpose:
        return ""
    if purpose[:3].lower() == "to " and len(purpose) > 3:
        title = role.title
        article = "an" if title[:1].upper() in "AEIOU" else "a"
        return f"We are looking for {article} {title} {purpose[0].lower()}{purpose[1:]}"
    return purpose
