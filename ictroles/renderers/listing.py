"""The job-board listing: DfE Teaching Vacancies' vacancy as JSON, and its form's text.

``<slug>-listing.json`` has the shape of a vacancy in Teaching Vacancies' publisher ATS API,
version 1 (``{"vacancy": {...}}``, the body of ``POST /ats-api/v1/vacancies``), with the field
names and values of the service's own specification: ``spec/swagger_helper.rb`` in
github.com/DFE-Digital/teaching-vacancies (``vacancy_request``; see docs/listing.md for the
commit followed). ``<slug>-listing.txt`` holds the text for each section of the service's
"create a job listing" form, to paste in by hand. Both say the same as the advert: the facts
come from :mod:`ictroles.renderers.facts`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ictroles.core.files import atomic_write
from ictroles.renderers.facts import (
    about_role,
    advert_salary,
    closing_text,
    contract_text,
    key_duties,
    money_range,
)
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.personspec import person_specification, role_level
from ictroles.renderers.wording import fill, wording_for
from ictroles.roles.resolve import ResolvedRole

API = "Teaching Vacancies publisher ATS API v1"
# Required by the API's vacancy_request schema, in its order.
REQUIRED = ("external_advert_url", "expires_at", "job_title", "job_advert", "salary", "external_reference",
            "job_roles", "working_patterns", "contract_type", "phases", "schools")
CONTRACT_TYPES = {"permanent": "permanent", "fixed-term": "fixed_term", "casual": "casual"}
# Where each required value comes from, for the "still to complete" list.
SOURCES = {
    "external_advert_url": "listing.url (the advert on the school's website)",
    "expires_at": "closing_date",
    "salary": "salary",
    "contract_type": "contract",
    "phases": "listing.phases (nursery, primary, secondary, sixth_form_or_college, through)",
    "schools": "listing.school_urns (the schools' URNs) or listing.trust_uid",
    "working_patterns": "hours_per_week",
}
END_OF_DAY = "23:59"  # no closing time given: the advert's closing date means the whole day
SECTIONS = ("About the role", "Skills and experience", "What the school offers", "Commitment to safeguarding")


def external_reference(role: ResolvedRole) -> str:
    """The vacancy's reference when the role gives none: the school and title, as slugs, so
    the same post title in two schools of one authority never shares a reference."""
    from ictroles.roles.resolve import slugify

    school = role.spec.school
    return f"{slugify(school)}-{role.slug}" if school else role.slug


def vacancy(role: ResolvedRole, options: RenderOptions) -> dict[str, Any]:
    """The role as a Teaching Vacancies ATS API vacancy; values the role lacks are left out."""
    spec = role.spec
    listing = spec.listing
    fields: dict[str, Any] = {
        "external_advert_url": listing.url,
        "expires_at": f"{spec.closing_date.isoformat()}T{listing.closing_time or END_OF_DAY}:00"
        if spec.closing_date else None,
        "job_title": spec.title,
        "job_advert": job_advert_html(role),
        "salary": advert_salary(role) or None,
        "external_reference": listing.reference or external_reference(role),
        "job_roles": list(listing.job_roles) or job_roles(role),
        "working_patterns": working_patterns(role),
        "contract_type": CONTRACT_TYPES.get(spec.contract.value) if spec.contract else None,
        "phases": list(listing.phases) or phases(role),
        "schools": schools(role),
        "starts_on": spec.start_date,
    }
    return {k: v for k, v in fields.items() if v not in (None, [], "")}


def missing(fields: dict[str, Any]) -> list[str]:
    """The API's required fields a vacancy still lacks, each with the role-file field to fill in."""
    return [f"{name}: {SOURCES.get(name, name)}" for name in REQUIRED if name not in fields]


def job_roles(role: ResolvedRole) -> list[str]:
    """``it_support``; a level-A post (ICT support as part of a wider role) is a teaching assistant's."""
    return ["teaching_assistant", "it_support"] if role_level(role) == "A" else ["it_support"]


def working_patterns(role: ResolvedRole) -> list[str]:
    """``full_time`` or ``part_time`` from the hours (term-time posts are part time)."""
    spec = role.spec
    if spec.hours_per_week is None:
        return []
    part = spec.hours_per_week < spec.full_time_hours or (spec.weeks_per_year or 52) < 52
    return ["part_time" if part else "full_time"]


def phases(role: ResolvedRole) -> list[str]:
    """The phase when the school's name says it (``Northfield Primary School``), else none."""
    name = (role.spec.school or "").lower()
    for word, phase in (("nursery", "nursery"), ("primary", "primary"), ("infant", "primary"),
                        ("junior", "primary"), ("secondary", "secondary"), ("high school", "secondary"),
                        ("all-through", "through"), ("sixth form", "sixth_form_or_college")):
        if word in name:
            return [phase]
    return []


def schools(role: ResolvedRole) -> dict[str, Any] | None:
    """``{"school_urns": [...]}``, ``{"trust_uid": ...}`` or both, as the API's three forms allow."""
    listing = role.spec.listing
    out: dict[str, Any] = {}
    if listing.trust_uid:
        out["trust_uid"] = listing.trust_uid
    if listing.school_urns:
        out["school_urns"] = list(listing.school_urns)
    return out or None


