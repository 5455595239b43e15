"""Building role packs: many role files -> documents, one role at a time or in parallel.

One bad role file never stops a batch: its problems are reported and the others are built.
A batch of several schools' roles writes each school's pack into its own folder, named after
the role's school and title (``OUT/<school>/<title>-...``); one role, or one school's roles,
are written flat and named after their files (:func:`plan_jobs`).
A build holds a lock on its output folder (a second build into it fails at once), a role's
files appear together or not at all (``ictroles.core.files.all_or_nothing``), and existing
files are only replaced with ``force``. A worker process that dies costs only the role it
was building.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ictroles.authoring.lint import lint_file
from ictroles.core.errors import IctrolesError, InvalidInputError, OutputError, ToolMissingError
from ictroles.core.files import all_or_nothing, folder_lock, remove_part_files
from ictroles.framework.competences import load_framework
from ictroles.framework.overlay import Overlay, load_overlay
from ictroles.framework.standards import load_standards
from ictroles.renderers.outputs import DEFAULT_KINDS, OUTPUTS, WORD_KINDS, RenderOptions
from ictroles.renderers.wording import unknown_templates_note
from ictroles.roles.discovery import role_files
from ictroles.roles.modernise import modernise_role
from ictroles.roles.resolve import ResolvedRole, slugify


@dataclass(frozen=True)
class BuildSettings:
    """What to build and how; the same for every role of a batch."""

    out_dir: Path
    kinds: tuple[str, ...] = DEFAULT_KINDS
    options: RenderOptions = field(default_factory=RenderOptions)
    force: bool = False
    pdf: bool = False
    original_wording: bool = False  # the framework's 2005 text instead of the modern wording
    draft: bool = False  # write roles that lint finds errors in, marked DRAFT
    framework_path: Path | None = None
    standards_path: Path | None = None  # another standards pack instead of the DfE's
    layout: str = "auto"  # "flat", "per-school", or "auto": per school when the batch has several


LAYOUTS = ("auto", "flat", "per-school")


@dataclass(frozen=True)
class RoleJob:
    """One role file to build, with the folder and unique slug its outputs are named after."""

    role_file: Path
    slug: str
    folder: Path  # the output folder, or the school's folder in it
    school: str | None = None


@dataclass(frozen=True)
class BuildResult:
    """What building one role produced: the files written, or the problem that stopped it."""

    role_file: Path
    written: tuple[Path, ...] = ()
    error: str | None = None
    note: str | None = None  # advice that does not stop the build
    school: str | None = None
    folder: Path | None = None  # where its documents go (the school's folder in a per-school build)

    @property
    def ok(self) -> bool:
        """True when the role was built completely."""
        return self.error is None


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """``"jd,advert"`` -> ``("jd", "advert")``, checked against the known outputs."""
    if text is None:
        return DEFAULT_KINDS
    kinds = tuple(dict.fromkeys(k.strip().lower() for k in text.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in OUTPUTS]
    if unknown or not kinds:
        raise IctrolesError(
            f"unknown output '{', '.join(unknown) or text}'; choose from "
            + ", ".join(OUTPUTS)
        )
    return kinds


@dataclass(frozen=True)
class _Planned:
    """What naming a role's outputs needs from its file: its school and title, if it reads."""

    path: Path
    school: str | None
    title: str | None


def _read_names(path: Path) -> _Planned:
    """The school and title a role file (with what it extends) gives; None for what it lacks.

    A file that does not read is still planned (under its file name), so that building it
    reports its problems like any other.
    """
    from ictroles.roles.spec import load_role_data

    try:
        data, _ = load_role_data(path)
    except IctrolesError:
        return _Planned(path, None, None)
    school, title = data.get("school"), data.get("title")
    return _Planned(path, school.strip() if isinstance(school, str) and school.strip() else None,
                    title.strip() if isinstance(title, str) and title.strip() else None)


