"""The `duplicate` kind: repeated lines, captions repeating the body, headlines glued on."""
import pytest

from tlint.kinds import rule_class
from tlint.kinds.base import RuleConfigError
from tlint.kinds.duplicate import contained
from tlint.packs import run_rule

LEAD = ("The regional council met on Thursday for the first time since the spring floods, "
        "and its members argued for hours about the cost of the repairs.\n\n")


def make(**spec):
    spec = {"kind": "duplicate", "message": "{how} {line}",
            "examples": {"flag": ["x"], "pass": ["y"]}, **spec}
    return rule_class("duplicate")("t.dup", spec)


def found(text, **spec):
    doc_text = text
    return [(doc_text[f.start:f.end], f.message) for f in run_rule(make(**spec), doc_text, "a.txt")]


def test_line_doubled_inside_a_paragraph_reports_the_second_copy():
    text = "Flood waters reach the old town centre on Sunday.\nFlood waters reach the old town centre on Sunday.\n"
    ((span, message),) = found(text)
    assert span == "Flood waters reach the old town centre on Sunday."
    assert message == "repeats 1"


def test_headline_printed_twice_reports_the_later_one():
    headline = "Hundreds of farmers march against the new water tax in the valley"
    text = headline + "\n\n" + headline + "\n\n" + LEAD
    assert [m for _, m in found(text)] == ["repeats 1"]


def test_caption_repeating_a_body_sentence_is_reported_not_the_body():
    caption = "The mayor believes the council delayed the repair of the old bridge over the river (AFP)"
    body = ("The report said the budget, as well as the mayor, who blamed the council, delayed "
            "the repair of their old bridge over the river.")
    text = LEAD + caption + "\n\n" + body + "\n"
    ((span, message),) = found(text)
    assert span == caption
    assert message == "repeats the body text of 5"


def test_headline_glued_to_the_lead_reports_the_body_copy():
    text = ("Farmers march against the new water tax in the valley\n\n"
            "Farmers march against the new water tax in the valleyNews/local. Hundreds of farmers marched.\n")
    ((span, message),) = found(text)
    assert span == "Farmers march against the new water tax in the"
    assert message == "repeats the headline of 1"


@pytest.mark.parametrize("text", [
    # a page title shown twice as a heading
    "Farmers March Against the New Water Tax\n\n" + LEAD + "Farmers March Against the New Water Tax\n",
    # a headline and a lead that say the same thing in other words
    "Farmers march against the new water tax\n\nHundreds of farmers marched on Monday against a tax on water from their wells.\n",
    # a caption before the body starts (a deck under the headline)
    "Budget passes\n\nThe council approved the repair of the old bridge over the river\n\n"
    "The council approved the repair of the old bridge over the river after a long debate on Thursday night.\n",
    # lines too short to judge
    "Read more\n\nRead more\n",
])
def test_look_alikes_are_not_duplicates(text):
    assert found(text) == []


def test_min_words_and_similarity_are_configurable():
    text = "Talks resume in Geneva today.\nTalks resume in Geneva today.\n"
    assert found(text) == []  # 5 words, under the default of 6
    assert len(found(text, min_words=4)) == 1
    with pytest.raises(RuleConfigError):
        make(similarity=0.2)


def test_contained_measures_the_short_line_inside_the_long_one():
    short = "the mayor opened the bridge".split()
    long = "on friday the mayor finally opened the new bridge to traffic".split()
    score, first, last = contained(short, long)
    assert score == 1.0
    assert long[first:last][0] == "the" and long[last - 1] == "bridge"


def test_a_long_article_with_many_shared_phrases_stays_fast_enough_to_finish():
    # every paragraph shares "of the" and "in the": the index must not compare them all
    paras = [f"Paragraph {i} speaks of the harbour in the north and of the road number {i} in the hills."
             for i in range(400)]
    assert found("\n\n".join(paras)) == []


