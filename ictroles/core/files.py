"""Files: reading inputs safely (regular files only, size capped) and writing outputs whole
or not at all, never over a file by surprise."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place.

    On any error the temporary file is removed and ``path`` is left as it was.
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
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: could not be written ({_reason(exc)})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "disk full"
    return exc.strerror or str(exc)