def job_advert_html(role: ResolvedRole) -> str:
    """The advert text in the HTML the API accepts (p, ul, li, h3), every value escaped."""
    esc = lambda text: html.escape(" ".join(text.split()), quote=False)  # noqa: E731
    parts = [f"<p>{esc(p)}</p>" for p in (about_role(role), role.spec.about_school) if p]
    duties = key_duties(role)
    if duties:
        parts.append("<p>Your main responsibilities will include:</p>")
        parts.append("<ul>" + "".join(f"<li>{esc(d)}</li>" for d in duties) + "</ul>")
    if role.spec.how_to_apply:
        parts.append(f"<h3>How to apply</h3><p>{esc(role.spec.how_to_apply)}</p>")
    return "".join(parts) or f"<p>{esc(role.spec.title)}</p>"


def form_sections(role: ResolvedRole, options: RenderOptions) -> list[tuple[str, list[str]]]:
    """The text for each section of the Teaching Vacancies form, as (heading, paragraphs)."""
    spec = role.spec
    wording = wording_for(options.templates_dir, spec.templates, role.source)
    about = [p for p in (about_role(role), " ".join((spec.about_school or "").split())) if p]
    duties = key_duties(role)
    if duties:
        about += ["Your main responsibilities will include:", *(f"- {d}" for d in duties)]
    ps = person_specification(role, wording)
    essential = [c.text for c in ps.criteria() if c.essential and c.category != "suitability"]
    desirable = [c.text for c in ps.criteria() if not c.essential]
    skills = ["We are looking for someone with:", *(f"- {c}" for c in essential)]
    if desirable:
        skills += ["It would be good if you also have:", *(f"- {c}" for c in desirable)]
    offer = [" ".join((spec.listing.school_offer or "").split())] if spec.listing.school_offer else [
        "(Write what the school offers its staff: benefits, wellbeing support, training and "
        "development. Set listing.school_offer in the role file to fill this in.)"]
    safer = wording.safer_recruitment(spec.safer_recruitment)
    name = f"safer-recruitment-{spec.safer_recruitment}.yaml"
    values = {"school": spec.school or "the school", "title": spec.title, "grade": spec.grade or ""}
    safeguarding = [" ".join(fill(p, values, wording.path(name)).split()) for p in safer.paragraphs]
    return list(zip(SECTIONS, (about, skills, offer, safeguarding)))


def pay_lines(role: ResolvedRole) -> list[str]:
    """The form's two salary boxes: the full-time equivalent and the actual salary."""
    pay = role.pay
    if pay is None or pay.fte_from is None:
        return []
    scale = role.spec.salary.scale if role.spec.salary and role.spec.salary.scale else None
    lines = [f"Full-time equivalent salary: {money_range(pay.fte_from, pay.fte_to)} a year"
             + (f" ({scale})" if scale else "")]
    if pay.pro_rata:
        actual = (f"{money_range(pay.actual_from, pay.actual_to)} a year" if pay.actual_from is not None
                  else "not known: give paid_weeks in the role file")
        lines.append(f"Actual salary: {actual}" + (f" ({pay.working()})" if pay.working() else ""))
    return lines


def listing_text(role: ResolvedRole, options: RenderOptions, fields: dict[str, Any]) -> str:
    """The .txt: what still needs filling in, the key facts, then each form section's text."""
    spec = role.spec
    out = [f"{spec.title}" + (f" - {spec.school}" if spec.school else ""),
           f"Text for the Teaching Vacancies job listing form (the JSON beside it is the same vacancy "
           f"for the {API}).", ""]
    todo = missing(fields)
    if todo:
        out += ["STILL TO COMPLETE before the listing can be published (role-file field in brackets):",
                *(f"- {t}" for t in todo), ""]
    facts = [("Job title", spec.title), ("Closing date", closing_text(role) or None),
             ("Start date", spec.start_date), ("Contract", contract_text(role) or None),
             ("Working pattern", ", ".join(fields.get("working_patterns", [])).replace("_", " ") or None)]
    out += [f"{label}: {value}" for label, value in facts if value]
    out += pay_lines(role)
    for heading, paragraphs in form_sections(role, options):
        out += ["", heading, "-" * len(heading)]
        for i, para in enumerate(paragraphs):
            # A blank line between paragraphs, none between a list's items: as the form reads it.
            if i and not (para.startswith("- ") and paragraphs[i - 1].endswith((":", ".")) and
                          (paragraphs[i - 1].startswith("- ") or paragraphs[i - 1].endswith(":"))):
                out.append("")
            out.append(para)
    return "\n".join(out) + "\n"


def render_listing(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write ``out_path`` (.json, the API vacancy) and the form text beside it (.txt), atomically."""
    out_path = Path(out_path)
    fields = vacancy(role, options)
    body = json.dumps({"vacancy": fields}, indent=2, ensure_ascii=False) + "\n"
    text = listing_text(role, options, fields)
    with atomic_write(out_path.with_suffix(".txt")) as tmp_txt, atomic_write(out_path) as tmp_json:
        tmp_txt.write_text(text, encoding="utf-8")
        tmp_json.write_text(body, encoding="utf-8")