def per_school_layout(planned: list[_Planned], layout: str) -> bool:
    """True when outputs go into one folder per school: asked for, or a batch of several schools."""
    if layout != "auto":
        return layout == "per-school"
    return len({slugify(p.school) for p in planned if p.school}) > 1


def plan_jobs(role_files: list[Path], out_dir: Path = Path("."),
              layout: str = "flat") -> tuple[list[RoleJob], list[BuildResult]]:
    """Name each role's outputs from its own file; roles whose names collide are not built.

    Flat, a slug is the role file's name; per school, it is the role's title, in a folder
    named after its school (a role with no school, such as an authority's standard role, is
    written at the top of the output folder). Either way a name depends on its file alone,
    so adding a file to a batch never renames the outputs of the files already there (as
    long as the layout stays the same). Two roles with one name would overwrite each
    other's documents: both are refused, each message naming the other file.
    """
    planned = [_read_names(path) for path in role_files]
    per_school = per_school_layout(planned, layout)
    by_name: dict[tuple[Path, str], list[_Planned]] = {}
    for item in planned:
        if per_school and item.title:
            folder = out_dir / slugify(item.school) if item.school else out_dir
            slug = slugify(item.title)
        else:
            folder, slug = out_dir, slugify(item.path.stem)
        by_name.setdefault((folder, slug), []).append(item)
    jobs, refused = [], []
    for (folder, slug), items in by_name.items():
        if len(items) == 1:
            jobs.append(RoleJob(items[0].path, slug, folder, items[0].school))
            continue
        shown = f"{folder.relative_to(out_dir)}/{slug}-..." if folder != out_dir else f"{slug}-..."
        fix = (f"give one of them another title ({items[0].school or 'roles without a school'} "
               "has two posts with one title)") if per_school and items[0].title else "rename one of the files"
        for item in items:
            others = " and ".join(str(p.path) for p in items if p is not item)
            refused.append(BuildResult(item.path, (), f"{item.path}: not built: {others} would write the same "
                                       f"documents ({shown}); {fix}", school=item.school, folder=folder))
    order = {path: i for i, path in enumerate(role_files)}
    jobs.sort(key=lambda job: order[job.role_file])
    return jobs, refused


def planned_paths(job: RoleJob, settings: BuildSettings) -> list[Path]:
    """Every file a job writes (PDFs included when asked for)."""
    paths = []
    for kind in settings.kinds:
        for path in OUTPUTS[kind].paths(job.folder, job.slug):
            paths.append(path)
            if settings.pdf and path.suffix in (".docx", ".xlsx"):
                paths.append(path.with_suffix(".pdf"))
    return paths


