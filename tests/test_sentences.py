from tlint.sentences import split, words


def texts(s):
    return [x.text for x in split(s)]


def test_simple_split_keeps_offsets():
    s = "One sentence here. Another one! A third?"
    sents = split(s)
    assert [x.text for x in sents] == ["One sentence here.", "Another one!", "A third?"]
    assert all(s[x.start:x.end] == x.text for x in sents)


def test_abbreviations_initials_decimals_do_not_split():
    assert texts("The U.S. envoy met Dr. Smith at 3.5 p.m. today. Then left.") == [
        "The U.S. envoy met Dr. Smith at 3.5 p.m. today.", "Then left."]
    assert texts("George W. Bush spoke.") == ["George W. Bush spoke."]


def test_ellipsis_before_lowercase_continues():
    assert texts("He paused... then spoke.") == ["He paused... then spoke."]


def test_unterminated_tail_is_marked():
    sents = split("Finished one. and a tail without end")
    assert sents[-1].terminated is False


def test_quotes_close_sentences():
    assert texts('He said "go." Then they went.') == ['He said "go."', "Then they went."]


def test_words():
    assert words("Al-Kazemi's plan, 13 of 14.") == ["Al-Kazemi's", "plan", "13", "of", "14"]


def test_citation_markers_end_sentences():
    # encyclopedic text: a footnote marker after the full stop still ends the sentence
    assert texts("The group formed in 2007.[1][3] It was later banned.[12]") == [
        "The group formed in 2007.[1][3]", "It was later banned.[12]"]
    assert texts("See list [3] of items. Next.") == ["See list [3] of items.", "Next."]


def _abbreviation_by_scan(text, dot):
    """_is_abbreviation as first written: the token before the dot found character by
    character (the function now takes a shortcut when a space precedes the token)."""
    from tlint.sentences import ABBREVIATIONS, _DOTTED_CAPS_RE

    lo = max(0, dot - 24)
    i = dot
    while i > lo and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    if i == dot or (i == lo and lo > 0):
        return False
    token = text[i:dot]
    if token.lower().strip(".") in ABBREVIATIONS:
        return True
    letters = token.replace(".", "")
    return (len(letters) == 1 and token[-1].isupper()) or _DOTTED_CAPS_RE.fullmatch(token) is not None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Dr", "U", "S", "e", "g", "approx", "government", "St", "no", " ",
                                 ".", "\n", "(", "é", "1", "-", "'", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),
                max_size=12))
def test_the_abbreviation_shortcut_answers_as_the_scan_does(pieces):
    from tlint.sentences import _is_abbreviation

    text = "".join(pieces)
    for dot, c in enumerate(text):
        if c == ".":
            assert _is_abbreviation(text, dot) == _abbreviation_by_scan(text, dot), (text, dot)


# Pieces that exercise every branch of the split: stops, ellipses, closing marks, citation
# brackets, glued footnote numbers, abbreviations and initials (ASCII and not), spaces the
# regex module and str.isspace disagree on, capitals and lower case of several scripts.
_SPLIT_PIECES = [".", "!", "?", "…", "...", '"', "'", "”", "’", "»", ")", "]", "[", "[1]", "[12]",
                 "[1234]", "1", "22", "1234", "٣", " ", "  ", "\n", "\u00a0", "\u2003", "\x1c", "\x85",
                 "“", "‘", "«", "(", "U", "S", "Dr", "e.g", "p.m", "approx", "He", "the", "said",
                 "É", "é", "İ", "K", "\u212a", "Ω", "ω", "中", "a", "Z", "ß", "-", "😀"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_SPLIT_PIECES), max_size=16))
def test_the_split_in_c_finds_the_sentences_python_finds(pieces):
    from tlint import sentences

    text = "".join(pieces)
    assert sentences.split.__wrapped__(text) == sentences.split_python(text), text


def test_the_split_runs_in_c_here():
    from tlint import sentences

    # built at install (tests/test_words.py checks the extension); a text beyond the BMP
    # is split in Python, with the same result
    assert sentences._scan is not None
    sentences.split.__wrapped__("A b.")  # (sets up the C split's arguments)
    assert [s.text for s in sentences._scan.split("A b. C d", *sentences._split_args)] == ["A b.", "C d"]
    assert sentences._scan.split("Smile 😀. Then go.", *sentences._split_args) is None
    assert [s.text for s in sentences.split.__wrapped__("Smile 😀. Then go.")] == ["Smile 😀.", "Then go."]