def test_sentence_units_report_a_sentence_doubled_inside_its_paragraph():
    text = LEAD + ("The new wing was paid for by a grant from the city and by gifts from firms. "
                   "The new wing was paid for by a grant from the city and by gifts from firms.\n\n"
                   "It opens in May.\n")
    sentence = "The new wing was paid for by a grant from the city and by gifts from firms."
    (f,) = run_rule(make(unit="sentence"), text, "a.txt")
    assert text[f.start:f.end] == sentence
    assert f.start == text.rfind(sentence)  # the second copy is reported
    assert found(text) == []  # as lines, the paragraph is one line: nothing to compare


def test_sentence_units_leave_lines_repeated_as_lines_to_the_line_rule():
    line = "“You have to change it.” The guards stopped a reporter at the gate of the stadium"
    text = LEAD + line + "\n\n" + line + "\n\nThe reporter left.\n"
    assert found(text, unit="sentence") == []
    assert len(found(text)) == 1
    with pytest.raises(RuleConfigError):
        make(unit="paragraph")


# ---- candidate pairs: the C search (tlint._scan) finds the pairs the Python specification finds

from hypothesis import given, settings
from hypothesis import strategies as st

from tlint.kinds import duplicate
from tlint.sentences import split

# Few enough words that lines share bigrams, enough that some bigrams are in few lines;
# words whose lower case is longer (İ) or depends on what follows (Σ), characters beyond
# the BMP (those lines take findall_lower's own path), joiners, marks, other digits
VOCABULARY = (["the", "The", "THE", "talks", "Geneva", "don't", "don’t", "al-Sham", "ΟΔΟΣ", "οδος",
               "İstanbul", "i̇stanbul", "\u212aelvin", "kelvin", "😀", "٣٣", "cafe\u0301", "x2"]
              + [f"w{k}" for k in range(12)])
GAPS = st.sampled_from([" ", " ", ", ", ". ", " (", " — ", "\u00a0"])


@st.composite
def prose_lines(draw):
    """Lines made of a few phrases, so that many share several bigrams (and tie)."""
    phrases = draw(st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5),
                            min_size=1, max_size=6))
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        words = [w for phrase in draw(st.lists(st.sampled_from(phrases), max_size=4)) for w in phrase]
        lines.append("".join(w + draw(GAPS) for w in words))
    return lines


def python_line_candidates(lines, min_words):
    return duplicate._line_candidates_python([duplicate._WORDS.findall_lower(line) for line in lines], min_words)


@settings(max_examples=400, deadline=None)
@given(prose_lines(), st.integers(2, 7))
def test_the_line_candidates_in_c_are_the_python_ones(lines, min_words):
    assert duplicate._line_candidates(lines, min_words) == python_line_candidates(lines, min_words)


def test_a_bigram_in_more_lines_than_common_is_no_evidence_in_c_either():
    lines = [f"Of the harbour road, number n{i}." for i in range(14)]
    for n_lines in (2, 12, 13, 14):
        expected = python_line_candidates(lines[:n_lines], 5)
        assert duplicate._line_candidates(lines[:n_lines], 5) == expected
        assert bool(expected) == (n_lines <= duplicate.COMMON_BIGRAM)


# Tokens whose normalised forms meet: case, edge punctuation, a lower case that is longer
# (İ) or not ASCII (K, the Kelvin sign); spaces str.split() and the sentence split see
# differently (\x1c, a no-break space)
TOKENS = st.sampled_from(["The", "the", "“The", "talks", "(talks)", "İs", "i̇s", "K", "k", "—",
                          "ΟΔΟΣ", "said:", "x.y", "42", "Talks", "a", "b", "c", "d", "e"])
ENDS = st.sampled_from(["ended.", "talks.", "Talks!", "ΟΔΟΣ.", "it?\u201d", "U.S."])
SPACES = st.sampled_from([" ", " ", " ", "  ", "\xa0", "\x1c", "\u2003"])