def create_output_dir(out: Path) -> None:
    """Create the output folder, or say why it cannot be used."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder; give a folder with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror or exc})") from None
    if not os.access(out, os.W_OK):
        raise OutputError(f"{out}: cannot write in this folder (permission denied); choose another with -o")


def check_output_files(settings: BuildSettings, jobs: list[RoleJob]) -> None:
    """Refuse to write over a folder, or over existing files unless forced (run under the lock)."""
    files_in_the_way = [job.folder for job in jobs if job.folder.exists() and not job.folder.is_dir()]
    if files_in_the_way:
        raise OutputError(f"{files_in_the_way[0]}: is a file where a school's folder should be made; "
                          "rename or move it")
    folders = [p for job in jobs for p in planned_paths(job, settings) if p.is_dir()]
    if folders:
        raise OutputError(f"{folders[0]}: is a folder where a document should be written; rename or move it")
    if settings.force:
        return
    existing = [p for job in jobs for p in planned_paths(job, settings) if p.exists()]
    if existing:
        shown = "\n  ".join(str(p) for p in existing[:10])
        more = f"\n  ... and {len(existing) - 10} more" if len(existing) > 10 else ""
        raise OutputError(
            f"these files already exist; use --force to replace them:\n  {shown}{more}"
        )


# What remove_part_files may remove: the temporary files of the documents a build writes.
OUTPUT_SUFFIXES = tuple(
    s for o in OUTPUTS.values() for s in (o.suffix, *o.extra_suffixes, o.suffix.rsplit(".", 1)[0] + ".pdf")
)


# What only a post to fill has: a standard role (standard: true) is a template for schools.
ADVERT_KINDS = ("advert", "advert-web", "interview", "listing")


def build_role(job: RoleJob, settings: BuildSettings) -> BuildResult:
    """Build every requested document for one role; never raises for a user's mistake.

    The publishing gate: lint runs first, and a role with an error-level finding is not
    written (its findings are the result's error) unless ``settings.draft``, which writes it
    with DRAFT in every document and the findings listed. Warnings never block.
    """
    written: list[Path] = []
    notes: list[str] = []
    try:
        framework = load_framework(settings.framework_path)
        standards = load_standards(framework, settings.standards_path) if settings.standards_path else None
        overlay = load_overlay()
        report = lint_file(job.role_file, framework, overlay, settings.options.today, settings.original_wording,
                           standards)
        if report.role is None:
            raise InvalidInputError(list(report.problems))
        errors = [f for f in report.findings if f.severity == "error"]
        if errors and not settings.draft:
            return BuildResult(job.role_file, (), "\n".join(
                [*(f.located(job.role_file) for f in errors), f"{job.role_file}: not built: fix the errors above (`ictroles lint` suggests how), "
                 "or build with --draft"]))
        role = replace(report.role, slug=job.slug)
        if settings.original_wording:
            note = _dated_wording_note(job.role_file, role, overlay)
            if note:
                notes.append(note)
        else:
            role = modernise_role(role, overlay)
        options = settings.options
        if errors:
            options = replace(options, draft_notes=tuple(f"{f.where}: {f.message}" for f in errors))
            notes.append(f"{job.role_file}: written as a DRAFT: {len(errors)} error(s) to fix before publishing")
        if options.templates_dir is None and role.spec.templates:
            options = replace(options, templates_dir=Path(role.spec.templates))
        templates_note = unknown_templates_note(options.templates_dir)
        if templates_note:
            notes.append(templates_note)
        if options.letterhead is None and role.spec.letterhead:
            options = replace(options, letterhead=Path(role.spec.letterhead))
        kinds = settings.kinds
        if options.letterhead is not None and set(WORD_KINDS) & set(kinds):
            from ictroles.renderers.word.common import letterhead_names_another_school, letterhead_note

            if settings.options.letterhead is None:  # the role's own; --letterhead is noted once, by run_build
                empty = letterhead_note(options.letterhead)
                if empty:
                    notes.append(f"{job.role_file}: {empty}")

            other = letterhead_names_another_school(options.letterhead, role.spec.school)
            if other:
                notes.append(f"{job.role_file}: warning: the letterhead names \u201c{other}\u201d, not "
                             f"{role.spec.school}; check it is this school's letterhead")
        if role.spec.standard and set(kinds) & set(ADVERT_KINDS):
            kinds = tuple(k for k in kinds if k not in ADVERT_KINDS)
            notes.append(f"{job.role_file}: a standard role (standard: true) has no advert or interview pack; "
                         "the schools that extend it advertise their own posts")
        with all_or_nothing():  # the role's documents appear together, or none does
            done = _render_outputs(role, job, replace(settings, kinds=kinds), options)
        written.extend(done)
        if settings.pdf:  # converted from the documents in place, so once they are there
            from ictroles.renderers.pdf import convert_all_to_pdf

            written.extend(convert_all_to_pdf([p for p in written if p.suffix in (".docx", ".xlsx")]))
    except InvalidInputError as exc:
        return BuildResult(job.role_file, tuple(written), "\n".join(str(p) for p in exc.problems))
    except ToolMissingError as exc:
        return BuildResult(job.role_file, tuple(written), str(exc))
    except IctrolesError as exc:
        return BuildResult(job.role_file, tuple(written), f"{job.role_file}: {exc}")
    except Exception as exc:  # a bug must not stop the other roles of a batch
        return BuildResult(
            job.role_file, tuple(written),
            f"{job.role_file}: unexpected error ({type(exc).__name__}: {exc}); please report it",
        )
    return BuildResult(job.role_file, tuple(written), note="\n".join(notes) or None)


def _render_outputs(role: ResolvedRole, job: RoleJob, settings: BuildSettings,
                    options: RenderOptions) -> list[Path]:
    """Render each requested output; return the files written."""
    written: list[Path] = []
    slug = job.slug
    for kind in settings.kinds:
        output = OUTPUTS[kind]
        paths = output.paths(job.folder, slug)
        output.load()(role, paths[0], options)
        written.extend(paths)
        if os.environ.get("ICTROLES_TEST_KILL_WORKER") == slug and multiprocessing.parent_process():
            os.kill(os.getpid(), signal.SIGKILL)  # test-only: tests/test_hardening_batch.py kills a worker mid-pack
    return written


def _dated_wording_note(role_file: Path, role: ResolvedRole, overlay: Overlay) -> str | None:
    """A hint when framework statements in the documents use dated wording (2005 technology)."""
    dated = [st.id for st in role.all_statements() if overlay.entry_for(st)]
    if not dated:
        return None
    shown = ", ".join(dated[:4]) + (", ..." if len(dated) > 4 else "")
    return (f"{role_file}: note: {len(dated)} statement(s) use dated 2005 wording ({shown}); "
            "without --original-wording the documents use current wording")


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the batch in the main process


def build_roles(jobs: list[RoleJob], settings: BuildSettings, workers: int = 1) -> Iterator[BuildResult]:
    """Build jobs, in parallel when ``workers`` > 1; results come in the jobs' order.

    A worker process that dies (killed, out of memory) fails only the role it was building;
    pebble starts a new worker for the rest. Leaving early (Ctrl-C) stops every worker.
    """
    for kind in settings.kinds:
        OUTPUTS[kind].load()  # once here, so forked workers start with the renderers imported
    for job, result in zip(jobs, _build_all(jobs, settings, workers)):
        yield replace(result, school=job.school, folder=job.folder)


def _build_all(jobs: list[RoleJob], settings: BuildSettings, workers: int) -> Iterator[BuildResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield build_role(job, settings)
        return
    # On Linux, load the framework once here and fork the workers from this warm process;
    # elsewhere workers are spawned and import for themselves.
    # Workers keep nothing between roles, so memory stays flat without recycling them.
    from pebble import ProcessExpired, ProcessPool

    context = None
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        load_framework(settings.framework_path)
    pool = ProcessPool(max_workers=workers, context=context, initializer=_ignore_sigint)
    try:
        futures = [pool.schedule(build_role, args=(job, settings)) for job in jobs]
        for job, future in zip(jobs, futures):
            try:
                yield future.result()
            except ProcessExpired:
                yield BuildResult(job.role_file, (), f"{job.role_file}: not built: the worker building it "
                                  "stopped unexpectedly (killed? out of memory?)")
            except Exception as exc:  # e.g. a result that cannot be sent back: a bug
                yield BuildResult(job.role_file, (), f"{job.role_file}: unexpected error "
                                  f"({type(exc).__name__}: {exc}); please report it")
        pool.close()
    finally:
        pool.stop()  # at once on Ctrl-C or an abandoned iterator; a no-op after close
        pool.join()


@dataclass(frozen=True)
class SchoolSummary:
    """What a per-school build wrote for one school's folder."""

    school: str  # as the role files name it
    folder: Path
    built: int  # roles built
    files: int  # files written
    failed: tuple[Path, ...]  # role files not built


@dataclass(frozen=True)
class BuildReport:
    """One result per role file, and whether PDFs were asked for but cannot be made here."""

    results: list[BuildResult]
    pdf_missing: bool = False
    out_dir: Path | None = None
    notes: tuple[str, ...] = ()  # advice about the inputs every role shares (said once)

    @property
    def failed(self) -> list[BuildResult]:
        """The roles that were not built completely."""
        return [r for r in self.results if not r.ok]

    def schools(self) -> list[SchoolSummary]:
        """Per school folder, what was written; empty unless the build was per school."""
        if self.out_dir is None or not any(r.folder not in (None, self.out_dir) for r in self.results):
            return []
        groups: dict[Path, list[BuildResult]] = {}
        for result in self.results:
            groups.setdefault(result.folder or self.out_dir, []).append(result)
        return [SchoolSummary(
            school=next((r.school for r in results if r.school), "(no school)"),
            folder=folder,
            built=sum(r.ok for r in results),
            files=sum(len(r.written) for r in results),
            failed=tuple(r.role_file for r in results if not r.ok),
        ) for folder, results in sorted(groups.items(), key=lambda item: (item[0] != self.out_dir, item[0]))]


def check_shared_inputs(settings: BuildSettings) -> list[str]:
    """Check the inputs every role of a batch shares once, before any role is built; advice about them."""
    options = settings.options
    notes = []
    if options.letterhead is not None:
        # Opened even when no Word document is asked for: a wrong --letterhead is still a mistake.
        # A .doc is converted here, once, before the workers are forked.
        from ictroles.renderers.word.common import letterhead_note, open_docx

        open_docx(options.letterhead, None, what="letterhead")
        note = letterhead_note(options.letterhead) if set(WORD_KINDS) & set(settings.kinds) else None
        if note:
            notes.append(note)
    if options.templates_dir is not None and not options.templates_dir.is_dir():
        raise IctrolesError(f"{options.templates_dir}: templates folder not found")
    return notes


def run_build(
    role_paths: Iterable[Path],
    settings: BuildSettings,
    workers: int = 1,
    progress: Callable[[Iterator[BuildResult], int], Iterator[BuildResult]] | None = None,
) -> BuildReport:
    """Expand paths, check inputs and outputs, build everything; one result per role file.

    Without LibreOffice, ``pdf`` is dropped and the documents are still built; the report
    says so once (not once per role). School folders are made under the lock and removed
    again when nothing was written into them.
    """
    notes = check_shared_inputs(settings)
    pdf_missing = False
    if settings.pdf:
        from ictroles.renderers.pdf import find_soffice

        pdf_missing = find_soffice() is None
        settings = replace(settings, pdf=not pdf_missing)
    files, problems = role_files(role_paths)
    if problems and not files:
        raise InvalidInputError(problems)
    jobs, refused = plan_jobs(files, settings.out_dir, settings.layout)
    create_output_dir(settings.out_dir)
    folders = list(dict.fromkeys([settings.out_dir, *(job.folder for job in jobs)]))
    with folder_lock(settings.out_dir):  # the school folders are inside it, so covered too
        made: list[Path] = []
        try:
            for folder in folders:
                if folder.is_dir():
                    # Left by a build that was killed; no other build can be writing here now.
                    remove_part_files(folder, OUTPUT_SUFFIXES)
            check_output_files(settings, jobs)
            for folder in folders[1:]:
                if not folder.is_dir():
                    create_output_dir(folder)
                    made.append(folder)
            results = build_roles(jobs, settings, workers)
            if progress is not None:
                results = progress(results, len(jobs))
            built = list(results)
        finally:
            for folder in folders:  # those of a worker that died
                if folder.is_dir():
                    remove_part_files(folder, OUTPUT_SUFFIXES)
            for folder in made:
                if not any(folder.iterdir()):
                    folder.rmdir()  # a school none of whose roles was built leaves no empty folder
    # A name that is neither a file nor a folder of role files fails like a bad role file.
    missing = [BuildResult(p.file or Path("."), (), str(p)) for p in problems]
    return BuildReport(missing + refused + built, pdf_missing, settings.out_dir, tuple(notes))
