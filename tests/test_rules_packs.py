"""The built-in packs credits, punctuation, glued, encoding and chrome on whole articles:
what they flag, what they leave alone, and what their safe fixes produce."""
from pathlib import Path

import pytest

from tlint.engine import lint_text
from tlint.kinds import rule_class
from tlint.kinds.base import RuleConfigError

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parent.parent / "seeds" / "al-kazemi-washington-post.txt"
PACKS = ("credits.", "punctuation.", "glued.", "encoding.", "chrome.")


def findings(text, path="a.txt", levels=("error", "warning")):
    return [d for d in lint_text(text, path) if d.rule.startswith(PACKS) and d.severity in levels]


def flagged(text, path="a.txt"):
    return {(d.line, d.rule) for d in findings(text, path)}


def apply_safe_fixes(text, path="a.txt"):
    """Apply safe fixes until nothing changes, the way `tlint fix` does."""
    for _ in range(5):
        diags = [d for d in lint_text(text, path) if d.fix is not None and d.fix.safe]
        out, last = text, len(text) + 1
        for d in sorted(diags, key=lambda d: -d.fix.start):
            if d.fix.end <= last:
                out = out[: d.fix.start] + d.fix.replacement + out[d.fix.end :]
                last = d.fix.start
        if out == text:
            return out
        text = out
    return text


def test_scraped_article_flags_each_artifact_on_its_line():
    text = (FIXTURES / "scraped-artifacts.txt").read_text(encoding="utf-8")
    got = flagged(text)
    expected = {
        (3, "chrome.widget-line"), (5, "chrome.widget-line"),
        (7, "punctuation.space-before-punctuation"),
        (9, "punctuation.double-period"),
        (11, "punctuation.missing-space-after-stop"),
        (13, "glued.stop-before-number"),
        (15, "glued.glued-function-word"),
        (17, "encoding.html-entity"), (19, "encoding.html-entity"),
        (21, "encoding.mojibake"),
        (23, "punctuation.unbalanced-parenthesis"), (23, "punctuation.space-inside-brackets"),
        (25, "credits.leaked-credit"),
        (27, "credits.agency-tag"),
        (29, "credits.wire-code"),
        (31, "chrome.widget-line"), (33, "chrome.comment-form"), (35, "chrome.comment-form"),
        (37, "chrome.news-code"), (39, "chrome.widget-line"),
    }
    assert expected <= got
    # nothing on the headline or on lines that carry no artifact
    assert {line for line, _ in got} <= {line for line, _ in expected}


def test_lookalikes_stay_quiet():
    text = (FIXTURES / "scraped-lookalikes.txt").read_text(encoding="utf-8")
    assert findings(text) == []


def test_seed_keeps_exactly_its_artifacts():
    text = SEED.read_text(encoding="utf-8")
    got = {(d.line, d.rule) for d in findings(text)}
    assert got == {
        (9, "punctuation.doubled-stop"),
        (11, "credits.leaked-credit"),
        (25, "credits.leaked-credit"),
    }
    infos = findings(text, levels=("info",))
    assert {d.line for d in infos} == {5}
    assert [text.split("\n")[4][d.column - 1 : d.end_column - 1] for d in infos] == [" - ", " - "]


def test_safe_fixes_repair_the_scraped_article():
    text = (FIXTURES / "scraped-artifacts.txt").read_text(encoding="utf-8")
    fixed = apply_safe_fixes(text)
    assert "would reopen, after crews" in fixed and "northern quay." in fixed
    assert "praised the crews. Engineers" in fixed
    assert "a week of work. 3,400 boats" in fixed
    assert "the harbour master’s deputy" in fixed
    assert 'was "serious but repairable" and' in fixed
    assert "The café on the quay" in fixed
    assert "to the dry dock." in fixed and "(Internet)" not in fixed
    assert "from the quay. The authority" in fixed
    assert fixed.rstrip().endswith("Back to top button")
    assert "PNA/" not in fixed and "next month.\n" in fixed
    # glued words need a human: the unsafe fix is not applied
    assert "TransportMonday" in fixed
    # a second pass changes nothing
    assert apply_safe_fixes(fixed) == fixed


@pytest.mark.parametrize("text", [
    "BAGHDAD (Reuters) - Iraqi Prime Minister Adel Abdul Mahdi met the ambassador.",
    "ANKARA (AA) – Turkey's central bank kept its policy rate unchanged on Thursday.",
    "Iraqi Prime Minister Mohammed Shia al-Sudani. (AFP)",
    "Protesters filled the square in January. (Murtadha Sudani/Anadolu Agency via Getty Images)",
    "He appeared before the Istanbul (Anatolian) Courts on Monday.",
    "Hittite is the oldest attested Indo-European (Anatolian) language.",
    "The wheel has a single zero (European) layout.",
    "The country (European) has joined the union.",
    "It was founded in Syria.22 During the war it grew.",
    "He was killed in a drone attack in 2020.[7] Thereafter, the group split.",
    "The app runs on .NET 8 and version 3.12.0rc1 at 10.30 on Monday.",
    "He paused... then the U.S. envoy spoke.",
    "See https://example.com/news/2020/05/a.b-c and write to desk@example.org today.",
])
def test_lookalikes_named_by_the_issue_are_not_flagged(text):
    assert findings(text) == []


