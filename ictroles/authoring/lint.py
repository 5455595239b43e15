"""Lint a resolved role for what would embarrass a school in a published advert.

Each rule gives a :class:`Finding` with a severity, the statement id or field it concerns, a
message and a suggestion. The rules and the word list are documented in docs/lint.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ictroles.core.errors import IctrolesError, InvalidInputError, Problem, printable
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework
from ictroles.framework.overlay import Overlay
from ictroles.framework.standards import StandardsPack, load_standards
from ictroles.roles.discovery import Skipped, role_files
from ictroles.roles.resolve import ResolvedRole, files_summary, resolve_data
from ictroles.roles.spec import load_role_data

Severity = Literal["error", "warning"]

MAX_SENTENCE_WORDS = 35
MAX_NATIVE_SPREAD = 3


@dataclass(frozen=True)
class Finding:
    """One problem lint found: how serious, where (statement id or field), what, and a fix."""

    severity: Severity
    rule: str
    where: str  # a statement id (DA.B.E2) or a role-file field (closing_date)
    message: str
    suggestion: str
    file: Path | None = None  # where the field (or the skill bringing in the statement) is written
    line: int | None = None

    def located(self, role_file: Path) -> str:
        """``FILE:LINE: severity: where: message``, as lint and build print it."""
        at = f"{self.file or role_file}:{self.line}" if self.line else str(role_file)
        return printable(f"{at}: {self.severity}: {self.where}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        """The finding as plain data for JSON output."""
        data = asdict(self)
        data["file"] = str(self.file) if self.file else None
        return data


@dataclass(frozen=True)
class WordingRule:
    """A gendered or exclusionary phrase, why it matters and what to write instead."""

    phrases: tuple[str, ...]
    severity: Severity
    reason: str
    suggestion: str


# The documented list (docs/lint.md). Phrases match as whole words, ignoring case. Kept short
# on purpose: each entry is wording that excludes candidates or could breach the Equality Act
# 2010, not a general style checker, so the framework's own vocabulary never matches.
WORDING_RULES: tuple[WordingRule, ...] = (
    WordingRule(("he/she", "she/he", "s/he", "he or she", "his/her", "his or her", "him/her"),
                "warning", "pairs of gendered pronouns leave out people who use neither",
                "address the candidate as 'you', or use 'they'"),
    WordingRule(("manpower", "man-hours", "man hours"), "error", "gendered wording",
                "use 'staff', 'staffing' or 'hours of work'"),
    WordingRule(("salesman", "workman", "handyman", "repairman", "strong man", "manned", "unmanned"),
                "error", "implies the post is for a man",
                "use a neutral word: 'sales person', 'worker', 'caretaker', 'technician', 'staffed'"),
    WordingRule(("chairman", "foreman"), "warning", "gendered title",
                "use 'chair' (e.g. 'Chair of Governors') or 'supervisor'"),
    WordingRule(("young and energetic", "young and dynamic", "young team", "youthful", "recent graduate",
                 "recent graduates", "digital native", "digital natives"), "error",
                "suggests an age preference (age is a protected characteristic)",
                "describe the skills or the energy the work needs, not the person's age"),
    WordingRule(("native English speaker", "native speaker", "mother tongue", "English as a first language"),
                "error", "excludes people by national or ethnic origin",
                "state the level of English the work needs, e.g. 'fluent spoken English'"),
    WordingRule(("able-bodied", "able bodied", "physically fit", "clean bill of health"),
                "error", "excludes disabled candidates",
                "describe the task ('lift and carry equipment up to 15 kg, with reasonable adjustments')"),
    WordingRule(("girl Friday", "right-hand man", "right hand man", "housewife", "housewives"),
                "error", "gendered wording", "describe the duties instead"),
)

# Words of the framework's own vocabulary that must never be flagged by a word rule, even
# though style checkers elsewhere list them (e.g. gender-coded word lists include 'compet-',
# 'analy-' and 'active').
ALLOWED_WORDS = frozenset({"competences", "competence", "competent", "analyse", "analysis", "actively", "active"})


def lint_role(role: ResolvedRole, overlay: Overlay, today: dt.date | None = None,
              original_wording: bool = False) -> list[Finding]:
    """Every finding for one role, errors first, then in the order of the document.

    The documents use the modern-wording overlay unless ``original_wording``: only then are
    dated framework statements findings. A standard role (``standard: true``, a template
    schools extend) has no advert, so the advert rules are skipped.
    """
    today = today or dt.date.today()
    findings = [
        *_structure(role),
        *([] if role.spec.standard else _advert_essentials(role, today)),
        *_outdated_terms(role, overlay, original_wording),
        *_plain_language(role),
        *_wording(role),
        *_standards(role),
    ]
    return sorted(findings, key=lambda f: f.severity != "error")


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def locate_findings(findings: list[Finding], role: ResolvedRole, smap: SourceMap) -> list[Finding]:
    """Each finding with the file and line it concerns, where the role file writes it.

    A field's own line; for a statement, the line of the skill that brings it in. A finding
    about something the file leaves out (no salary, say) has no line.
    """
    skill_of = {st.id: skill.id for skill in role.skills
                for st in (*skill.activities, *skill.knowledge, *skill.examples, *skill.next_level_knowledge)}
    located = []
    for finding in findings:
        if finding.where in skill_of:
            path: tuple[str | int, ...] = ("skills", skill_of[finding.where])
        else:
            path = tuple(int(i) if i else name for name, i in _PART.findall(finding.where))
        where = smap.lines.get(path)
        located.append(replace(finding, file=where[0], line=where[1]) if where else finding)
    return located


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is error-level (lint then exits 1)."""
    return any(f.severity == "error" for f in findings)


