"""The Hyperscan gate lets the pattern rules skip blocks: each rule's approximation must
match wherever the rule does (soundness), and findings with and without the gate must be
identical. Without Hyperscan (another platform) there is simply no gate."""
import re
from pathlib import Path

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from tlint import config, engine, gate
from tlint.document import Block, parse

ROOT = Path(__file__).resolve().parent.parent
hyperscan = pytest.importorskip("hyperscan")  # the gate is optional; so are its tests


def _rules():
    return [r for r in engine.ruleset(config.Config()).rules if getattr(r, "regex", None) is not None]


@pytest.fixture(scope="module")
def the_gate():
    return gate.Gate(_rules())


def _block(text):
    return Block("paragraph", text, list(range(len(text))), 0, len(text))


def test_every_builtin_pattern_rule_is_gated(the_gate):
    rules = _rules()
    assert sum(the_gate.gates(r) for r in rules) == len(rules)


@pytest.mark.parametrize("pattern", [r"(a)?(?(1)b|c)", r"(?:abc){e<=1}", r"(a|b(?1))"])
def test_a_construct_the_walk_does_not_know_leaves_the_rule_ungated(pattern):
    assert gate.approximate(pattern) is None


def _pieces():
    """Words and marks the rules look for (their flag examples too), in several cases,
    plus characters that stress the byte-level approximation."""
    out = set(" \n\t.,:;!?()[]{}\"'’”“«»-–—%/@#*&_=+0123456789KkSsſ\u212a\u00a0\u200b\u200f"
              "\ufffcéÉüÜçÇşŞığĞİ年中ءاب٢")
    for rule in _rules():
        for example in rule.examples.get("flag", []):
            text = example.get("text", "") if isinstance(example, dict) else example
            out.update(text.split())
            out.add(text)
        for plain, folded in getattr(rule.could_match, "needs", ()):
            words = list(folded) + (list(plain) if isinstance(plain, tuple) else [])
            out.update(w for word in words for w in (word, word.upper(), word.title()))
    return sorted(out)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), min_size=1, max_size=14),
       st.sampled_from(["", " ", "  ", "\n"]))
def test_a_block_the_gate_skips_never_holds_a_match(the_gate, pieces, glue):
    text = glue.join(pieces)
    block = _block(text)
    for rule in _rules():
        if any(m.end() > m.start() for m in rule.regex.finditer(text)):
            assert the_gate.could_match(rule, block), (rule.id, text)


@pytest.mark.parametrize("pattern, flagged, skipped", [
    (r"(?V1)[\p{Uppercase}&&[Tt]]he", "said The", "the ’he"),   # an intersection with ASCII
    (r"[Tt]he", "the", "tee"),
    (r"\p{Lu}he", "Éhe", "she"),                                    # a non-ASCII capital may match
])
def test_an_intersection_with_ascii_letters_matches_those_letters_only(pattern, flagged, skipped):
    # the capital check's gate pattern relies on this: "[\p{Uppercase}&&[Tt]]" must not
    # stand for "any non-ASCII character" (every curly apostrophe before "he" would flag)
    approx = re.compile(gate.approximate(pattern).encode("latin-1"), re.S)
    assert approx.search(flagged.encode())
    assert not approx.search(skipped.encode())



def test_the_case_partners_are_those_the_regex_module_folds_ascii_letters_to():
    import string

    import regex

    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    for other in set(regex.findall("(?i)[a-zA-Z]", every)):
        for letter in string.ascii_letters:
            if regex.fullmatch(f"(?i){letter}", other) or regex.fullmatch(f"(?i)[{letter}]", other):
                assert other in gate._CASE_PARTNERS.get(letter.lower(), ""), (letter, other)


@pytest.mark.parametrize("pattern, text", [
    (r"(?i)link", "l\u0130nk"), (r"(?i)LINK", "l\u0131nk"), (r"(?i)[hi]+", "\u0130"),
    (r"(?i)news", "NEW\u017f"), (r"(?i)[a-k]", "\u212a"),
])
def test_a_letter_under_ignorecase_matches_its_non_ascii_case_partners(gate_cache, pattern, text):
    rule = _Rule(pattern)
    assert rule.regex.search(text) and gate.Gate([rule]).could_match(rule, _block(text))


def test_full_case_folding_leaves_the_rule_ungated():
    # `(?iV1)fi` matches "ﬁ": one character for two, which the byte walk does not follow
    assert gate.approximate(r"(?iV1)fi") is None and gate.approximate(r"(?fi)ss") is None


