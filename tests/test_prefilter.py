"""The prefilter lets pattern/terms rules skip blocks: it must never skip a block the rule
would flag (soundness), and findings with and without it must be identical."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlint import config, engine
from tlint.document import parse
from tlint.prefilter import block_test, requirement

ROOT = Path(__file__).resolve().parent.parent


def _rules():
    return [r for r in engine.ruleset(config.Config()).rules if r.kind in ("pattern", "terms")]


def _alts(pattern, flags=0):
    """The requirement as sets of strings (folded ones marked with a leading '~')."""
    req = requirement(pattern, flags)
    return None if req is None else [{("~" if f else "") + t for t, f in need} for need in req]


@pytest.mark.parametrize("pattern, flags, expected", [
    (r",(?:\s*,)+", 0, [{","}]),
    (r"(?<=\p{L})\h+-(?=\p{L})|(?<=\p{Ll})-\h+(?=\p{L})", 0, [{"-"}]),
    (r"(?:[,;:]\h*\.(?!\.)|,\h*[;:]|;\h*[,;:])", 0, [{".", ",", ";"}]),
    (r"\p{Lu}\p{Ll}+", 0, None),                  # nothing literal: no prefilter
    (r"a?bc", 0, [{"bc"}]),                         # the optional part is not required
    (r"(?i)news\s+code", 0, [{"~news"}, {"~code"}]),  # both words, compared case-folded
    (r"(?i)%\d", 0, [{"%"}]),                       # punctuation needs no folding
    (r"\((?:AA|Reuters)\)", 0, [{"AA", "Reuters"}, {"("}]),  # the rarer need first
    (r"(?!,)xy", 0, [{"xy"}]),                      # a negative lookaround requires nothing
    (r"(?<=\()x?", 0, [{"("}]),                     # a positive one is in the block too
    (r"(?i)été", 0, None),                          # non-ASCII letters under IGNORECASE: no
    (r"[^,]+", 0, None),
    (r"(", 0, None),                                # unparsable: no prefilter, never an error
])
def test_requirement(pattern, flags, expected):
    assert _alts(pattern, flags) == expected


def test_folded_words_match_any_case_and_the_kelvin_sign():
    test = block_test(requirement(r"(?i)\bkm\b"))
    assert test("10 KM away") and test("10 \u212aM away")  # KELVIN SIGN folds to k
    assert not test("ten miles")
    memo = {}
    assert test("Ten KM", memo) and memo["casefold"] == "ten km"  # kept for the next rule


ALPHABET = "aAbB eé.,;:!?-–()[]\"'’”“%/\u200b年12MT\nsShHrRnN\u212a\u017f"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_a_skipped_block_never_holds_a_match(text):
    for rule in _rules():
        if rule.could_match is not None and rule.regex.search(text):
            assert rule.could_match(text), (rule.id, text)


def _pieces():
    """The strings the built-in rules' prefilters look for, in three cases, plus glue."""
    out = set(" \n.,:;()-\"”“'’%/")
    for rule in _rules():
        for plain, folded in getattr(rule.could_match, "needs", ()):
            words = list(folded) + (list(plain) if isinstance(plain, tuple) else [])
            out.update(w for word in words for w in (word, word.upper(), word.title()))
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=25))
def test_texts_made_of_the_required_words_are_never_wrongly_skipped(pieces):
    text = " ".join(pieces)
    for rule in _rules():
        if rule.could_match is not None and rule.regex.search(text):
            assert rule.could_match(text), (rule.id, text)


def test_findings_are_identical_without_the_prefilter(monkeypatch):
    texts = [p for p in (ROOT / "tests" / "fixtures").iterdir()] + list((ROOT / "seeds").glob("*.*"))
    texts += [p for p in (ROOT / "tests").glob("heldout*/*") if p.suffix in (".md", ".txt")]
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
