"""Pack loading: every mistake names the pack file, the line and the rule."""
import textwrap

import pytest

from tlint.packs import PackError, builtin_dir, builtin_names, example_failures, load_pack, resolve


def write(tmp_path, body):
    p = tmp_path / "mine.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return str(p)


GOOD_RULE = """
    pack: mine
    rules:
      shout:
        kind: pattern
        message: "Shouting '{match}'"
        pattern: '!!+'
        examples:
          flag: ["Stop!!"]
          pass: ["Stop!"]
"""


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_pack_examples_behave(name):
    pack = load_pack(resolve(name))
    assert pack.rules, f"pack {name} has no rules"
    assert example_failures(pack) == []


def test_builtin_packs_ship_beside_the_code():
    assert {"credits", "punctuation"} <= set(builtin_names())
    assert any(builtin_dir().glob("*.yaml"))


def test_good_pack_loads(tmp_path):
    pack = load_pack(write(tmp_path, GOOD_RULE), run_examples=True)
    assert [r.id for r in pack.rules] == ["mine.shout"]


def _error(tmp_path, body, run_examples=False) -> str:
    with pytest.raises(PackError) as exc:
        load_pack(write(tmp_path, body), run_examples=run_examples)
    return str(exc.value)


def test_unknown_key_names_file_line_and_rule(tmp_path):
    msg = _error(tmp_path, GOOD_RULE.replace("pattern: '!!+'", "pattern: '!!+'\n        patern: x"))
    assert msg.startswith(f"{tmp_path / 'mine.yaml'}:8: mine.shout: unknown key 'patern'")


@pytest.mark.parametrize("old, new, expected", [
    ("'!!+'", "'(!!+'", ":7: mine.shout: bad regex in pattern"),
    ("kind: pattern", "kind: regexp", ":5: mine.shout: unknown kind 'regexp'"),
    ("pattern: '!!+'", "pattern: '!!+'\n        fix: {replace: '\\2', safe: true}",
     "mine.shout: bad fix.replace template"),
    ("pattern: '!!+'", "pattern: [a, b]", "mine.yaml:7: mine.shout: pattern must be a str"),
    ("kind: pattern", "kind: pattern\n        scope: [footer]", "mine.shout: unknown scope 'footer'"),
])
def test_a_broken_rule_is_refused_with_file_line_and_rule(tmp_path, old, new, expected):
    assert expected in _error(tmp_path, GOOD_RULE.replace(old, new))


def test_missing_message(tmp_path):
    msg = _error(tmp_path, GOOD_RULE.replace("""        message: "Shouting '{match}'"\n""", ""))
    assert "mine.yaml:4: mine.shout: missing 'message'" in msg


def test_bad_level(tmp_path):
    msg = _error(tmp_path, GOOD_RULE.replace("kind: pattern", "kind: pattern\n        level: fatal"))
    assert "mine.yaml:6: mine.shout: level must be one of" in msg


def test_examples_required(tmp_path):
    body = GOOD_RULE.replace('          pass: ["Stop!"]\n', "")
    assert "examples need a non-empty 'flag' list and 'pass' list" in _error(tmp_path, body)


def test_flag_example_that_does_not_flag_is_an_error(tmp_path):
    msg = _error(tmp_path, GOOD_RULE.replace('flag: ["Stop!!"]', 'flag: ["Stop."]'), run_examples=True)
    assert "mine.yaml:4: mine.shout: flag example not flagged: 'Stop.'" in msg


def test_pass_example_that_flags_is_an_error(tmp_path):
    msg = _error(tmp_path, GOOD_RULE.replace('pass: ["Stop!"]', 'pass: ["Go!!!"]'), run_examples=True)
    assert "mine.shout: pass example flagged: 'Go!!!'" in msg


def test_invalid_yaml_names_line(tmp_path):
    msg = _error(tmp_path, "pack: mine\nrules:\n  a: [unclosed\n")
    assert "mine.yaml:4: invalid YAML" in msg or "mine.yaml:3: invalid YAML" in msg


def test_unknown_top_level_key(tmp_path):
    assert "mine.yaml:2: unknown key 'rulez'" in _error(tmp_path, "pack: mine\nrulez: {}\n")


def test_unknown_builtin_pack_name():
    with pytest.raises(PackError, match="unknown pack 'nope'"):
        resolve("nope")
