"""`tlint check`, `rules`, `explain`: output contract, exit codes, config and bad input."""
import json

import pytest

from conftest import HEDGE_PACK, SEED_TXT, SEEDS

SEED_FINDINGS = {
    (9, 290, "punctuation.doubled-stop"),
    (11, 49, "credits.leaked-credit"),
    (25, 111, "credits.leaked-credit"),
}


def _json(out):
    return json.loads(out)


def test_seed_article_findings_and_quiet_headings(cli):
    code, out, _ = cli("check", str(SEED_TXT), "--format", "json", "--select", "punctuation,credits")
    items = _json(out)
    found = {(d["line"], d["column"], d["rule"]) for d in items}
    assert SEED_FINDINGS <= found
    assert not any(d["line"] in (13, 27) for d in items)  # the subheadings
    assert code == 1


def test_json_contract_keys_and_types(cli):
    _, out, _ = cli("check", str(SEED_TXT), "--format", "json")
    items = _json(out)
    assert items
    for d in items:
        assert set(d) == {"path", "line", "column", "end_line", "end_column", "rule",
                          "severity", "message", "fix"}
        assert d["severity"] in ("error", "warning", "info")
        assert (d["end_line"], d["end_column"]) > (d["line"], d["column"])
        if d["fix"] is not None:
            assert {"replacement", "safe"} <= set(d["fix"])
    stop = next(d for d in items if d["rule"] == "punctuation.doubled-stop")
    assert stop["fix"]["replacement"] == "." and stop["fix"]["safe"] is True
    assert (stop["line"], stop["column"], stop["end_column"]) == (9, 290, 293)


def test_text_output_has_path_line_col_and_summary(cli):
    code, out, _ = cli("check", str(SEED_TXT), "--select", "credits")
    lines = out.splitlines()
    assert f"{SEED_TXT}:11:49: error credits.leaked-credit" in lines[0]
    assert lines[0].endswith("[*]")
    assert "Found 2 problems (2 errors) in 1 file." in out
    assert code == 1


def test_folder_is_walked_for_markdown_and_text(cli, tmp_path):
    (tmp_path / "a.md").write_text("It ended. .\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("It ended. .\n")
    (tmp_path / "c.html").write_text("It ended. .\n")
    _, out, _ = cli("check", str(tmp_path), "--format", "json")
    paths = sorted(d["path"] for d in _json(out))
    assert paths == [str(tmp_path / "a.md"), str(tmp_path / "sub" / "b.txt")]


def test_markdown_seed_findings_skip_code_front_matter_and_urls(cli):
    _, out, _ = cli("check", str(SEEDS / "ankara-grain-talks.md"), "--format", "json")
    found = {(d["line"], d["rule"]) for d in _json(out)}
    assert (12, "credits.leaked-credit") in found
    assert (12, "punctuation.doubled-stop") in found
    assert (27, "credits.leaked-credit") in found
    assert (31, "punctuation.doubled-comma") in found
    lines_hit = {line for line, _ in found}
    # front matter (2-5), dateline (9), list item look-alike (18), inline code (20), code block (23-24)
    assert not lines_hit & {2, 3, 4, 5, 9, 18, 20, 23, 24}


def test_clean_file_exits_zero(cli, tmp_path):
    f = tmp_path / "clean.md"
    f.write_text("# Title\n\nA clean sentence.\n")
    code, out, _ = cli("check", str(f))
    assert code == 0
    assert "No problems found." in out


def test_select_and_ignore(cli):
    _, out, _ = cli("check", str(SEED_TXT), "--format", "json", "--select", "credits")
    assert {d["rule"] for d in _json(out)} == {"credits.leaked-credit"}
    _, out, _ = cli("check", str(SEED_TXT), "--format", "json", "--ignore", "credits.*,punctuation")
    assert not any(d["rule"].startswith(("credits.", "punctuation.")) for d in _json(out))


def test_fail_on_error_ignores_warnings(cli, tmp_path):
    pack = tmp_path / "warn.yaml"
    pack.write_text(HEDGE_PACK)
    conf = tmp_path / ".tlint.yaml"
    conf.write_text(f"packs: [{pack}]\n")
    art = tmp_path / "a.txt"
    art.write_text("It is perhaps true.\n")
    assert cli("check", str(art))[0] == 1
    assert cli("check", str(art), "--fail-on", "error")[0] == 0


def test_config_discovery_yaml_and_pyproject(cli, tmp_path):
    (tmp_path / "yaml").mkdir()
    (tmp_path / "yaml" / ".tlint.yaml").write_text("ignore: [punctuation]\n")
    (tmp_path / "yaml" / "deep").mkdir()
    (tmp_path / "yaml" / "deep" / "a.txt").write_text("It ended. .\n")
    (tmp_path / "toml").mkdir()
    (tmp_path / "toml" / "pyproject.toml").write_text('[tool.tlint]\nselect = ["credits"]\n')
    (tmp_path / "toml" / "b.txt").write_text("It ended. .\n")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "c.txt").write_text("It ended. .\n")
    _, out, _ = cli("check", str(tmp_path), "--format", "json")
    assert [d["path"] for d in _json(out)] == [str(tmp_path / "plain" / "c.txt")]


