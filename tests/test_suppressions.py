"""Inline suppressions in Markdown: <!-- tlint-disable/enable/disable-next-line -->."""
import textwrap

from tlint import lint_text
from tlint.config import Config

UNUSED = "tlint.unused-suppression"


# the packs these tests exercise; other packs (repeated lines, fragments) would only add noise
PACKS = Config(packs=("credits", "punctuation"))


def _lint(md: str, config=PACKS):
    return [(d.line, d.rule) for d in lint_text(textwrap.dedent(md), "a.md", config)]


def test_disable_next_line_silences_only_the_next_line():
    found = _lint("""\
        <!-- tlint-disable-next-line punctuation.doubled-stop -->
        It ended. .

        It ended again. .
        """)
    assert found == [(4, "punctuation.doubled-stop")]


def test_disable_next_line_skips_blank_lines():
    assert _lint("""\
        <!-- tlint-disable-next-line punctuation -->

        It ended. .
        """) == []


def test_disable_enable_region_and_all_rules():
    found = _lint("""\
        Before. .

        <!-- tlint-disable -->
        Inside. . The crowd supported the (Anatolian) protests.
        <!-- tlint-enable -->

        After. .
        """)
    assert found == [(1, "punctuation.doubled-stop"), (7, "punctuation.doubled-stop")]


def test_enable_of_one_rule_keeps_the_others_disabled():
    found = _lint("""\
        <!-- tlint-disable credits punctuation -->
        One. . The crowd supported the (Anatolian) protests.

        <!-- tlint-enable credits -->
        Two. . The crowd supported the (Anatolian) protests.
        """)
    assert found == [(5, "credits.leaked-credit")]


def test_disable_without_enable_runs_to_the_end_and_globs_work():
    found = _lint("""\
        First. .

        <!-- tlint-disable punct* -->
        Second. .

        Third. .
        """)
    assert found == [(1, "punctuation.doubled-stop")]


def test_comment_inside_code_is_not_a_suppression():
    found = _lint("""\
        ```html
        <!-- tlint-disable -->
        ```

        It ended. .

        Shown as code: `<!-- tlint-disable -->` here. .
        """)
    assert [r for _, r in found] == ["punctuation.doubled-stop", "punctuation.doubled-stop"]


def test_inline_comment_in_a_paragraph_suppresses_the_next_line():
    found = _lint("""\
        A first line of the paragraph. <!-- tlint-disable-next-line -->
        and it ended. .
        """)
    assert found == []


def test_unknown_and_unused_rules_are_reported_as_info():
    diags = lint_text(textwrap.dedent("""\
        <!-- tlint-disable-next-line credits punctuation.no-such-rule -->
        A clean sentence.

        <!-- tlint-disable-next-line -->
        Another clean one.
        """), "a.md")
    assert [(d.line, d.rule, d.severity) for d in diags] == [
        (1, UNUSED, "info"), (1, UNUSED, "info"), (4, UNUSED, "info")]
    messages = [d.message for d in diags]
    assert "'credits' silenced nothing" in messages[0]
    assert "Unknown rule 'punctuation.no-such-rule'" in messages[1]
    assert diags[1].column == 38  # points at the unknown rule's name


def test_a_used_suppression_is_not_reported():
    assert _lint("""\
        <!-- tlint-disable-next-line punctuation -->
        It ended. .
        """) == []


def test_unused_report_obeys_ignore_and_severity():
    md = "<!-- tlint-disable-next-line credits -->\nClean.\n"
    assert _lint(md, Config(ignore=(UNUSED,))) == []
    assert _lint(md, Config(ignore=("tlint",))) == []
    diags = lint_text(md, "a.md", Config(severity=((UNUSED, "warning"),)))
    assert [d.severity for d in diags] == ["warning"]


def test_rule_not_enabled_is_neither_unknown_nor_unused():
    """Running with --select credits must not flag every punctuation suppression."""
    md = "<!-- tlint-disable-next-line punctuation -->\nIt ended. .\n"
    assert _lint(md, Config(select=("credits",))) == []


def test_plain_text_has_no_inline_suppressions():
    found = [(d.line, d.rule) for d in lint_text("<!-- tlint-disable -->\nIt ended. .\n", "a.txt")]
    assert found == [(2, "punctuation.doubled-stop")]


def test_suppressions_through_the_cli(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!-- tlint-disable-next-line punctuation -->\nIt ended. .\n")
    code, out, _ = cli("check", str(f))
    assert code == 0 and "No problems found." in out
