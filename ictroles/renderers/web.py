"""The web-ready advert: an accessible HTML page and a schema.org JobPosting (JSON-LD).

A school can publish the page as it is, or embed the ``.jsonld`` file (the same JSON the page
carries in its ``<script type="application/ld+json">``) in its own vacancies page so search
engines list the job. Both show the same figures as the Word advert: they come from
``role.pay``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.files import atomic_write, read_capped
from ictroles.renderers.facts import (
    about_role,
    advert_facts,
    advert_salary,
    hours_and_weeks,
    key_duties,
    long_date,
)
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.wording import fill, wording_for
from ictroles.roles.resolve import ResolvedRole

TEMPLATE = "advert.html"


def render_web_advert(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write ``out_path`` (.html) and ``out_path.with_suffix('.jsonld')``, both atomically."""
    out_path = Path(out_path)
    jsonld = jsonld_text(job_posting(role, options))
    page = advert_html(role, options, jsonld)
    with atomic_write(out_path.with_suffix(".jsonld")) as tmp_json, atomic_write(out_path) as tmp_html:
        tmp_json.write_text(jsonld + "\n", encoding="utf-8")
        tmp_html.write_text(page, encoding="utf-8")


# --- schema.org JobPosting --------------------------------------------------------------------

def job_posting(role: ResolvedRole, options: RenderOptions) -> dict[str, Any]:
    """The role as a schema.org JobPosting, with the pay a candidate will actually receive."""
    spec = role.spec
    school = spec.school or "The school"
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": spec.title,
        "description": _description_html(role),
        "datePosted": options.today.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": school},
        "jobLocation": {
            "@type": "Place",
            "name": school,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": spec.location or school,
                "addressCountry": "GB",
            },
        },
        "industry": "Education",
        "occupationalCategory": "IT support",
    }
    if spec.closing_date:
        posting["validThrough"] = _end_of_day(spec.closing_date)
    types = employment_types(role)
    if types:
        posting["employmentType"] = types
    salary = base_salary(role)
    if salary:
        posting["baseSalary"] = salary
        posting["salaryCurrency"] = "GBP"
    hours = (hours_and_weeks(role) or None)
    if hours:
        posting["workHours"] = hours
    if spec.about_school:
        posting["employerOverview"] = spec.about_school
    return posting


def employment_types(role: ResolvedRole) -> list[str]:
    """FULL_TIME or PART_TIME from the hours, plus TEMPORARY for fixed-term and casual posts."""
    spec = role.spec
    types = []
    if spec.hours_per_week is not None:
        types.append("PART_TIME" if spec.hours_per_week < spec.full_time_hours else "FULL_TIME")
    if spec.contract is not None and spec.contract.value in ("fixed-term", "casual"):
        types.append("TEMPORARY")
    return types


def base_salary(role: ResolvedRole) -> dict[str, Any] | None:
    """The yearly pay as a MonetaryAmount: the actual pay when pro rata, else the FTE salary.

    Whole pounds, the same figures the documents print. None when the pay is not known.
    """
    pay = role.pay
    if pay is None or pay.fte_from is None:
        return None
    if pay.pro_rata:
        if pay.actual_from is None:
            return None
        low, high = pay.actual_from, pay.actual_to
    else:
        low, high = pay.fte_from, pay.fte_to
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "YEAR"}
    if high is None or round(high) == round(low):
        value["value"] = round(low)
    else:
        value["minValue"] = round(low)
        value["maxValue"] = round(high)
    return {"@type": "MonetaryAmount", "currency": "GBP", "value": value}


