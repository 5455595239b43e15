"""The live preview: the job description, person specification and advert as HTML.

Written from the resolved role with the functions the Word documents use (title rows, duties,
criteria, key duties, the web advert), so the preview says what the documents will say,
without converting a .docx.
"""

from __future__ import annotations

from flask import render_template

from ictroles.renderers.facts import advert_facts, key_duties
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.personspec import person_specification
from ictroles.renderers.web import advert_html, job_posting, jsonld_text
from ictroles.renderers.word.job_description import level_label, skill_duties, title_rows
from ictroles.renderers.wording import fill, wording_for
from ictroles.roles.resolve import ResolvedRole


def preview_html(role: ResolvedRole) -> str:
    """The three documents of ``role`` as one HTML fragment with a tab for each."""
    wording = wording_for(None, role.spec.templates, role.source)
    jd_text = wording.job_description()
    values = {"school": role.spec.school or "the school", "title": role.title, "grade": role.spec.grade or ""}
    options = RenderOptions()
    return render_template(
        "preview.html", role=role, rows=[(k, v) for k, v in title_rows(role, jd_text.relationships_label) if v],
        duties_heading=fill(jd_text.duties_heading, values), purpose_heading=fill(jd_text.purpose_heading, values),
        skill_duties=skill_duties, level_label=level_label, spec=person_specification(role, wording),
        facts=advert_facts(role, grade=True, reporting=True), key_duties=key_duties(role),
        advert=advert_html(role, options, jsonld_text(job_posting(role, options))))
