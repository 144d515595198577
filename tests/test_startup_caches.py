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