@dataclass(frozen=True)
class LintReport:
    """What lint found in one role file: the problems that make it invalid, or its findings."""

    path: Path
    role: ResolvedRole | None
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def valid(self) -> bool:
        """True when the file could be read and resolved."""
        return self.role is not None

    @property
    def has_errors(self) -> bool:
        """True when the file is invalid or any finding is an error."""
        return not self.valid or has_errors(list(self.findings))

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data for JSON output."""
        if not self.valid:
            return {"file": str(self.path), "valid": False, "problems": [str(p) for p in self.problems]}
        return {"file": str(self.path), "valid": True, "findings": [f.as_dict() for f in self.findings]}


def lint_file(path: Path, framework: Framework, overlay: Overlay, today: dt.date | None = None,
              original_wording: bool = False, standards: StandardsPack | None = None) -> LintReport:
    """Read, resolve and lint one role file; findings located at the lines that write them."""
    try:
        data, smap = load_role_data(path)  # read once: the map also locates findings
        role = resolve_data(data, smap, path, framework, standards)
    except InvalidInputError as exc:
        return LintReport(path, None, problems=tuple(exc.problems))
    except IctrolesError as exc:
        return LintReport(path, None, problems=(Problem(path, None, "", str(exc)),))
    findings = locate_findings(lint_role(role, overlay, today, original_wording), role, smap)
    return LintReport(path, role, findings=tuple(findings))


@dataclass(frozen=True)
class LintRun:
    """Lint over files and folders: one report per role file, and what was not found or skipped."""

    reports: tuple[LintReport, ...]
    missing: tuple[Problem, ...]
    skipped: tuple[Skipped, ...]

    @property
    def has_errors(self) -> bool:
        """True when an input was not found, a file is invalid or any finding is an error."""
        return bool(self.missing) or any(r.has_errors for r in self.reports)

    def counts(self) -> dict[str, int]:
        """Files without findings, with warnings only, with errors, and invalid."""
        invalid = sum(not r.valid for r in self.reports)
        errors = sum(r.valid and r.has_errors for r in self.reports)
        clean = sum(r.valid and not r.findings for r in self.reports)
        return {"files": len(self.reports), "no_findings": clean,
                "warnings_only": len(self.reports) - clean - errors - invalid,
                "with_errors": errors, "invalid": invalid}

    @property
    def summary(self) -> str:
        """``12 files: 7 without findings, 2 with warnings only, 2 with errors, 1 invalid``."""
        c = self.counts()
        return files_summary(c["files"], f"{c['no_findings']} without findings, {c['warnings_only']} with "
                             f"warnings only, {c['with_errors']} with errors, {c['invalid']} invalid",
                             self.missing, self.skipped)

    def as_dict(self) -> dict[str, Any]:
        """The run as plain data for JSON output."""
        return {"files": [r.as_dict() for r in self.reports],
                "not_found": [str(p) for p in self.missing],
                "skipped": [{"file": str(s.path), "kind": s.kind, "note": s.note} for s in self.skipped],
                "summary": {**self.counts(), "text": self.summary}}


def lint_files(inputs: Iterable[Path], framework: Framework, overlay: Overlay, today: dt.date | None = None,
               original_wording: bool = False, standards: StandardsPack | None = None) -> LintRun:
    """Lint every role file named by ``inputs`` (files or folders, found as build finds them)."""
    skipped: list[Skipped] = []
    files, missing = role_files(inputs, on_skip=skipped.append)
    reports = tuple(lint_file(path, framework, overlay, today, original_wording, standards) for path in files)
    return LintRun(reports, tuple(missing), tuple(skipped))


# A technician who looks after the network is where a school in England expects the
# technical part of these DfE standards to sit (Keeping Children Safe in Education names the
# IT service provider for filtering and monitoring).
NETWORK_SKILL = "server-network-support"
NETWORK_STANDARDS = ("filtering-monitoring", "cyber-security")


def _standards(role: ResolvedRole) -> Iterator[Finding]:
    """England network roles without the filtering, monitoring and cyber security standards;
    a Welsh role given England's standards."""
    pack = role.standards_pack
    country = role.spec.safer_recruitment
    if pack is not None and pack.country != country and role.standards:
        yield Finding("warning", "standards-country", "standards",
                      f"the {pack.name} apply in {pack.country.title()}, but this role follows "
                      f"{country.title()}'s safer recruitment rules",
                      "remove 'standards:', or give a pack for the role's nation with --standards-pack")
        return
    skill = role.skill(NETWORK_SKILL)
    if country != "england" or skill is None or role.framework.level_index(skill.native_level) < 1:
        return
    if pack is None:
        try:
            pack = load_standards(role.framework)
        except IctrolesError:  # a revised framework the bundled pack does not fit
            return
    if pack.country != "england":
        return
    taken = {s.id for s in role.standards}
    missing = [sid for sid in NETWORK_STANDARDS if sid in pack.by_id and sid not in taken]
    if not missing:
        return
    names = " and ".join(pack.by_id[sid].name.lower().removesuffix(" standards") for sid in missing)
    example = ", ".join(f"{sid}: {skill.native_level}" for sid in missing)
    yield Finding(
        "warning", "standards-uncovered", "standards" if role.spec.standards else NETWORK_SKILL,
        f"the post supports the school's network at level {skill.level} but does not take on the "
        f"DfE {names} standards (England); governors will ask who holds them",
        f"add 'standards: {{{example}}}' (see `ictroles standards --standard {missing[0]}`), or record "
        "that the provider holds them with `ictroles coverage --standards`",
    )


