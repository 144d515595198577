"""The `script` kind: untranslated runs of a foreign writing system."""
import pytest

from tlint.kinds import rule_class
from tlint.kinds.base import RuleConfigError
from tlint.packs import run_rule


def make(**spec):
    spec = {"kind": "script", "message": "{script}: {match}",
            "examples": {"flag": ["x"], "pass": ["y"]}, **spec}
    return rule_class("script")("t.script", spec)


def found(text, path="a.txt", **spec):
    return [f.message for f in run_rule(make(**spec), text, path)]


def test_foreign_words_are_reported_with_their_script():
    assert found("The وكالة reported that the Саратов team won.") == ["Arabic: وكالة", "Cyrillic: Саратов"]


def test_a_slug_with_hyphens_and_slashes_is_one_run():
    assert found("See Baghdad.اخبار/العراق-اليوم-2 for more.") == ["Arabic: اخبار/العراق-اليوم-2"]


def test_columns_point_at_the_run():
    (f,) = run_rule(make(), "Intro.\n\nThe رئيس spoke.", "a.txt")
    assert (f.start, f.end) == (12, 16)


@pytest.mark.parametrize("text", [
    "The group (Arabic: جماعة) was founded in 2006.",
    "Protesters chanted “ارحل” outside the ministry.",
    'Protesters chanted "ارحل" outside the ministry.',
    "The word دولة (state) appears twice.",
    "The Café Müller in Zürich reopened in São Paulo.",
])
def test_marked_quotations_and_latin_diacritics_stay_quiet(text):
    assert found(text) == []


def test_quote_blocks_can_be_left_out_by_scope():
    text = "> قال الوزير إن المحادثات انتهت\n\nThe minister spoke.\n"
    assert found(text, "a.md", scope=["paragraph"]) == []
    assert found(text, "a.md") != []


def test_allow_takes_scripts_and_words():
    assert found("Ο Νίκος met the وزير.", allow=["Greek"]) == ["Arabic: وزير"]
    assert found("The وزير met the وكالة.", allow=["وزير"]) == ["Arabic: وكالة"]


def test_scripts_sets_the_document_language_scripts():
    assert found("Министр приехал в Москву.", scripts=["Cyrillic", "Latin"]) == []


def test_unknown_script_name_is_a_config_error():
    with pytest.raises(RuleConfigError, match="unknown script"):
        make(scripts=["Klingon"])


def test_letters_report_lower_case_words_spelt_with_them_not_names():
    text = "Erdoğan visited Ortaköy, where the ipekböceği eggs and the ağa (headman) waited."
    assert found(text, letters="ğı") == ["Latin: ipekböceği"]
    with pytest.raises(RuleConfigError):
        make(letters="ğ1")


def test_glossary_cells_and_italic_words_stay_quiet():
    table = "| Term | Script |\n|---|---|\n| dinar | دينار |\n| fee | التسعيرة of the month |\n"
    assert found(table, "g.md") == ["Arabic: التسعيرة"]
    assert found("The book keeps *ağa* where English fails.", "r.md", letters="ğı") == []
