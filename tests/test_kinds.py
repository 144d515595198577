"""Each rule kind, through a one-rule pack, the way a pack author uses it."""

from tlint.kinds import rule_class
from tlint.packs import run_rule


def make(kind, **spec):
    spec.setdefault("message", "hit '{match}'")
    spec.setdefault("examples", {"flag": ["x"], "pass": ["y"]})
    return rule_class(kind)(f"t.{kind}", {"kind": kind, **spec})


def hits(rule, text, path="a.txt"):
    return [text[f.start:f.end] for f in run_rule(rule, text, path)]


def apply(rule, text, path="a.txt"):
    out = text
    for f in sorted(run_rule(rule, text, path), key=lambda f: -f.start):
        assert f.replacement is not None
        s = f.start if f.fix_start is None else f.fix_start
        e = f.end if f.fix_end is None else f.fix_end
        out = out[:s] + f.replacement + out[e:]
    return out


def test_pattern_with_unicode_property_and_groups():
    rule = make("pattern", pattern=r"\p{Arabic}+", message="script: {match}")
    found = run_rule(rule, "The اژانس reported it.")
    assert [f.message for f in found] == ["script: اژانس"]


def test_pattern_fix_template_uses_groups():
    rule = make("pattern", pattern=r"(\w)\s+([,;])", fix={"replace": r"\1\2", "safe": True})
    assert apply(rule, "Aziz , the minister.") == "Aziz, the minister."


def test_pattern_ignorecase():
    rule = make("pattern", pattern="read more:", ignorecase=True)
    assert hits(rule, "READ MORE: here.") == ["READ MORE:"]


def test_terms_whole_words_only():
    rule = make("terms", terms=["AP"])
    assert hits(rule, "The AP said. CAPS and APs and AP-style are fine.") == ["AP"]


def test_terms_swap_gives_fix_and_message():
    rule = make("terms", swap={"Daesh": "ISIS"}, message="use {right} for {term}", fix=True)
    (f,) = run_rule(rule, "Daesh claimed it.")
    assert f.message == "use ISIS for Daesh"
    assert apply(rule, "Daesh claimed it.") == "ISIS claimed it."


def test_terms_wrap_and_multiword_across_a_line_break():
    rule = make("terms", terms=["Getty Images"], wrap="()")
    text = "the (Getty\nImages) crowd.\n\n(Getty) only."
    assert hits(rule, text) == ["(Getty\nImages)"]


def test_terms_context_guards():
    rule = make("terms", terms=["Reuters"], wrap="()", not_after=r"\s*[-–]")
    assert hits(rule, "BAGHDAD (Reuters) - talks. In the square (Reuters) today.") == ["(Reuters)"]


def test_terms_joins_lists_shared_by_yaml_alias(tmp_path):
    from tlint.packs import load_pack
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "pack: mine\nrules:\n"
        "  one:\n    kind: terms\n    message: 'a {match}'\n    terms: &agencies [Reuters]\n"
        "    examples: {flag: ['x Reuters'], pass: ['y']}\n"
        "  both:\n    kind: terms\n    message: 'b {match}'\n"
        "    terms: [*agencies, [APS], MAP]\n"
        "    examples: {flag: ['x APS'], pass: ['y']}\n", encoding="utf-8")
    both = load_pack(str(pack)).rules[1]
    assert hits(both, "Reuters, APS and MAP but not APSE.") == ["Reuters", "APS", "MAP"]


def test_deleting_a_term_takes_the_space_before_it():
    rule = make("terms", terms=["Anatolian"], wrap="()", fix={"replace": "", "safe": True})
    assert apply(rule, "supported the (Anatolian) protests") == "supported the protests"
    assert apply(rule, "bases in Iraq (Anatolian).") == "bases in Iraq."


def test_repetition_doubled_word_and_fix():
    rule = make("repetition", fix={"safe": True})
    assert hits(rule, "He said the the talks ended.") == ["the"]
    assert apply(rule, "He said the the talks ended.") == "He said the talks ended."


def test_repetition_phrase_loop():
    rule = make("repetition", min_ngram=2, max_ngram=4, min_repeats=3, fix={"safe": True})
    text = "I'm sorry I'm sorry I'm sorry, he said."
    assert hits(rule, text) == ["I'm sorry I'm sorry"]
    assert apply(rule, text) == "I'm sorry, he said."


def test_repetition_leaves_punctuated_repeats_and_allowed_words():
    rule = make("repetition", allow=["had", "that"])
    assert hits(rule, "Yes. Yes. He had had enough, and that that was all; 10 10.") == []


def test_repetition_in_quotes_false_leaves_the_speakers_repeats_alone():
    text = '"We waited and waited and waited," he said, and the farmers and the farmers and the farmers left.'
    loud = make("repetition", min_ngram=2, max_ngram=4)
    quiet = make("repetition", min_ngram=2, max_ngram=4, in_quotes=False)
    waited, farmers = hits(loud, text)
    assert "waited" in waited and "farmers" in farmers
    (only,) = hits(quiet, text)
    assert "farmers" in only and "waited" not in only  # the loop outside the quotation


def test_scope_limits_blocks():
    rule = make("pattern", pattern="ok", scope=["heading"])
    assert hits(rule, "# ok\n\nok here.\n", "a.md") == ["ok"]


def test_no_fix_across_masked_markup():
    rule = make("pattern", pattern=r"the\s+\ufffc?\s*the", fix={"replace": "the", "safe": True})
    (f,) = run_rule(rule, "the `code` the end.\n", "a.md")
    assert f.replacement is None


def test_message_placeholders_numbered_named_and_unknown():
    rule = make("pattern", pattern=r"(?P<word>\w+) (\w+)!", message="{1}/{2}/{word}/{nope}")
    (f,) = run_rule(rule, "big deal!")
    assert f.message == "big/deal/big/{nope}"
