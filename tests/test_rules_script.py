"""The built-in `script` pack on whole texts."""
from tlint import config as cfg
from tlint.engine import lint_text


def lint(text, path="a.txt"):
    return [(d.line, d.column, d.end_column, d.severity) for d in lint_text(text, path, cfg.Config(select=("script",)))]


def test_untranslated_words_are_errors_at_their_columns():
    text = "Officials met in Baghdad.\nThe وكالة also reported that the رئيس had left ."
    assert lint(text) == [(2, 5, 10, "error"), (2, 34, 38, "error")]


def test_glossed_and_quoted_foreign_words_stay_quiet():
    text = ("The militia (Arabic: كتائب) was formed in 2003.\n\n"
            "Crowds chanted “ارحل” in the square.\n\n"
            "The term دولة (state) appears in the charter.\n")
    assert lint(text) == []


def test_markdown_quote_blocks_and_code_are_not_checked():
    text = "> قال الوزير إن المحادثات انتهت\n\nThe minister used `وزير` in the file name.\n"
    assert lint(text, "a.md") == []