# Random patterns over a small alphabet, built from every construct whose approximation
# depends on where it stands: lookarounds (matched as prefixes, suffixes or conjuncts),
# anchors, boundaries, \K, groups, alternatives and repeats.
_ATOMS = st.sampled_from(["a", "b", " ", "\\n", ".", "[ab]", "[^a]", "[^\\n]", "\\w", "\\s", "a*", "b+",
                         "“", "[“”a]", "[^”]", "[é-ê]", "(?i:[^a])", "(?i:[aé])", "(?i:i)", "(?i:[kS])"])
_LOOK = st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"])


def _compose(children):
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: f"(?:{p[0]}|{p[1]})"),
        children.map(lambda c: f"(?:{c})?"), children.map(lambda c: f"(?:{c}){{1,3}}"),
        st.tuples(_LOOK, children).map(lambda p: f"{p[0]}{p[1]})"),
        # a lookaround before or after what the match consumes: the cases that matter
        st.tuples(_LOOK, children, children, st.booleans())
        .map(lambda p: f"{p[0]}{p[1]}){p[2]}" if p[3] else f"{p[2]}{p[0]}{p[1]})"),
        st.tuples(st.sampled_from(["^", "$", "\\A", "\\Z", "\\z", "\\b", "\\K"]), children, st.booleans())
        .map(lambda p: p[0] + p[1] if p[2] else p[1] + p[0]),
    )


_PATTERNS = st.recursive(_ATOMS, _compose, max_leaves=8)


class _Rule:
    def __init__(self, pattern):
        import regex

        self.regex = regex.compile(pattern)


@pytest.fixture(scope="module")
def gate_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TLINT_CACHE_DIR", str(tmp_path_factory.mktemp("gate-cache")))
        yield


def _matches(rule, text: str) -> bool:
    """Whether the rule's own pattern (the oracle) finds a non-empty match in `text`. A
    random pattern can backtrack for minutes even on a dozen characters: such a draw is
    no example (hypothesis draws another) rather than a hung suite."""
    try:
        return any(m.end() > m.start() for m in rule.regex.finditer(text, timeout=2.0))
    except TimeoutError:
        reject()


@settings(max_examples=300, deadline=None)
@given(_PATTERNS, st.lists(st.text("ab .\n“”éêAÉiIkS\u0130\u0131\u212a\u017f", max_size=12), min_size=1, max_size=4))
def test_lookarounds_anchors_and_combinations_never_skip_a_match(gate_cache, pattern, texts):
    rule = _Rule(pattern)
    g = gate.Gate([rule])
    if not g.gates(rule):
        return  # ungated: the rule runs everywhere, nothing to prove
    for text in texts:
        if _matches(rule, text):
            assert g.could_match(rule, _block(text)), (pattern, text, gate.approximate(pattern),
                                                       gate.alternatives(pattern))


# A lookbehind after what the match consumes, in one alternative of several, with
# assertions after it: what the same-end parts are derived from.
_SAME_END = st.tuples(_PATTERNS, st.sampled_from(["", "^", "\\A", "(?m)^"]), _PATTERNS,
                      st.sampled_from(["", "$", "(?=a)", "(?!b)", "\\b", "(?=[^a]*$)"]), _PATTERNS,
                      st.booleans())


def _same_end_pattern(p):
    consumed, anchor, body, after, other, alone = p
    flags, anchor = ("(?m)", "^") if anchor == "(?m)^" else ("", anchor)
    one = f"{consumed}(?<={anchor}{body}){after}"
    return flags + (one if alone else f"{one}|{other}")


@settings(max_examples=300, deadline=None)
@given(_SAME_END.map(_same_end_pattern), st.lists(st.text("ab \n\"“é", max_size=12), min_size=1, max_size=4))
def test_same_end_parts_never_skip_a_match(gate_cache, pattern, texts):
    rule = _Rule(pattern)
    g = gate.Gate([rule])
    if not g.gates(rule):
        return
    doc = parse("\n\n".join(texts), "a.txt")
    doc.blocks[:] = [_block(text) for text in texts]
    g.could_fire(rule, doc)
    for block in doc.blocks:
        if _matches(rule, block.text):
            assert g.could_match(rule, block), (pattern, block.text, gate.alternatives(pattern))


