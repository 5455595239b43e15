"""The plain-text facts every document states the same way: pay, hours, contract, dates, key duties.

Word documents, the web advert and its JSON-LD all take these from here, so an advert's
salary or key duties never differ between formats.
"""

from __future__ import annotations

import datetime as dt

from ictroles.roles.pay import Pay, money
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill

KEY_DUTIES = 6  # shown in adverts when the role does not choose its own key_duties
PERSONAL_FOCUS = "personal"  # the framework's focus area of skills that describe the person
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


def closing_text(role: ResolvedRole) -> str:
    """'Friday 14 May 2027', with the closing time when the role gives one ('…, 12:00')."""
    spec = role.spec
    if spec.closing_date is None:
        return ""
    time = spec.listing.closing_time
    return long_date(spec.closing_date, weekday=True) + (f", {time}" if time else "")


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
        ("Closing date", closing_text(role) or None),
        ("Interviews", long_date(spec.interview_date, weekday=True) if spec.interview_date else None),
        ("Responsible to", spec.responsible_to if reporting else None),
    ]
    return [(label, value) for label, value in facts if value]


def key_duties(role: ResolvedRole, n: int = KEY_DUTIES) -> list[str]:
    """The advert's key duties: the role's own ``key_duties``, or the concise duties of its
    highest-level skills.

    ``key_duties`` names skills (their concise duty), standards of the standards pack (their
    level duty) or Activities statements (their text).
    Otherwise skills at the highest framework level come first, taking each focus area in
    turn, so a manager's advert shows strategy and budget duties as well as technical ones;
    the Personal skills describe the person rather than duties and come last. The chosen
    duties are listed in the job description's order.
    """
    if role.spec.key_duties:
        texts = {s.id: s.duty for s in role.skills if s.duty}
        texts |= {st.id: st.text for s in role.skills for st in s.activities}
        texts |= {s.id: s.duty for s in role.standards}
        return [texts[i] for i in role.spec.key_duties if i in texts]
    rank = role.framework.level_index
    with_duty = [s for s in role.skills if s.duty]
    by_focus: dict[str, list[ResolvedSkill]] = {}
    for skill in sorted(with_duty, key=lambda s: -rank(s.native_level)):
        by_focus.setdefault(skill.focus, []).append(skill)
    rounds: list[ResolvedSkill] = []
    for depth in range(max((len(g) for g in by_focus.values()), default=0)):
        layer = [g[depth] for g in by_focus.values() if len(g) > depth]
        rounds += sorted(layer, key=lambda s: -rank(s.native_level))
    rounds.sort(key=lambda s: s.focus == PERSONAL_FOCUS)
    picked = {s.id for s in rounds[:n]}
    return [s.duty for s in role.skills if s.id in picked and s.duty]


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
