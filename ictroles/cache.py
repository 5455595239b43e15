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

The entries are pickles in a folder only the user can write (created mode 0700), the same
trust as the user's own Python files; nothing a role file says is ever stored there.
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
_CODE_FILES = ("cache.py", "model.py", "validation.py", "framework.py", "yamlio.py")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("ICTROLES_NO_CACHE"):
        return None
    if os.environ.get("ICTROLES_CACHE_DIR"):
        return Path(os.environ["ICTROLES_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "ictroles" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ictroles"


def cached_load(kind: str, source: Path, make: Callable[[], T]) -> T:
    """``make()``'s result for ``source``, from the cache when an entry is current."""
    folder = cache_dir()
    if folder is None:
        return make()
    try:
        stat = source.stat()
        parts = [kind, str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns),
                 __version__, sys.version]
        parts += [str((_CODE / name).stat().st_mtime_ns) for name in _CODE_FILES]
    except OSError:
        return make()
    key = "\0".join(parts)
    entry = folder / f"{kind}-{zlib.crc32(key.encode()):08x}.pickle"
    try:
        with open(entry, "rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:  # the file name is a short checksum; the key inside decides
            return value
    except Exception:  # missing, damaged or made by other code: make it again
        pass
    value = make()
    _store(folder, entry, (key, value))
    return value


def _store(folder: Path, entry: Path, value: object) -> None:
    import tempfile  # only when writing an entry

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # a read-only home or a full disk only costs the speed-up
        pass
