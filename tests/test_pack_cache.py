"""Compiled packs are reused across processes (tlint.pack_cache): a cached pack lints like a
freshly parsed one, and an edited or damaged entry is never served."""
from tlint import pack_cache, packs
from tlint.packs import load_pack

PACK = """pack: house
rules:
  word:
    kind: terms
    message: "House style: avoid '{term}'"
    terms: [WORD]
    examples:
      flag: ["The WORD was long."]
      pass: ["Nothing here."]
"""


def _load(path):
    load_pack.cache_clear()  # as a new process would
    return load_pack(str(path), True)


def _hits(pack, text):
    return [f.message for r in pack.rules for f in packs.run_rule(r, text)]


def test_a_cached_pack_lints_like_a_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "house.yaml"
    path.write_text(PACK.replace("WORD", "debate"))
    parsed = _load(path)
    assert list((tmp_path / "cache" / "packs").glob("*.pickle"))
    calls = []
    monkeypatch.setattr(packs, "_parse_pack", lambda *a: calls.append(a))
    cached = _load(path)
    assert calls == []  # served from the cache, not parsed
    text = "The debate was long, and the debate went on."
    assert _hits(cached, text) == _hits(parsed, text) == ["House style: avoid 'debate'"] * 2


def test_an_edited_pack_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "house.yaml"
    path.write_text(PACK.replace("WORD", "debate"))
    _load(path)
    path.write_text(PACK.replace("WORD", "harbour"))
    pack = _load(path)
    assert _hits(pack, "The harbour and the debate.") == ["House style: avoid 'harbour'"]


def test_a_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "house.yaml"
    path.write_text(PACK.replace("WORD", "debate"))
    _load(path)
    for entry in (tmp_path / "cache" / "packs").glob("*.pickle"):
        entry.write_bytes(b"\x80\x05garbage")
    assert _hits(_load(path), "A debate.") == ["House style: avoid 'debate'"]
    assert pack_cache.get("no-such-key") is None
