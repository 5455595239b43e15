"""The per-user cache of the checked framework: current entries are used, anything else is not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ictroles import cache, resources
from ictroles.framework import Framework, load_framework
from ictroles.validation import load_model


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ICTROLES_CACHE_DIR", str(folder))
    monkeypatch.delenv("ICTROLES_NO_CACHE", raising=False)
    return folder


def fresh() -> Framework:
    return load_model(Framework, resources.framework_file(), "framework file")[0]


def never() -> Framework:
    raise AssertionError("the cache entry should have been used")


def test_a_current_entry_is_used_and_equals_a_fresh_load(cache_dir: Path):
    source = resources.framework_file()
    first = cache.cached_load("framework", source, fresh)
    assert len(list(cache_dir.glob("framework-*.pickle"))) == 1
    again = cache.cached_load("framework", source, never)
    assert again == first == fresh()
    assert len(again.statements) == 373


def test_a_changed_source_file_makes_a_new_entry(cache_dir: Path, tmp_path: Path):
    source = tmp_path / "framework.yaml"
    source.write_bytes(resources.framework_file().read_bytes())
    cache.cached_load("framework", source, lambda: "old")
    os.utime(source, ns=(1, 1))  # edited: another modification time
    assert cache.cached_load("framework", source, lambda: "new") == "new"
    assert cache.cached_load("framework", source, never) == "new"


def test_a_damaged_or_foreign_entry_is_made_again(cache_dir: Path):
    source = resources.framework_file()
    cache.cached_load("framework", source, lambda: "good")
    (entry,) = cache_dir.glob("framework-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached_load("framework", source, lambda: "remade") == "remade"
    import pickle

    entry.write_bytes(pickle.dumps(("another key", "stale")))  # a file name shared by chance
    assert cache.cached_load("framework", source, lambda: "right") == "right"


def test_no_cache_when_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ICTROLES_NO_CACHE", "1")
    calls = []
    for _ in range(2):
        cache.cached_load("framework", resources.framework_file(), lambda: calls.append(1))
    assert len(calls) == 2 and not cache_dir.exists()


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("ICTROLES_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert cache.cached_load("framework", resources.framework_file(), lambda: "made") == "made"


def test_load_framework_caches_only_the_bundled_file(cache_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    from ictroles import framework as fw_module

    monkeypatch.setattr(fw_module, "_CACHE", {})  # the process's own memo, restored afterwards
    assert len(load_framework().skills) == 12
    assert len(list(cache_dir.glob("framework-*.pickle"))) == 1
    own = tmp_path / "own.yaml"
    own.write_bytes(resources.framework_file().read_bytes())
    assert load_framework(own) == load_framework()
    assert len(list(cache_dir.glob("*.pickle"))) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_a_folder_others_can_write_to_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("ICTROLES_CACHE_DIR", str(shared))
    monkeypatch.delenv("ICTROLES_NO_CACHE", raising=False)
    source = resources.framework_file()
    cache.cached_load("framework", source, lambda: "mine")
    shared.chmod(0o777)  # now anyone could swap the entry for a hostile pickle
    assert cache.cached_load("framework", source, lambda: "made again") == "made again"
    shared.chmod(0o700)
    (entry,) = shared.glob("framework-*.pickle")
    entry.chmod(0o666)
    assert cache.cached_load("framework", source, lambda: "and again") == "and again"


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch):
    for name in ("ICTROLES_CACHE_DIR", "ICTROLES_NO_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no home and no passwd entry
    assert cache.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    assert cache.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache.cache_dir() == Path("/somewhere/cache/ictroles")