def _structure(role: ResolvedRole) -> Iterator[Finding]:
    if not role.skills:
        yield Finding("error", "no-skills", "skills",
                      "the role has no skills, so the job description would have no duties",
                      "choose a level for at least one skill under 'skills:' (`ictroles framework` lists them)")
        return
    spread = role.level_spread()
    if spread and spread.span > MAX_NATIVE_SPREAD:
        lowest = ", ".join(sk.id for sk in spread.lowest)
        highest = ", ".join(sk.id for sk in spread.highest)
        yield Finding(
            "warning", "level-spread", "skills",
            f"the skills span framework levels {spread.low} to {spread.high}, more than "
            f"{MAX_NATIVE_SPREAD} consecutive levels (lowest: {lowest}; highest: {highest})",
            "a post usually sits within three adjacent levels; check the outliers or split the role",
        )
    for skill in role.skills:
        own_duty = skill.duty is not None and not skill.duty_sources
        if skill.knowledge and not skill.activities and not own_duty:
            if skill.duty_sources:  # the concise duty describes the Activities the role left out
                message = (f"{skill.name} has no Activities left, yet its duty in the job description "
                           "is written from them")
                fix = f"write the post's own duty under skills.{skill.id}.duty, or include an activity"
            else:
                message = (f"{skill.name} has Knowledge but no Activities, so it adds a criterion to "
                           "the person specification but no duties to the job description")
                fix = f"include an activity of {skill.id} or remove the skill"
            yield Finding("warning", "knowledge-without-activities", skill.knowledge[0].id, message, fix)