@pytest.mark.parametrize("text, rule", [
    ("The newspaper said that Al-Kazemi supported the (Anatolian) protests", "credits.leaked-credit"),
    ("The talks will resume on Monday. MNA/ 4782554", "credits.wire-code"),
    ("MA/FNA14010921000808", "credits.wire-code"),
    ("{Euphrates News} The governor announced a plan.", "credits.agency-tag"),
    ("Candidates shook hands after the debate at the library in the valley SIMI VALLEY, Calif. (Reuters) - "
     "They attacked their rival.", "credits.inner-dateline"),
    ("against US military or diplomatic sites only. .", "punctuation.doubled-stop"),
    ("He said it was “general.” .", "punctuation.doubled-stop"),
    ("the minister,, who arrived", "punctuation.doubled-comma"),
    ("Crown Prince Abdullah bin Aziz , the defence minister, spoke.", "punctuation.space-before-punctuation"),
    ("between Iraq and Saudi Arabia .", "punctuation.space-before-punctuation"),
    ("The talks ended.The minister left.", "punctuation.missing-space-after-stop"),
    ('He said that "the task is done. " said the envoy.', "punctuation.spaced-closing-quote"),
    ("the rate rose suspiciously “.", "punctuation.spaced-opening-quote"),
    ("The attack was condemned.200,000 Palestinians marched.", "glued.stop-before-number"),
    ("the Central Bank of IraqSaturday, the governor said", "glued.glued-function-word"),
    ("He spoke to Tabiei.anthy 1 and left.", "glued.lowercase-glued-word"),
    ("during the governmentInformation office hours", "glued.camel-glued-word"),
    ("Iraq&amp;rsquo;s parliament met.", "encoding.html-entity"),
    ("Iraqâ€™s parliament met.", "encoding.mojibake"),
    ("see %D8%B1%D8%A6%D8%A7%D8%B3%D8%A9 now", "encoding.percent-encoded"),
    ("The parlia\u200bment met.", "encoding.invisible-char"),
    ("Read more: Oil prices climb after the attack", "chrome.read-more"),
    ("Click to enlarge image", "chrome.widget-line"),
    ("News Code 36284", "chrome.news-code"),
])
def test_each_class_is_flagged(text, rule):
    assert rule in {d.rule for d in findings(text)}


def test_straight_quotes_are_paired_through_the_paragraph():
    good = 'He said "we agree." She said "so do we," and left.'
    assert findings(good) == []
    # the third quote opens a pair but nothing follows it
    bad = 'He said "we agree," adding that the quorum is met."'
    assert [(d.rule, d.column) for d in findings(bad)] == [
        ("punctuation.spaced-opening-quote", len(bad))
    ]


def test_missing_space_at_quote_puts_the_space_on_the_right_side():
    assert apply_safe_fixes('before the end of 2030."We are ready," he said.') == (
        'before the end of 2030. "We are ready," he said.'
    )
    assert apply_safe_fixes('He said "we are ready."Then he left.') == 'He said "we are ready." Then he left.'


def test_chrome_words_inside_sentences_stay_quiet():
    text = ("Share prices rose.\n\nThe font was new.\n\nLeave a reply, he told them.\n\n"
            "Related articles ran elsewhere.\n\nHe must be registered to vote, officials said.\n")
    assert findings(text) == []


def test_chrome_line_inside_a_markdown_list_is_flagged():
    assert ("chrome.widget-line" in
            {d.rule for d in findings("Text of the story.\n\n- Share\n- Print\n", "a.md")})


def test_invisible_and_control_characters_are_stripped():
    assert apply_safe_fixes("The parlia\u200bment met\x07 on Monday.") == "The parliament met on Monday."
    # a zero-width non-joiner is part of Persian spelling
    assert findings("The word \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays.") == []


def test_decode_kind_skips_text_that_does_not_decode():
    rule = rule_class("decode")("t.d", {
        "kind": "decode", "codec": "html", "message": "m", "pattern": "&[a-z]+;",
        "fix": {"safe": True}, "examples": {"flag": ["x"], "pass": ["y"]},
    })
    from tlint.packs import run_rule
    assert run_rule(rule, "a &notanentity; b") == []
    [hit] = run_rule(rule, "a &eacute; b")
    assert hit.replacement == "é"


def test_decode_kind_rejects_an_unknown_codec():
    with pytest.raises(RuleConfigError, match="codec must be one of"):
        rule_class("decode")("t.d", {"kind": "decode", "codec": "rot13", "message": "m",
                                     "pattern": "x", "examples": {}})
