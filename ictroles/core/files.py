"""Writing output files safely: whole or not at all, and never over a file by surprise."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ictroles.core.errors import OutputError

# mkstemp creates files readable only by their owner; outputs get the usual permissions.
# Read once at import, while the process has a single thread (os.umask sets as it reads).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


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
