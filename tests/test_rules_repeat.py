"""The built-in `repeat` pack: doubled words, phrase loops, repeated lines."""
from conftest import SEED_TXT

from tlint import config as cfg
from tlint.engine import lint_text


def lint(text, path="a.txt"):
    return [(d.line, d.column, d.rule, d.severity) for d in lint_text(text, path, cfg.Config(select=("repeat",)))]


def test_seed_caption_is_a_near_duplicate_of_line_29_and_nothing_else():
    found = lint(SEED_TXT.read_text(encoding="utf-8"))
    assert found == [(25, 1, "repeat.repeated-line", "warning")]


def test_doubled_word_and_its_fix():
    (d,) = lint_text("The minister said the the talks would resume.", "a.txt", cfg.Config(select=("repeat",)))
    assert d.rule == "repeat.doubled-word" and d.fix.replacement == "" and d.fix.safe
    text = "The minister said the the talks would resume."
    fixed = text[: d.fix.start] + d.fix.replacement + text[d.fix.end :]
    assert fixed == "The minister said the talks would resume."


def test_allowed_doubles_stay_quiet():
    assert lint("What he had had was not enough, and he said that that was final.") == []


def test_phrase_loop():
    assert [r for _, _, r, _ in lint("She kept saying I'm sorry I'm sorry I'm sorry to them.")] == [
        "repeat.phrase-loop"]


def test_headline_repeated_before_the_body():
    text = ("Hundreds of farmers march against the new water tax in the valley\n\n"
            "Hundreds of farmers march against the new water tax in the valley\n\n"
            "The farmers say the tax will ruin them, and they plan to march again next week in the capital.\n")
    assert lint(text) == [(3, 1, "repeat.repeated-line", "warning")]