@settings(max_examples=300, deadline=None)
@given(_PATTERNS, st.lists(st.text("ab .\n“”éêAÉiIkS\u0130\u0131\u212a\u017f", max_size=12), min_size=1, max_size=5))
def test_an_article_pass_flags_each_block_as_a_pass_over_the_block_alone(gate_cache, pattern, texts):
    """The article is scanned whole (its blocks between \\xff and \\xfe): no match may run
    from one block into the next, and every block gets what it alone would get."""
    rule = _Rule(pattern)
    g = gate.Gate([rule])
    if not g.gates(rule):
        return
    alone = [g.could_match(rule, _block(text)) for text in texts]
    doc = parse("\n\n".join(texts), "a.txt")
    doc.blocks[:] = [_block(text) for text in texts]
    g.could_fire(rule, doc)  # the article's pass: every block's ids kept with the block
    assert [g.could_match(rule, b) for b in doc.blocks] == alone, (pattern, gate.approximate(pattern))
    assert g.could_fire(rule, doc) == any(alone)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_pieces()), min_size=1, max_size=8).map(" ".join),
                min_size=1, max_size=6))
def test_the_rules_article_pass_matches_their_block_pass(the_gate, texts):
    rules = [r for r in _rules() if the_gate.gates(r)]
    alone = [[the_gate.could_match(r, _block(t)) for r in rules] for t in texts]
    doc = parse("\n\n".join(texts), "a.txt")
    doc.blocks[:] = [_block(text) for text in texts]
    fired = the_gate.fired_rules(doc)
    assert [[the_gate.could_match(r, b) for r in rules] for b in doc.blocks] == alone
    assert {r for r, *flags in zip(rules, *alone) if any(flags)} == set(fired)


@pytest.mark.parametrize("pattern", [r"x*", r"(?:ab)?\b", r"(?:a|b*)", r"\d{0,3}(?=x?)"])
def test_an_approximation_matching_the_empty_string_leaves_the_rule_ungated(gate_cache, pattern):
    # it would be reported at every byte of the article, and every block holds it
    rule = _Rule(pattern)
    assert not gate.Gate([rule]).gates(rule)


def test_an_empty_match_at_a_line_start_flags_that_block(gate_cache):
    # (Hyperscan reports `^` on its own: at every line start, each in its block)
    rule = _Rule(r"(?m)^")
    g = gate.Gate([rule])
    doc = parse("a\nb\n\nc\n", "a.txt")
    assert g.could_fire(rule, doc) and all(g.could_match(rule, b) for b in doc.blocks)


@pytest.mark.parametrize("pattern, flagged, skipped", [
    # a lookbehind opening the pattern is its prefix, a lookahead closing it its suffix
    (r"(?<=\p{Ll}{2})\.(?=\p{Lu})", "the end.Then", "the end. Then"),
    (r"\b(?:May|June)(?=\d{1,4}\b)", "in May2024", "in May 2024"),
    # a lookahead before what the match consumes: the block must hold both
    (r"(?=[.!?]\h+(?:AFP|Reuters)\h*$)[.!?]\h+\K\p{Lu}.*", "it said. AFP", "it said. Then more"),
    # a negated ASCII character is every byte but that one; listed non-ASCII characters
    # are their own bytes, not any non-ASCII one
    (r"\((?=[^)]*$)", "a (b", "a (b) é"),
    (r"[a-z][“”]", "said”", "saidé"),
    # the line start the prefix ends on (Hyperscan refuses a `^` after it)
    (r"(?m)^(?<=b\n)a", "b\na", "c\na"),
    # a lookbehind after what the match consumes ends where the match does: a spaced
    # quote that closes (the second), not one that opens (the third)
    (r'\h+"(?<=^(?:[^"]*"[^"]*")+)|\h+”', 'He said "yes " and left', 'He said "yes" and "no"'),
    (r"\d[a-z](?<=[xy]\d[a-z])", "x1b", "z1b x1 y2"),
    # a lookahead inside one alternative: that alternative needs it in the block
    (r"(?m)^(?=[^\n]*\h»\h)[^\n.!?]{1,120}$|^home\h*>", "News » World", "Just a heading"),
])
def test_lookarounds_narrow_the_blocks_flagged(gate_cache, pattern, flagged, skipped):
    rule = _Rule(pattern)
    g = gate.Gate([rule])
    assert g.gates(rule)
    assert rule.regex.search(flagged) and g.could_match(rule, _block(flagged))
    assert not rule.regex.search(skipped) and not g.could_match(rule, _block(skipped))


