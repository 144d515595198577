"""The start-up caches (precompiled module patterns, the compact lexicon table) answer
exactly what they replace, and a broken cache file only means building it again."""
from __future__ import annotations

import pickle

import regex

from tlint import lexicon, rx


def _fresh_rx(monkeypatch, tmp_path):
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_store", None)
    monkeypatch.setattr(rx, "_dirty", False)


def test_precompiled_pattern_matches_like_a_fresh_compile(monkeypatch, tmp_path):
    _fresh_rx(monkeypatch, tmp_path)
    source, text = r"(?<=\p{L})\h+-(?=\p{Lu})", "the al-Sudani -Hakim talks"
    rx.compile(source, regex.IGNORECASE)
    rx._save()
    monkeypatch.setattr(rx, "_store", None)  # a later process: loaded from the file
    loaded = rx.compile(source, regex.IGNORECASE)
    fresh = regex.compile(source, regex.IGNORECASE)
    assert [m.span() for m in loaded.finditer(text)] == [m.span() for m in fresh.finditer(text)]
    assert loaded.pattern == source and loaded.flags == fresh.flags


def test_corrupt_pattern_file_is_rebuilt(monkeypatch, tmp_path):
    _fresh_rx(monkeypatch, tmp_path)
    with open(rx._path(), "wb") as fh:
        fh.write(b"not a pickle")
    assert rx.compile(r"\p{Arabic}+").findall("abc مرحبا") == ["مرحبا"]


def test_compact_lexicon_answers_like_the_dict():
    data = {"run": 0b101, "running": 0b100, "the": 0, "zebra": 0b1, "état": 0b1000}
    table = lexicon._Table.from_dict(data)
    again = pickle.loads(pickle.dumps(table))
    for t in (table, again):
        for word, mask in data.items():
            assert t.get(word) == mask
        for missing in ("", "ru", "runs", "zzz", "a"):
            assert t.get(missing, 0) == 0


def test_parts_of_speech_from_the_lexicon():
    assert "VERB" in lexicon.parts_of_speech("announced")
    assert "NOUN" in lexicon.parts_of_speech("Government")
    assert lexicon.parts_of_speech("xqzvt") == frozenset()


def test_cache_files_are_written_whole_and_stale_ones_pruned(tmp_path):
    """A write replaces the file in one step; files of the same kind unused for
    STALE_DAYS go, recent ones and other kinds stay; a broken file reads as None."""
    import os
    import time

    from tlint import cachefile

    old = tmp_path / "patterns-old.pickle"
    recent = tmp_path / "patterns-recent.pickle"
    other = tmp_path / "lexicon-old.pickle"
    for p in (old, recent, other):
        p.write_bytes(b"junk")
    long_ago = time.time() - (cachefile.STALE_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    cachefile.write(tmp_path / "patterns-new.pickle", {"a": 1}, prefix="patterns-")
    assert cachefile.read(tmp_path / "patterns-new.pickle") == {"a": 1}
    assert not old.exists() and recent.exists() and other.exists()
    assert cachefile.read(recent) is None  # not a pickle: rebuilt, never an error
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_reading_a_cache_file_marks_it_used(tmp_path):
    import os
    import time

    from tlint import cachefile

    f = tmp_path / "x.pickle"
    cachefile.write(f, [1], prefix="")
    long_ago = time.time() - 10 * 86400
    os.utime(f, (long_ago, long_ago))
    assert cachefile.read(f) == [1]
    assert time.time() - f.stat().st_mtime < 3600