def test_explicit_config_option(cli, tmp_path):
    conf = tmp_path / "custom.yaml"
    conf.write_text("ignore: [punctuation]\n")
    art = tmp_path / "a.txt"
    art.write_text("It ended. .\n")
    assert cli("check", str(art), "--config", str(conf))[0] == 0


def test_stdin_with_filename(cli):
    code, out, _ = cli("check", "-", "--stdin-filename", "piece.md", "--format", "json",
                       input="```\nsites only. .\n```\n\nsites only. .\n")
    items = _json(out)
    assert [(d["path"], d["line"]) for d in items] == [("piece.md", 5)]
    assert code == 1


def test_missing_path_is_one_line_and_others_still_linted(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("It ended. .\n")
    code, out, err = cli("check", str(tmp_path / "nope.md"), str(art))
    assert err.strip() == f"tlint: {tmp_path / 'nope.md'}: no such file or directory"
    assert f"{art}:1:" in out
    assert code == 2


def test_undecodable_binary_and_empty_files(cli, tmp_path):
    (tmp_path / "latin.txt").write_bytes("caf\xe9 ended. .\n".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("It ended. .\n")
    code, out, err = cli("check", str(tmp_path))
    errs = err.strip().splitlines()
    assert len(errs) == 3
    assert any("latin.txt:1: not valid UTF-8" in e for e in errs)
    assert any("bin.txt: binary file" in e for e in errs)
    assert any("empty.md: empty file" in e for e in errs)
    assert "ok.txt:1:" in out
    assert code == 2


def test_broken_config_is_one_line_exit_2(cli, tmp_path):
    (tmp_path / ".tlint.yaml").write_text("select: [credits\n")
    (tmp_path / "a.txt").write_text("fine.\n")
    code, out, err = cli("check", str(tmp_path / "a.txt"))
    assert code == 2
    assert err.strip().startswith(f"tlint: {tmp_path / '.tlint.yaml'}:")
    assert "invalid YAML" in err and len(err.strip().splitlines()) == 1


def test_unknown_config_key(cli, tmp_path):
    (tmp_path / ".tlint.yaml").write_text("selekt: [credits]\n")
    (tmp_path / "a.txt").write_text("fine.\n")
    code, _, err = cli("check", str(tmp_path / "a.txt"))
    assert code == 2 and "unknown key 'selekt'" in err


def test_broken_user_pack_is_one_line_exit_2(cli, tmp_path):
    (tmp_path / "bad.yaml").write_text("pack: bad\nrules:\n  r:\n    kind: pattern\n    message: m\n    pattern: '('\n    examples: {flag: [x], pass: [y]}\n")
    (tmp_path / ".tlint.yaml").write_text("packs: [bad.yaml]\n")
    (tmp_path / "a.txt").write_text("fine.\n")
    code, _, err = cli("check", str(tmp_path / "a.txt"))
    assert code == 2
    assert err.strip().startswith(f"tlint: {tmp_path / 'bad.yaml'}:6: bad.r: bad regex")


def test_no_traceback_from_a_real_process(proc, tmp_path):
    (tmp_path / ".tlint.yaml").write_text("fail-on: fatal\n")
    (tmp_path / "a.txt").write_text("fine.\n")
    code, out, err = proc("check", str(tmp_path / "a.txt"))
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = proc("check", str(tmp_path / "missing.txt"))
    assert code == 2 and "Traceback" not in err


def test_rules_lists_packs_and_rules(cli):
    code, out, _ = cli("rules")
    assert code == 0
    assert "credits.leaked-credit" in out and "punctuation.doubled-stop" in out


def test_rules_test_runs_a_pack_examples(cli, tmp_path):
    good = tmp_path / "p.yaml"
    good.write_text("pack: p\nrules:\n  r:\n    kind: pattern\n    message: m\n    pattern: '!!'\n    examples: {flag: ['a!!'], pass: ['a!', 'b!!']}\n")
    code, out, _ = cli("rules", "--test", str(good))
    assert code == 1
    assert "p.r: pass example flagged: 'b!!'" in out
    assert "2 passed, 1 failed" in out


def test_explain_prints_message_level_examples_fix(cli):
    code, out, _ = cli("explain", "punctuation.doubled-stop")
    assert code == 0
    assert "punctuation.doubled-stop (pattern, error)" in out
    assert "Duplicated full stop" in out and "sites only. ." in out and "safe fix" in out


def test_explain_unknown_rule(cli):
    code, _, err = cli("explain", "credits.nope")
    assert code == 2 and "unknown rule 'credits.nope'" in err


def test_public_api_lint_text():
    import tlint

    diags = tlint.lint_text("It was over. .", path="x.txt")
    assert [(d.line, d.column, d.rule) for d in diags] == [(1, 12, "punctuation.doubled-stop")]
    assert isinstance(diags[0], tlint.Diagnostic)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_installed_command_runs_from_another_folder(proc, tmp_path, fmt):
    code, out, err = proc("check", str(SEED_TXT), "--format", fmt, cwd=tmp_path)
    assert code == 1, err
    assert "credits.leaked-credit" in out