def test_findings_are_identical_without_the_gate():
    rules = engine.ruleset(config.Config())
    texts = [p for p in (ROOT / "tests" / "fixtures").iterdir()] + list((ROOT / "seeds").glob("*.*"))
    texts += [p for p in (ROOT / "tests").glob("heldout*/*") if p.suffix in (".md", ".txt")]
    sources = [(p.read_text(encoding="utf-8"), str(p)) for p in texts]
    with_gate = []
    for text, path in sources:
        doc = parse(text, path)
        with_gate.append(engine.lint_document(doc, rules))
    assert engine.gate(rules, build=False) is not None  # it was built and used
    state = dict(rules.gate_state)
    rules.gate_state.clear()
    rules.gate_state["gate"] = None
    try:
        without = [engine.lint_document(parse(text, path), rules) for text, path in sources]
    finally:
        rules.gate_state.clear()
        rules.gate_state.update(state)
    assert with_gate == without
    assert sum(len(d) for d in without) > 100


def test_one_article_is_linted_without_building_the_gate():
    rules = engine.RuleSet(engine.ruleset(config.Config()).rules)  # a fresh rule set
    engine.lint_document(parse("One article. It ends here.\n", "a.txt"), rules)
    engine.lint_document(parse("One article. It ends here.\n", "a.txt"), rules)  # fix re-lints
    assert "gate" not in rules.gate_state
    engine.lint_document(parse("Another article.\n", "b.txt"), rules)
    assert engine.gate(rules, build=False) is not None


def test_without_hyperscan_there_is_no_gate(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_hyperscan(name, *args, **kwargs):
        if name == "hyperscan":
            raise ImportError("no wheel for this platform")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_hyperscan)
    rules = engine.RuleSet(engine.ruleset(config.Config()).rules)
    assert engine.gate(rules) is None
    found = engine.lint_document(parse("A word  .\n\nAnother one , here.\n", "a.txt"), rules)
    assert found  # the rules still run, on every block


def test_an_expression_hyperscan_refuses_leaves_only_its_rule_ungated(monkeypatch, tmp_path):
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path))
    rules = _rules()
    refused, refused_part = rules[3], next(r for r in rules if r.id == "punctuation.spaced-closing-quote")
    real = gate.alternatives

    def alternatives(pattern, flags=0):
        if pattern == refused.regex.pattern:
            return [("(?<=a)b", [], [])]  # a lookbehind: Hyperscan refuses it
        if pattern == refused_part.regex.pattern:  # (a rule of several parts)
            return [(main, ["(?<=a)b"], conj) for main, _, conj in real(pattern, flags)]
        return real(pattern, flags)

    monkeypatch.setattr(gate, "alternatives", alternatives)
    for _ in range(2):  # built, then loaded from the cache with the same answer
        g = gate.Gate(rules)
        assert g.db is not None and not g.gates(refused) and not g.gates(refused_part)
        assert sum(g.gates(r) for r in rules) == len(rules) - 2


def test_a_second_run_loads_the_gate_and_a_changed_pattern_builds_it_anew(monkeypatch, tmp_path):
    """Deriving the approximations costs a multi-file run ~0.3 s: a run after the first
    loads them; a pack edit that changes a pattern must not be served the old ones."""
    import copy

    import regex

    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path))
    rules = _rules()[:12]
    first = gate.Gate(rules)
    derived = []
    real = gate.alternatives
    monkeypatch.setattr(gate, "alternatives", lambda p, f=0: derived.append(p) or real(p, f))
    second = gate.Gate(rules)
    assert derived == [] and second.index == first.index and second.index
    block = _block("A sentence with a doubled  space and a comma ,here. (AFP) 2024.Then")
    assert [second.could_match(r, block) for r in rules] == [first.could_match(r, block) for r in rules]
    changed = copy.copy(rules[0])
    changed.regex = regex.compile(r"zq\d+zq")
    third = gate.Gate([changed] + rules[1:])
    assert changed.regex.pattern in derived
    assert third.could_match(changed, _block("a zq12zq b")) and not third.could_match(changed, block)


def test_threads_lint_without_the_gate_and_get_the_same_findings():
    """The gate's scratch space serves one thread; a library user's threads go ungated."""
    import threading

    rules = engine.ruleset(config.Config())
    text = "A word  .\n\nAnother one , here. The (Anatolian) protests went on.\n"
    engine.lint_document(parse("Warm up.\n", "x.txt"), rules)
    main = engine.lint_document(parse(text, "a.txt"), rules)
    results = []

    def work():
        doc = parse(text, "a.txt")
        results.append((engine.lint_document(doc, rules), doc.memo.get("gate")))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(found == main and g is None for found, g in results)
