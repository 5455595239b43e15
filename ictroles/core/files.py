"""Files: reading inputs safely (regular files only, size capped) and writing outputs whole
or not at all, never over a file by surprise.

A file is written to a hidden temporary ``.NAME.XXXXXXXX.part`` beside it and renamed into
place (:func:`atomic_write`); inside :func:`all_or_nothing` the renames wait until every file
of the group is written, so a role's pack appears together or not at all. A build holds
:func:`folder_lock` on its output folder, so two builds never write into one folder at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from ictroles.core.errors import InvalidInputError, OutputError, problem

# mkstemp creates files readable only by their owner; outputs get the usual permissions.
# Read once at import, while the process has a single thread (os.umask sets as it reads).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def read_capped(path: Path, cap: int, what: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``cap`` bytes; anything else is refused.

    Every input file is read here. A FIFO, device or socket is refused before it is opened
    (reading one would hang or never end), and at most ``cap + 1`` bytes are read, so a file
    whose size the system misreports still cannot exhaust memory.
    """
    path = Path(path)
    try:
        info = os.stat(path)
        kind = info.st_mode
        if stat.S_ISREG(kind) and info.st_size > cap:
            raise problem(path, None, "", f"is {info.st_size / 1e6:.1f} MB; a {what} may be at most {_size(cap)}")
        if stat.S_ISDIR(kind):
            raise problem(path, None, "", f"is a folder, not a {what}")
        if not stat.S_ISREG(kind):
            raise problem(path, None, "", f"is not a regular file (a device, pipe or socket); give a {what}")
        # O_NONBLOCK: if a FIFO is swapped in after the check, opening it must not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise problem(path, None, "", f"is not a regular file; give a {what}")
            data = stream.read(cap + 1)
    except InvalidInputError:
        raise
    except FileNotFoundError:
        raise problem(path, None, "", f"{what} not found") from None
    except PermissionError:
        raise problem(path, None, "", f"cannot read {what}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise problem(path, None, "", f"cannot read {what}: {_LOOP}") from None
        raise problem(path, None, "", f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise problem(path, None, "", f"is larger than {_size(cap)}; a {what} may be at most {_size(cap)}")
    return data


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n:,} bytes"


_LOOP = "a symbolic link on its path loops back on itself; fix or remove the link"


def resolve_path(path: Path) -> Path:
    """``path.resolve()``; a symbolic-link loop (RuntimeError in Python 3.11) is a clear error."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        raise problem(Path(path), None, "", f"cannot be used: {_LOOP}") from None
    except ValueError:  # a NUL character: no file can have that name
        raise problem(Path(path), None, "", "cannot be used: a file name cannot contain a NUL character") from None


def check_output_file(path: Path, force: bool, suffix: str | None = None) -> None:
    """Refuse an output path with the wrong extension, a folder, or an existing file (unless forced)."""
    path = Path(path)
    if suffix and path.suffix.lower() != suffix:
        raise OutputError(f"{path}: the file name must end in {suffix}")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")


# The files of the all_or_nothing group being written: (temporary file, final path).
_group: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("_group", default=None)


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place.

    On any error the temporary file is removed and ``path`` is left as it was. Inside
    :func:`all_or_nothing` the rename waits until the whole group is written.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({_reason(exc)}); choose another folder") from None
    os.close(fd)
    tmp = Path(tmp_name)
    group = _group.get()
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)
        if group is None:
            os.replace(tmp, path)
        else:
            group.append((tmp, path))
    except OSError as exc:
        raise OutputError(f"{path}: could not be written ({_reason(exc)})") from None
    finally:
        if group is None or (tmp, path) not in group:
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def all_or_nothing() -> Iterator[None]:
    """Files written with :func:`atomic_write` inside appear together at the end, or none does."""
    group: list[tuple[Path, Path]] = []
    token = _group.set(group)
    try:
        try:
            yield
        finally:
            _group.reset(token)
        for tmp, path in group:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(f"{path}: could not be written ({_reason(exc)})") from None
    finally:
        for tmp, _ in group:
            tmp.unlink(missing_ok=True)


PART_FILE = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.part")  # what atomic_write's mkstemp names


def remove_part_files(folder: Path, suffixes: tuple[str, ...]) -> None:
    """Remove temporary files atomic_write left in ``folder`` (a build that was killed).

    Only ``.NAME.XXXXXXXX.part`` files whose NAME ends in one of ``suffixes`` are removed.
    """
    for path in folder.glob(".*.part"):
        match = PART_FILE.fullmatch(path.name)
        if match and match["name"].endswith(suffixes):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on ``folder``; fail at once when another build holds it.

    On Linux and macOS the folder itself is locked (flock), so no lock file is made. On
    Windows, filelock locks a hidden ``.ictroles.lock`` in it, removed again on release.
    """
    busy = OutputError(f"{folder}: another ictroles build is writing into this folder; "
                       "run again when it has finished, or choose another folder with -o")
    if sys.platform == "win32":
        from filelock import FileLock, Timeout

        lock = FileLock(folder / ".ictroles.lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise busy from None
        try:
            yield
        finally:
            lock.release()
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        yield
    finally:
        os.close(fd)  # releases the lock once worker processes forked with it have ended too


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "disk full"
    if exc.errno == errno.EFBIG:
        return "file too large for the file-size limit (ulimit -f) or the file system"
    return exc.strerror or str(exc)
