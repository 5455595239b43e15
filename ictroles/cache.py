"""A per-user cache of the checked framework, so each command need not parse and check it again.

Parsing and checking the 373-statement framework file costs about 8 ms, a third of
``ictroles validate``'s start-up allowance over click and PyYAML (see bench/README.md);
reading the checked result back costs under 1 ms. Only the framework file that ships with
ictroles is cached: a ``--framework FILE`` is always read afresh.

An entry is keyed by everything it was made from: the data file (path, size, modification
time), the code that checks it (the modification times of the modules involved), the
ictroles and Python versions. Anything unexpected (no cache folder, a damaged or foreign
entry, a read-only home) falls back to the slow path silently; the cache never changes what a
command reports. ``ICTROLES_NO_CACHE=1`` turns it off; ``ICTROLES_CACHE_DIR`` moves it.

The entries are pickles, read only from a folder and file that belong to the user and that
nobody else can write (a shared folder such as /tmp is ignored), and only after the plain key
stored ahead of each pickle matches; nothing a role file says is ever stored there.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__

T = TypeVar("T")

_CODE = Path(__file__).resolve().parent
# The modules whose classes and checks shape what is stored; a change to one makes new keys.
_CODE_FILES = ("cache.py", "model.py", "validation.py", "framework.py", "yamlio.py", "errors.py",
               "resources.py")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off or there is no home to put it in."""
    if os.environ.get("ICTROLES_NO_CACHE"):
        return None
    if os.environ.get("ICTROLES_CACHE_DIR"):
        folder = Path(os.environ["ICTROLES_CACHE_DIR"])
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        folder = Path(os.environ["LOCALAPPDATA"]) / "ictroles" / "Cache"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # A relative XDG_CACHE_HOME is to be ignored (XDG spec); with no home, "~" stays "~".
        base = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "ictroles"
    return folder if folder.is_absolute() else None


def _private(path: Path) -> bool:
    """True when ``path`` belongs to this user and nobody else can write to it.

    A pickle runs code as it loads, so an entry is read only from a folder (and a file) that
    no other user could have put there: a cache folder in /tmp or another shared place is
    ignored rather than trusted.
    """
    if not hasattr(os, "getuid"):  # Windows: %LOCALAPPDATA% is private to the user
        return True
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def cached_load(kind: str, source: Path, make: Callable[[], T]) -> T:
    """``make()``'s result for ``source``, from the cache when an entry is current."""
    folder = cache_dir()
    if folder is None:
        return make()
    try:
        stat = source.stat()
        parts = [kind, str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns),
                 __version__, sys.version, getattr(sys.modules.get("yaml"), "__version__", "")]
        parts += [str((_CODE / name).stat().st_mtime_ns) for name in _CODE_FILES]
    except OSError:
        return make()
    key = "\0".join(parts).encode()
    entry = folder / f"{kind}-{zlib.crc32(key):08x}.pickle"
    if _private(folder) and _private(entry):
        try:
            with open(entry, "rb") as f:
                # The key is stored in plain ahead of the pickle and compared before unpickling:
                # the file name is only a short checksum.
                if f.read(len(key) + 1) == key + b"\n":
                    return pickle.load(f)
        except Exception:  # damaged or made by other code: make it again
            pass
    value = make()
    _store(folder, entry, key, value)
    return value


def _store(folder: Path, entry: Path, key: bytes, value: object) -> None:
    import tempfile  # only when writing an entry

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", dir=folder)  # created 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(key + b"\n")
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # a read-only home or a full disk only costs the speed-up
        pass
