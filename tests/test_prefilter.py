"""The prefilter lets pattern/terms rules skip blocks: it must never skip a block the rule
would flag (soundness), and findings with and without it must be identical."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlint import config, engine
from tlint.document import parse
from tlint.prefilter import block_test, required_chars

ROOT = Path(__file__).resolve().parent.parent


def _rules():
    return [r for r in engine.ruleset(config.Config()).rules if r.kind in ("pattern", "terms")]


@pytest.mark.parametrize("pattern, flags, expected", [
    (r",(?:\s*,)+", 0, {","}),
    (r"(?<=\p{L})\h+-(?=\p{L})|(?<=\p{Ll})-\h+(?=\p{L})", 0, {"-"}),
    (r"(?:[,;:]\h*\.(?!\.)|,\h*[;:]|;\h*[,;:])", 0, {".", ",", ";"}),
    (r"\p{Lu}\p{Ll}+", 0, None),              # nothing literal: no prefilter
    (r"a?b", 0, {"b"}),                       # the optional part is not required
    (r"(?i)news\s+code", 0, None),            # letters under IGNORECASE: no prefilter
    (r"(?i)%\d", 0, {"%"}),                   # ... but punctuation is safe
    (r"(?!,)x", 0, {"x"}),                    # a negative lookaround requires nothing
    (r"(?<=\()x?", 0, {"("}),                 # a positive one is in the block too
    (r"[^,]+", 0, None),
    (r"(", 0, None),                          # unparsable: no prefilter, never an error
])
def test_required_chars(pattern, flags, expected):
    got = required_chars(pattern, flags)
    assert (None if got is None else set(got)) == expected


ALPHABET = "aAbB eé.,;:!?-–()[]\"'’”“%/\u200b年12MT\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_a_skipped_block_never_holds_a_match(text):
    for rule in _rules():
        if rule.could_match is not None and rule.regex.search(text):
            assert rule.could_match(text), (rule.id, text)


def test_findings_are_identical_without_the_prefilter(monkeypatch):
    texts = [p for p in (ROOT / "tests" / "fixtures").iterdir()] + list((ROOT / "seeds").glob("*.txt"))
    rules = _rules()
    assert sum(r.could_match is not None for r in rules) >= 20  # it does apply to most rules
    docs = [parse(p.read_text(encoding="utf-8"), str(p)) for p in texts]
    with_filter = [[list(r.check(d)) for r in rules] for d in docs]
    for r in rules:
        monkeypatch.setattr(r, "could_match", None)
    without = [[list(r.check(d)) for r in rules] for d in docs]
    assert with_filter == without
    assert sum(len(f) for per_doc in without for f in per_doc) > 20  # the texts do have hits


def test_block_test_small_and_large_sets():
    assert block_test(None) is None
    small = block_test(frozenset(","))
    assert small("a, b") and not small("a b")
    large = block_test(frozenset("abcdefgh"))
    assert large("xxhxx") and not large("xyz")
