"""tlint.words: the C word scanner finds exactly the words its regex pattern finds, and
without the extension the regex module does the work (same words)."""
import subprocess
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tlint import words
from tlint.kinds import duplicate, repetition, sentence

PATTERNS = {
    "duplicate": duplicate._WORDS,
    "repetition": repetition._WORDS,
    "sentence": sentence._WORDS,
}
# Letters, marks, digits and joiners of several scripts; characters whose lower case is
# longer (İ) or depends on context (Σ); one beyond the BMP (an emoji, a math letter).
ALPHABET = ("aZé'’-.  \n3٣ß" "\u0301\u064e\u093f" "ΣσςΟΔİıK\u212a" "عربی" "中文" "\u00a0\ufffc"
            "😀𝐀")


def test_the_extension_is_built_here():
    # CI and the README's install build it; a missing compiler would silently cost speed
    assert words._scan is not None


@pytest.mark.parametrize("kind", sorted(PATTERNS))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_the_scanner_finds_the_words_the_regex_finds(kind, text):
    pattern = PATTERNS[kind]
    expected = pattern.regex.findall(text)
    assert pattern.findall(text) == expected
    assert pattern.findall_lower(text) == [w.lower() for w in expected]


@pytest.mark.parametrize("kind", sorted(PATTERNS))
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40), limit=st.integers(0, 12))
def test_the_count_in_c_stops_at_the_limit_the_regex_words_would_reach(kind, text, limit):
    pattern = PATTERNS[kind]
    assert pattern.count(text, limit) == min(len(pattern.regex.findall(text)), limit)


def test_the_patterns_are_the_kinds_own():
    # the regex is the specification, and it is still the one the kinds compiled before
    assert duplicate._WORD_RE.pattern == r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)?"
    assert repetition._WORDS.findall("al-Sham's co-op") == ["al-Sham's", "co-op"]
    assert sentence._WORDS.findall("3rd don't x") == ["rd", "don't", "x"]
    assert duplicate._WORDS.findall("3rd don'") == ["3rd", "don"]


def test_a_text_beyond_the_bmp_and_a_capital_sigma_take_the_regex_path():
    p = duplicate._WORDS
    assert p.findall("party 😀 time") == ["party", "time"]
    assert p.findall_lower("ΟΔΟΣ.Α") == ["οδος", "α"]  # word by word: a final sigma
    assert p.findall_lower("İstanbul") == ["i̇stanbul"]  # lower() made it longer


def test_a_table_of_the_wrong_size_is_an_error_not_a_crash():
    good = words.rx.char_table(r"[\p{L}]")
    with pytest.raises(ValueError):
        words._scan.words("abc", good, b"\x01" * 10, good, good, False, "abc")
    with pytest.raises(ValueError):
        words._scan.words("abc", good, good, good, good, False, "ab")


def test_without_the_extension_the_regex_module_finds_the_same_words():
    code = ("import tlint.words as w; from tlint.kinds import duplicate as d; "
            "print(w._scan, d._WORDS.findall_lower(\"It's the Café's 3rd day\"))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"TLINT_PURE_PYTHON": "1", "PATH": ""}, check=True).stdout
    assert out.strip() == "None [\"it's\", 'the', \"café's\", '3rd', 'day']"


def test_a_class_table_matches_the_regex_module_on_every_bmp_character():
    table = words.rx.char_table(r"[\p{L}\p{M}]")
    cls = regex.compile(r"[\p{L}\p{M}]")
    assert all(table[c] == (cls.match(chr(c)) is not None) for c in range(0, 0x10000, 7))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "peace", "talks", "", "is"]), max_size=30),
       st.integers(1, 4), st.integers(0, 4))
def test_the_repeat_search_in_c_finds_what_the_python_one_finds(ws, lo, extra):
    found = words.repeat_starts(ws, lo, lo + extra)
    saved, words._scan = words._scan, None
    try:
        assert found == words.repeat_starts(ws, lo, lo + extra)
    finally:
        words._scan = saved


def test_repeat_starts_marks_where_a_unit_repeats():
    ws = "we will we will rock rock you".split()
    assert words.repeat_starts(ws, 1, 1) == [4]      # "rock rock"
    assert words.repeat_starts(ws, 2, 2) == [0]      # "we will we will"
    assert words.repeat_starts(ws, 1, 3) == [0, 4]


@pytest.mark.parametrize("cls", [r"(?V1)[\p{L}\p{Nd}--[\p{Script=Latin}\p{Script=Common}]]", r"[\p{Lu}]", r"[’]"])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_the_class_prefilter_says_yes_wherever_the_regex_finds_the_class(cls, text):
    holds = words.holds_class(cls, text)
    found = regex.compile(cls).search(text) is not None
    beyond_bmp = any(ord(c) > 0xFFFF for c in text)  # counts as a yes in C: never a wrong no
    assert holds == found or (holds and beyond_bmp and words._scan is not None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "THE", "peace", "talks", "is", "İs", "ΣΑΣ", "don't", "al-Sham",
                                 "😀", " ", "  ", ", ", "\n"]), max_size=30),
       st.integers(1, 4), st.integers(0, 4))
def test_the_repeat_search_over_a_text_finds_what_the_word_list_search_finds(pieces, lo, extra):
    text = " ".join(pieces)
    pattern = repetition._WORDS
    assert pattern.repeat_starts(text, lo, lo + extra) == words.repeat_starts(pattern.findall_lower(text), lo, lo + extra)