def _advert_essentials(role: ResolvedRole, today: dt.date) -> Iterator[Finding]:
    spec = role.spec
    salary = spec.salary
    if salary is None or (salary.fte is None and not salary.scale):
        yield Finding("error", "advert-essentials", "salary", "the advert has no salary",
                      "add 'salary: {fte: 26409}' (the full-time equivalent a year) and the pay scale")
    if spec.hours_per_week is None:
        yield Finding("error", "advert-essentials", "hours_per_week", "the advert has no hours",
                      f"add 'hours_per_week: {spec.full_time_hours:g}' (or the post's hours)")
    if spec.contract is None:
        yield Finding("error", "advert-essentials", "contract", "the advert has no contract type",
                      "add 'contract: permanent' (or fixed-term, casual)")
    if spec.closing_date is None:
        yield Finding("error", "advert-essentials", "closing_date", "the advert has no closing date",
                      "add 'closing_date: YYYY-MM-DD'")
    elif spec.closing_date < today:
        yield Finding("warning", "closing-date-passed", "closing_date",
                      f"the closing date {spec.closing_date.isoformat()} has passed",
                      "set a new closing date before publishing the advert")
    if spec.interview_date and spec.closing_date and spec.interview_date < spec.closing_date:
        yield Finding("warning", "interview-before-closing", "interview_date",
                      "the interview date is before the closing date",
                      "check both dates")
    pay = role.pay
    if pay is not None and pay.pro_rata and pay.actual_from is None:
        kind = "term-time" if (pay.weeks_worked or 52.143) < 52 else "part-time"
        if pay.fte_from is None:
            fix = "add 'salary: {fte: ...}' so ictroles can work out the actual pay"
        else:
            fix = ("add 'paid_weeks:' (weeks worked plus paid holidays and bank holidays, e.g. 44.2 "
                   "for 39 weeks) so ictroles can work out the actual pay")
        yield Finding("error", "actual-pay", "paid_weeks" if pay.fte_from is not None else "salary",
                      f"a {kind} post must show the actual pay, not only the full-time equivalent",
                      fix)


def _outdated_terms(role: ResolvedRole, overlay: Overlay, original_wording: bool) -> Iterator[Finding]:
    seen: set[str] = set()
    chosen = role.all_statements()
    chosen_ids = {st.id for st in chosen}
    statements = [*chosen, *(st for s in role.skills for st in s.next_level_knowledge)]
    for st in statements:
        if st.adapted or st.id in seen:
            continue
        seen.add(st.id)
        found = overlay.entry_for(st) if original_wording else None
        if found is not None:
            _, entry = found
            terms = ", ".join(f"'{t}'" for t in entry.terms)
            where = "" if st.id in chosen_ids else " (next level's Knowledge, in the person specification)"
            yield Finding("warning", "outdated-term", st.id,
                          f"{terms} {'is' if len(entry.terms) == 1 else 'are'} dated{where}: {entry.note}",
                          f"modern wording: \"{entry.wording}\" (used unless --original-wording; "
                          f"or exclude {st.id})")
        elif st.origin == "custom":
            yield from _terms_in_text(overlay, st.id, st.text)
    for field, text in _free_text(role):
        yield from _terms_in_text(overlay, field, text)