def jsonld_text(posting: dict[str, Any]) -> str:
    """JSON safe to embed in a <script> element: <, > and & are written as \\u escapes."""
    text = json.dumps(posting, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _end_of_day(day: dt.date) -> str:
    try:
        from zoneinfo import ZoneInfo

        moment = dt.datetime.combine(day, dt.time(23, 59), tzinfo=ZoneInfo("Europe/London"))
    except Exception:  # no time-zone database: a plain local date-time is still valid ISO 8601
        return f"{day.isoformat()}T23:59"
    return moment.isoformat(timespec="minutes")


def _description_html(role: ResolvedRole) -> str:
    parts = [f"<p>{html.escape(p, quote=False)}</p>" for p in (role.spec.purpose, role.spec.about_school) if p]
    duties = key_duties(role)
    if duties:
        parts.append("<ul>" + "".join(f"<li>{html.escape(d, quote=False)}</li>" for d in duties) + "</ul>")
    return "".join(parts) or f"<p>{html.escape(role.spec.title, quote=False)}</p>"


# --- the page ---------------------------------------------------------------------------------

def advert_html(role: ResolvedRole, options: RenderOptions, jsonld: str) -> str:
    """The advert page as HTML text (every role value escaped by the template engine)."""
    spec = role.spec
    wording = wording_for(options.templates_dir, spec.templates, role.source)
    advert = wording.advert()
    school = spec.school or "The school"
    values = {
        "school": school,
        "title": spec.title,
        "grade": spec.grade or "",
        "closing_date": long_date(spec.closing_date, weekday=True) if spec.closing_date else "",
        "contact": spec.contact or "",
    }

    def filled(text: str | None, path_name: str) -> str | None:
        return fill(text, values, wording.path(path_name)) if text else None

    facts = advert_facts(role, grade=True, reporting=True)
    about = [p for p in (about_role(role), spec.about_school) if p]
    if not about:
        about = [f"{school} is looking for {_article(spec.title)} {spec.title}."]
    apply = [spec.how_to_apply or advert.how_to_apply_default]
    if spec.contact and advert.contact:
        apply.append(fill(advert.contact, values, wording.path("advert.yaml")))
    if spec.closing_date and advert.closing:
        apply.append(fill(advert.closing, values, wording.path("advert.yaml")))
    if advert.equality:
        apply.append(advert.equality)
    nation = spec.safer_recruitment
    safer = wording.safer_recruitment(nation)
    safer_name = f"safer-recruitment-{nation}.yaml"
    env = SandboxedEnvironment(
        loader=FunctionLoader(lambda name: _template_source(options, name)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["links"] = linkify
    summary = f"{spec.title} at {school}" + (f": {advert_salary(role)}" if advert_salary(role) else "")
    context = dict(
        title=spec.title,
        school=spec.school or "",
        location=spec.location or "",
        summary=summary,
        facts=facts,
        pay_working=role.pay.working() if role.pay else None,
        about=about,
        duties=key_duties(role),
        documents=_documents_beside(role),
        draft=list(options.draft_notes),
        apply=[a for a in apply if a],
        wording={
            "about_heading": advert.about_heading,
            "duties_heading": advert.duties_heading,
            "duties_intro": advert.duties_intro,
            "apply_heading": advert.apply_heading,
            "documents": advert.documents,
        },
        safer={
            "heading": fill(safer.heading, values, wording.path(safer_name)),
            "paragraphs": [fill(p, values, wording.path(safer_name)) for p in safer.paragraphs],
        },
        footer=f"Published {long_date(options.today, weekday=True)}." + (f" Version {spec.version}." if spec.version else ""),
        jsonld=Markup(jsonld),  # already safe: <, > and & are \u-escaped inside the JSON strings
    )
    path = Path(_template_dirs(options)[0]) / TEMPLATE
    try:
        return env.get_template(TEMPLATE).render(**context)
    except TemplateError as exc:  # syntax errors, undefined names and the sandbox's SecurityError
        line = getattr(exc, "lineno", None)
        raise InvalidInputError([Problem(path, line, "", f"template error: {exc.message or exc}")]) from None
    except InvalidInputError:
        raise
    except Exception as exc:  # a school's template is code: anything can fail in it
        raise InvalidInputError([Problem(path, None, "", (
            f"template error: {type(exc).__name__}: {exc}"[:300]
            + " (the template failed while the page was being written; simplify it)"))]) from None


MAX_TEMPLATE_BYTES = 1_000_000


def _template_source(options: RenderOptions, name: str) -> tuple[str, str, Any] | None:
    """A template's text, read like every input file (regular files only, size capped)."""
    for folder in _template_dirs(options):
        path = Path(folder) / name
        if path.exists() or path.is_symlink():
            data = read_capped(path, MAX_TEMPLATE_BYTES, "template")
            try:
                return data.decode("utf-8-sig"), str(path), lambda: False
            except UnicodeDecodeError:
                raise InvalidInputError([Problem(path, None, "", "is not UTF-8 text; save it as UTF-8")]) from None
    return None


_LINKABLE = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"]+|\b[\w-]+(?:\.[\w-]+)*\.(?:sch\.uk|org\.uk|gov\.uk|co\.uk|ac\.uk|uk|com|org)(?:/[^\s<>\"]*)?)"
)


def linkify(text: str) -> Markup:
    """Text as HTML with its email addresses and web addresses turned into links.

    Everything else is escaped; a sentence's closing full stop stays outside the link.
    """
    out: list[str] = []
    last = 0
    for m in _LINKABLE.finditer(text):
        found = m.group(0)
        trailing = len(found) - len(found.rstrip(".,;:)"))
        found = found[: len(found) - trailing]
        out.append(html.escape(text[last:m.start()], quote=False))
        if m.group("email"):
            href = "mailto:" + found
        else:
            href = found if found.startswith(("http://", "https://")) else "https://" + found
        out.append(f'<a href="{html.escape(href)}">{html.escape(found, quote=False)}</a>')
        last = m.start() + len(found)
    out.append(html.escape(text[last:], quote=False))
    return Markup("".join(out))


def _documents_beside(role: ResolvedRole) -> list[tuple[str, str]]:
    """Links to the job description and person specification written beside the page."""
    slug = role.slug or "role"
    return [("job description", f"{slug}-job-description.docx"),
            ("person specification", f"{slug}-person-specification.docx")]


def _template_dirs(options: RenderOptions) -> list[str]:
    dirs = []
    school = Path(options.templates_dir) / "web" / TEMPLATE if options.templates_dir is not None else None
    if school is not None and (school.exists() or school.is_symlink()):  # read (or refused) as given
        dirs.append(str(school.parent))
    dirs.append(str(resources.templates_dir() / "web"))
    return dirs


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