@st.composite
def sentences(draw):
    words = draw(st.lists(TOKENS, min_size=1, max_size=16)) + [draw(ENDS)]
    return "".join(w + draw(SPACES) for w in words).strip(" ")


@st.composite
def lines(draw):
    """Lines of one to three sentences drawn from a few, so that some come back."""
    pool = draw(st.lists(sentences(), min_size=1, max_size=4))
    return [" ".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3)))
            for _ in range(draw(st.integers(0, 10)))]


@settings(max_examples=400, deadline=None)
@given(lines(), st.integers(2, 7))
def test_the_sentence_candidates_in_c_are_the_python_ones(texts, min_words):
    splits = [split(t) for t in texts]
    assert duplicate._scan.sentence_candidates(texts, splits, min_words, duplicate._FAR_SENTENCE_WORDS,
                                               duplicate._EDGE_PUNCT) \
        == duplicate._sentence_candidates_python(texts, splits, min_words)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, min_size=2, max_size=2), st.lists(st.lists(TOKENS, max_size=25), min_size=2, max_size=4),
       ENDS, st.booleans(), st.integers(2, 7))
def test_sentences_sharing_a_key_are_tested_alike_in_c_and_python(head, middles, end, pasted, min_words):
    # the same first two tokens, then words that are mostly or barely shared: the copy test
    # (a share of tokens, a ratio of sizes) decides
    sentences = [" ".join(head + middle + [end]) for middle in middles]
    texts = [" ".join(sentences[:-1]), sentences[-1]] if pasted else [" ".join(sentences)]
    splits = [split(t) for t in texts]
    assert duplicate._scan.sentence_candidates(texts, splits, min_words, duplicate._FAR_SENTENCE_WORDS,
                                               duplicate._EDGE_PUNCT) \
        == duplicate._sentence_candidates_python(texts, splits, min_words)


def test_a_sentence_pasted_again_as_a_line_is_a_candidate_in_c_and_python():
    sentence = "The council said the drought had cut the planted area by a tenth this year."
    texts = [sentence + " Farmers in the east could not sow.", "Prices rose.", sentence]
    splits = [split(t) for t in texts]
    expected = [(2, 0, [(0, 0)])]
    assert duplicate._sentence_candidates_python(texts, splits, 6) == expected
    assert duplicate._scan.sentence_candidates(texts, splits, 6, duplicate._FAR_SENTENCE_WORDS,
                                               duplicate._EDGE_PUNCT) == expected


@pytest.mark.parametrize("unit", ["line", "sentence"])
def test_without_the_extension_the_findings_are_the_same(unit, monkeypatch):
    texts = [LEAD + "Flood waters reach the old town centre on Sunday.\n"
             "Flood waters reach the old town centre on Sunday.\n",
             LEAD + "The new wing was paid for by a grant from the city and by gifts from firms. "
             "The new wing was paid for by a grant from the city and by gifts from firms.\n",
             "Farmers march against the new water tax in the valley\n\n"
             "Farmers march against the new water tax in the valleyNews/local. Hundreds marched.\n"]
    with_c = [found(t, unit=unit) for t in texts]
    assert any(with_c)
    monkeypatch.setattr(duplicate, "_scan", None)
    assert [found(t, unit=unit) for t in texts] == with_c


def test_the_c_search_leaves_what_is_not_plain_text_to_python_or_refuses_it():
    with pytest.raises(TypeError):
        duplicate._scan.line_candidates([b"a b c"], 2, 12, 4, duplicate._WORDS.findall_lower,
                                        *duplicate._WORDS._scan_args())
    assert duplicate._scan.sentence_candidates(["a b c"], [list(split("a b c"))], 2, 12, "") is None
    assert duplicate._scan.sentence_candidates(["a b c"], [split("a b c")], 1, 12, "") is None
