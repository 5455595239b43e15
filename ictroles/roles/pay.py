"""Actual pay for part-time and term-time support staff posts (NJC "Green Book" method).

actual = FTE salary x (hours / full-time hours) x (paid weeks / 52.143), where paid weeks are
the weeks worked plus paid leave and bank holidays. Adverts show the actual pay and the FTE.
"""

from __future__ import annotations

from dataclasses import dataclass

WEEKS_IN_YEAR = 52.143


@dataclass(frozen=True)
class Pay:
    """FTE and actual annual pay, with the figures used, so documents can show the working."""

    fte_from: float | None
    fte_to: float | None
    scale: str | None
    hours: float | None
    full_time_hours: float
    paid_weeks: float | None  # None: a term-time post that did not say its paid weeks
    weeks_worked: float | None
    actual_from: float | None
    actual_to: float | None

    @property
    def hours_fraction(self) -> float:
        """Share of full-time hours worked (1.0 when hours are not stated)."""
        return (self.hours / self.full_time_hours) if self.hours else 1.0

    @property
    def weeks_fraction(self) -> float:
        """Share of the year paid (1.0 for all-year posts)."""
        if self.paid_weeks is None:
            return (self.weeks_worked or WEEKS_IN_YEAR) / WEEKS_IN_YEAR
        return self.paid_weeks / WEEKS_IN_YEAR

    @property
    def pro_rata(self) -> bool:
        """True when the actual pay differs from the FTE (part-time or term-time)."""
        return self.hours_fraction < 0.9995 or self.weeks_fraction < 0.9995

    def working(self) -> str | None:
        """The calculation written out, e.g. for an advert's small print."""
        if not self.pro_rata or self.fte_from is None or self.actual_from is None:
            return None
        fte = money(self.fte_from) if self.fte_to is None else f"{money(self.fte_from)}-{money(self.fte_to)}"
        actual = money(self.actual_from) if self.actual_to is None else f"{money(self.actual_from)}-{money(self.actual_to)}"
        return (
            f"{fte} FTE x {self.hours or self.full_time_hours:g}/{self.full_time_hours:g} hours "
            f"x {self.paid_weeks:g}/{WEEKS_IN_YEAR} paid weeks = {actual} actual a year"
        )


def money(value: float | None) -> str:
    """Pounds without pence: 24790.4 -> '£24,790'."""
    if value is None:
        return ""
    return f"£{round(value):,}"


WORKING_DAYS_A_WEEK = 5


def paid_weeks_for(weeks_worked: float, holiday_days: float) -> float:
    """Paid weeks of a term-time post: the weeks worked plus the paid holiday (annual leave and
    bank holidays, in days of a five-day week), to one decimal place.

    The way most school payrolls work it out; the school's HR or payroll figure is the one to use.
    """
    return round(weeks_worked + holiday_days / WORKING_DAYS_A_WEEK, 1)


def compute_pay(
    fte_from: float | None,
    fte_to: float | None,
    scale: str | None,
    hours: float | None,
    full_time_hours: float,
    weeks_worked: float | None,
    paid_weeks: float | None,
) -> Pay:
    """Work out actual pay from the FTE salary, hours and paid weeks.

    A term-time post (fewer than 52 weeks worked) must state its paid weeks; without them the
    actual pay is unknown (None) and `ictroles lint` says so.
    """
    if paid_weeks is None and (weeks_worked is None or weeks_worked >= WEEKS_IN_YEAR - 0.2):
        paid_weeks = WEEKS_IN_YEAR
    factor = None
    if paid_weeks is not None:
        factor = ((hours / full_time_hours) if hours else 1.0) * (paid_weeks / WEEKS_IN_YEAR)
    return Pay(
        fte_from=fte_from,
        fte_to=fte_to,
        scale=scale,
        hours=hours,
        full_time_hours=full_time_hours,
        paid_weeks=paid_weeks,
        weeks_worked=weeks_worked,
        actual_from=fte_from * factor if fte_from is not None and factor else None,
        actual_to=fte_to * factor if fte_to is not None and factor else None,
    )
