"""Plain-text and JSON views of the framework, schemes and resolved roles for the terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from ictroles.framework.competences import FACET_NAMES, FACETS, Framework, Skill
from ictroles.framework.schemes import LevelScheme, level_content
from ictroles.framework.standards import Standard, StandardsPack
from ictroles.roles.pay import money
from ictroles.roles.resolve import ResolvedRole

WIDTH = 80


def wrap(text: str, indent: str = "", hang: str | None = None) -> list[str]:
    """Lines of at most 80 columns; never broken at hyphens (ids and file names hold them)."""
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=hang if hang is not None else indent,
        break_on_hyphens=False,
    ) or [indent]



def framework_json(framework: Framework, scheme: LevelScheme | None = None,
                   skill_ids: list[str] | None = None, levels: list[str] | None = None) -> dict[str, Any]:
    """The framework (or a scheme's view of it) as the documented JSON shape."""
    skills = [s for s in framework.skills if not skill_ids or s.id in skill_ids]
    if scheme is None:
        level_list: list[dict[str, Any]] = [
            {"id": lv.id, "title": lv.title, "description": lv.description} for lv in framework.levels
        ]
    else:
        level_list = [
            {"id": lv.label, "title": lv.title, "description": lv.description, "draws_on": lv.draws_on}
            for lv in scheme.levels
        ]
    wanted = [lv["id"] for lv in level_list if not levels or lv["id"] in levels]
    return {
        "framework": {"name": framework.name, "version": framework.version},
        "scheme": scheme.name if scheme else None,
        "levels": [lv for lv in level_list if lv["id"] in wanted],
        "focus_areas": [
            {"id": f.id, "name": f.name, "skills": [s.id for s in framework.skills_in(f.id)]}
            for f in framework.focus_areas
        ],
        "skills": [
            {
                "id": s.id,
                "code": s.code,
                "name": s.name,
                "focus": s.focus,
                "description": s.description,
                "levels": {lv: _cell_json(framework, scheme, s, lv) for lv in wanted},
            }
            for s in skills
        ],
    }


def _cell_json(framework: Framework, scheme: LevelScheme | None, skill: Skill, level: str) -> dict[str, Any]:
    if scheme is None:
        cell = skill.levels[level]
        return {f: [{"id": st.id, "text": st.text} for st in cell.facet(f)] for f in FACETS}
    content = level_content(scheme, level, skill, framework)
    out: dict[str, Any] = {
        f: [{"id": st.id, "text": st.text} for st in content.statements[f]] for f in FACETS
    }
    out["native_levels"] = list(content.native_levels)
    return out


def framework_text(framework: Framework, scheme: LevelScheme | None = None,
                   skill_ids: list[str] | None = None, levels: list[str] | None = None) -> str:
    """The framework as text readable at 80 columns."""
    data = framework_json(framework, scheme, skill_ids, levels)
    out: list[str] = []
    out.append(f"{framework.name}" + (f" ({framework.version})" if framework.version else ""))
    if scheme:
        out.append(f"Scheme: {scheme.title}")
    out.append("")
    if not skill_ids:
        out.append("Levels")
        for lv in data["levels"]:
            out += wrap(f"{lv['id']}  {lv['title']}: {lv['description']}", "  ", "      ")
        out.append("")
    focus_names = {f.id: f.name for f in framework.focus_areas}
    current_focus = None
    for s in data["skills"]:
        if s["focus"] != current_focus:
            current_focus = s["focus"]
            out.append("=" * WIDTH)
            out.append(f"{focus_names[current_focus].upper()} FOCUS")
            out.append("=" * WIDTH)
        out += wrap(f"{s['name']}  [{s['id']}, code {s['code']}]", "", "  ")
        for para in s["description"].split("\n\n"):
            out += wrap(para, "  ")
        for lv in data["levels"]:
            cell = s["levels"][lv["id"]]
            drawn = f" (framework {'+'.join(cell['native_levels'])})" if "native_levels" in cell else ""
            out.append("")
            out.append(f"  Level {lv['id']}: {lv['title']}{drawn}")
            for facet in FACETS:
                if not cell[facet]:
                    continue
                out.append(f"    {FACET_NAMES[facet]}")
                for st in cell[facet]:
                    out += wrap(f"{st['id']:<8} {st['text']}", "      ", " " * 15)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def schemes_text(schemes: list[tuple[LevelScheme, str]]) -> str:
    """The built-in schemes and what each local level draws on."""
    out: list[str] = []
    for scheme, _ref in schemes:
        out.append(f"{scheme.name}: {scheme.title}")
        out += wrap(scheme.rationale, "  ")
        out.append("  Levels (lowest first):")
        for lv in scheme.levels:
            draws = "+".join(lv.draws_on)
            out.append(f"    {lv.label:<3} {lv.title} - framework {draws}")
            for sid, rule in lv.skills.items():
                if rule.draws_on:
                    out += wrap(f"{sid}: framework {'+'.join(rule.draws_on)}", " " * 8)
            for key in ("include", "exclude"):
                ids = getattr(lv, key)
                if ids:
                    out += wrap(f"{key}s {', '.join(ids)}", " " * 8)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def role_json(role: ResolvedRole) -> dict[str, Any]:
    """The resolved role as JSON (the documented shape plus the role's metadata)."""
    meta = role.spec.dump(exclude={"skills", "title", "scheme", "extends"})
    pay = None
    if role.pay:
        p = role.pay
        pay = {
            "fte_from": p.fte_from,
            "fte_to": p.fte_to,
            "actual_from": round(p.actual_from, 2) if p.actual_from is not None else None,
            "actual_to": round(p.actual_to, 2) if p.actual_to is not None else None,
            "paid_weeks": p.paid_weeks,
            "pro_rata": p.pro_rata,
            "working": p.working(),
        }
    meta.pop("standards", None)
    return {
        "title": role.title,
        "scheme": role.scheme.name,
        "source": str(role.source) if role.source else None,
        "skills": [
            {
                "id": s.id,
                "code": s.code,
                "name": s.name,
                "focus": s.focus,
                "level": s.level,
                "level_title": s.level_title,
                "native_levels": list(s.native_levels),
                "statements": {
                    f: [
                        {"id": st.id, "text": st.text, "origin": st.origin,
                         **({"framework_text": st.original_text} if st.reworded else {}),
                         **({"native_level": st.native_level} if st.native_level else {}),
                         **({"merged_ids": list(st.merged_ids)} if st.merged_ids else {})}
                        for st in s.statements(f)
                    ]
                    for f in FACETS
                },
            }
            for s in role.skills
        ],
        "standards": [
            {"id": s.id, "name": s.name, "core": s.core, "level": s.level, "duties": list(s.duties),
             "criterion": s.criterion, "responsibilities": [r.id for r in s.responsibilities],
             "skills": list(s.skills), "pack": role.standards_pack.name if role.standards_pack else None}
            for s in role.standards
        ],
        "pay": pay,
        **meta,
    }


def role_text(role: ResolvedRole) -> str:
    """The resolved role as text readable at 80 columns."""
    spec = role.spec
    out = [role.title]
    out.append("=" * min(WIDTH, len(role.title)))
    facts = [
        ("School", spec.school),
        ("Grade", spec.grade),
        ("Scheme", role.scheme.title),
    ]
    if role.pay and role.pay.fte_from is not None:
        p = role.pay
        fte = money(p.fte_from) + (f" - {money(p.fte_to)}" if p.fte_to else "")
        actual = ""
        if p.pro_rata and p.actual_from is not None:
            actual = f" (actual {money(p.actual_from)}" + (f" - {money(p.actual_to)}" if p.actual_to else "") + ")"
        facts.append(("Salary", f"{fte} FTE{actual}"))
    if spec.hours_per_week:
        weeks = f", {spec.weeks_per_year:g} weeks a year" if spec.weeks_per_year else ""
        facts.append(("Hours", f"{spec.hours_per_week:g} a week{weeks}"))
    for label, value in facts:
        if value:
            out += wrap(f"{label + ':':<9} {value}", "", " " * 10)
    if spec.purpose:
        out.append("")
        out += wrap(spec.purpose)
    for area, skills in role.by_focus:
        out.append("")
        out.append(f"{area.name.upper()} FOCUS")
        for s in skills:
            drawn = "+".join(s.native_levels)
            out.append("")
            out += wrap(f"{s.name}: level {s.level}, {s.level_title} (framework {drawn})")
            for facet in FACETS:
                if s.statements(facet):
                    out.append(f"  {FACET_NAMES[facet]}")
                    for st in s.statements(facet):
                        mark = {"included": " [+]", "custom": " [own]", "adapted": " [adapted]"}.get(st.origin, "")
                        out += wrap(f"{st.id:<12} {st.text}{mark}", "    ", " " * 17)
    if role.standards and role.standards_pack:
        out.append("")
        out.append(f"{role.standards_pack.name.upper()}")
        out += wrap("Written for ictroles from the guidance; not part of the ICT Competences Framework.")
        for std in role.standards:
            out.append("")
            out += wrap(f"{std.name}: level {std.level}" + (" (core)" if std.core else ""))
            for duty in std.duties:
                out += wrap(duty, "    ")
            if std.responsibilities:
                out.append("    Holds (who-does-what):")
                for r in std.responsibilities:
                    out += wrap("- " + r.text, "      ", "        ")
    out.append("")
    out.append("[+] included from another level   [own] the role's own statement")
    out.append("[adapted] a framework statement reworded by the school")
    return "\n".join(out) + "\n"


def standard_json(pack: StandardsPack, std: Standard) -> dict[str, Any]:
    """One standard as JSON: id, name, core, url, summary, roles, crosswalk and level duties."""
    return {
        "id": std.id,
        "name": std.name,
        "core": std.core,
        "url": std.url,
        "summary": std.summary,
        "pack": pack.name,
        "skills": list(std.skills),
        "responsibilities": [
            {"id": r.id, "text": r.text, "responsible": r.responsible, "supports": list(r.supports),
             **({"from_level": r.from_level} if r.from_level else {})}
            for r in std.responsibilities
        ],
        "levels": {lv: {"duty": c.duty, "criterion": c.criterion} for lv, c in std.levels.items()},
    }


def standards_text(pack: StandardsPack) -> str:
    """The pack's standards, one per line with its address, at 80 columns."""
    out = [pack.name, "=" * min(WIDTH, len(pack.name))]
    out += wrap(f"Summarised for ictroles from guidance by the {pack.publisher} (read "
                f"{pack.read_on.isoformat()}); not part of the ICT Competences Framework.")
    out.append(pack.source)
    out.append("")
    width = max(len(s.id) for s in pack.standards)
    for std in pack.standards:
        out.append(f"{std.id:<{width}}  {'core' if std.core else '    '}  {std.name}")
        out.append(f"{'':<{width}}        {std.url}")
    out.append("")
    out += wrap("core: to be met by 2030. `ictroles standards --standard ID` shows one with its "
                "duties at each level.")
    return "\n".join(out) + "\n"


def standard_text(pack: StandardsPack, std: Standard, framework: Framework) -> str:
    """One standard: summary, who is responsible, the skills it extends, its duties per level."""
    out = [std.name, "=" * min(WIDTH, len(std.name))]
    out += wrap(f"{pack.name}; {'a core standard, to be met by 2030' if std.core else 'not a core standard'}.")
    out.append(std.url)
    out.append("")
    out += wrap(std.summary)
    out.append("")
    out.append("WHO DOES WHAT")
    for r in std.responsibilities:
        who = pack.party_name(r.responsible)
        helpers = ", ".join(pack.party_name(p) for p in r.supports)
        from_level = f" (technicians from level {r.from_level})" if r.from_level else ""
        out += wrap(f"- {r.text} Responsible: {who}" + (f"; supported by {helpers}" if helpers else "")
                    + f"{from_level}.", "  ", "    ")
    out.append("")
    names = [framework.skills_by_id[s].name if s in framework.skills_by_id else s for s in std.skills]
    out += wrap("Extends the framework skills: " + ", ".join(names) + ".")
    for lv, cell in std.levels.items():
        out.append("")
        out.append(f"Level {lv}")
        out += wrap("Duty: " + cell.duty, "  ", "        ")
        out += wrap("Criterion: " + cell.criterion, "  ", "             ")
    out.append("")
    out += wrap("Summary and duties written for ictroles from the guidance, not quoted from it.")
    return "\n".join(out) + "\n"