def _terms_in_text(overlay: Overlay, where: str, text: str) -> Iterator[Finding]:
    for word, rule in overlay.find_terms(text):
        yield Finding("warning", "outdated-term", where, f"'{word}' is dated", f"write about {rule.suggestion}")


def _free_text(role: ResolvedRole) -> list[tuple[str, str]]:
    """Text the school wrote itself (not framework statements), by field."""
    spec = role.spec
    out = [(name, getattr(spec, name)) for name in
           ("title", "purpose", "about_school", "how_to_apply", "contract_note", "start_date", "grade")]
    out += [(f"additional_duties[{i}]", t) for i, t in enumerate(spec.additional_duties)]
    out += [(f"person_spec.add[{i}]", c.text) for i, c in enumerate(spec.person_spec.add)]
    out += [(f"person_spec.criteria.{k}", c.text) for k, c in spec.person_spec.criteria.items() if c.text]
    for sid, choice in spec.skills.items():  # the role's own words for a skill's duty, criterion, task
        out += [(f"skills.{sid}.{name}", getattr(choice, name)) for name in ("duty", "criterion", "task")]
    return [(k, v) for k, v in out if v]


def _plain_language(role: ResolvedRole) -> Iterator[Finding]:
    texts = [(st.id, st.text) for st in role.all_statements() if st.origin == "custom"]
    texts += [(k, v) for k, v in _free_text(role)
              if k in ("purpose", "about_school") or k.startswith("additional_duties")]
    for where, text in texts:
        for sentence in _sentences(text):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                start = " ".join(sentence.split()[:8])
                yield Finding("warning", "long-sentence", where,
                              f"a sentence of {words} words (\"{start}...\") is hard to read",
                              f"split it into sentences of at most {MAX_SENTENCE_WORDS} words")


def _sentences(text: str) -> list[str]:
    # A full stop, ! or ? followed by space ends a sentence; "e.g. " and "i.e. " do not.
    protected = re.sub(r"\b(e\.g|i\.e|etc|approx|no|Mr|Mrs|Ms|Dr)\.", lambda m: m.group(0).replace(".", "\0"), text)
    return [s.replace("\0", ".").strip() for s in re.split(r"(?<=[.!?])\s+", protected) if s.strip()]


def _wording(role: ResolvedRole) -> Iterator[Finding]:
    texts = [(st.id, st.text) for st in role.all_statements() if st.origin == "custom"]
    texts += _free_text(role)
    texts += [(f"working_relationships[{i}]", t) for i, t in enumerate(role.spec.working_relationships)]
    for where, text in texts:
        for word, rule in find_wording(text):
            yield Finding(rule.severity, "exclusionary-wording", where,
                          f"'{word}': {rule.reason}", rule.suggestion)


def find_wording(text: str) -> list[tuple[str, WordingRule]]:
    """Gendered or exclusionary phrases in text, longest phrase first where they overlap."""
    found: list[tuple[int, int, str, WordingRule]] = []
    for rule in WORDING_RULES:
        for phrase in rule.phrases:
            if phrase.lower() in ALLOWED_WORDS:
                continue
            pattern = r"(?<![\w/-])" + r"\s+".join(re.escape(p) for p in phrase.split()) + r"(?![\w/-])"
            for m in re.finditer(pattern, text, re.IGNORECASE):
                found.append((m.start(), m.end(), m.group(0), rule))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, WordingRule]] = []
    for item in found:
        if not any(item[0] < k[1] and k[0] < item[1] for k in kept):
            kept.append(item)
    return [(word, rule) for _, _, word, rule in kept]
