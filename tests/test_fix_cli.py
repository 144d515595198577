"""`tlint fix` and `tlint check --fix` end to end: the seed article, --diff, stdin, exit codes,
the summary, and files that cannot be written."""
import shutil
import textwrap

import pytest
from click.testing import CliRunner

import tlint
from conftest import SEED_TXT, SEEDS
from tlint.cli import main


def run_bytes(*args, input=None):
    """Like the `cli` fixture, but stdout as bytes: CliRunner's text view turns CRLF into LF."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


# the rules behind the three fixes this branch can make on the seed (line 31 needs another)
SEED_RULES = "credits.leaked-credit,punctuation.doubled-stop"


def seed_expected(original: bytes, with_pronoun: bool) -> bytes:
    """The seed article after exactly the safe fixes listed in shared/seeds/ARTIFACTS.md."""
    lines = original.split(b"\n")
    edits = {9: (b"sites only. .", b"sites only."),
             11: (b"supported the (Anatolian) protests", b"supported the protests"),
             25: (b"bases in Iraq (European)", b"bases in Iraq")}
    if with_pronoun:
        edits[31] = (b"implement His plan.", b"implement his plan.")
    for n, (old, new) in edits.items():
        assert lines[n - 1].count(old) == 1
        lines[n - 1] = lines[n - 1].replace(old, new)
    return b"\n".join(lines)


@pytest.fixture
def seed_copy(tmp_path):
    f = tmp_path / SEED_TXT.name
    shutil.copyfile(SEED_TXT, f)
    return f


def test_seed_article_gets_exactly_the_listed_safe_fixes(cli, seed_copy):
    """All default packs run; the pronoun fix on line 31 is part of the pin once a rule flags it."""
    original = seed_copy.read_bytes()
    flagged_31 = any(d.line == 31 for d in tlint.lint_text(original.decode(), str(seed_copy)))
    if not flagged_31:
        pytest.skip("no rule flags 'His plan' on line 31 yet (the capital-pronoun rule is not merged)")
    code, out, err = cli("fix", str(seed_copy))
    assert seed_copy.read_bytes() == seed_expected(original, with_pronoun=True), err
    assert "Fixed 4 problems in 1 file" in out


def test_seed_article_credit_and_punctuation_fixes_are_exact(cli, seed_copy):
    original = seed_copy.read_bytes()
    code, out, _ = cli("fix", str(seed_copy), "--select", SEED_RULES)
    assert seed_copy.read_bytes() == seed_expected(original, with_pronoun=False)
    assert not seed_copy.read_bytes().endswith(b"\n")  # the seed has no final newline
    assert "Fixed 3 problems in 1 file (1 file checked)." in out
    assert code == 0
    # fixing again changes nothing
    code, out, _ = cli("fix", str(seed_copy), "--select", SEED_RULES)
    assert "Fixed 0 problems in 0 files" in out and code == 0


def test_diff_prints_a_patch_writes_nothing_and_exits_1(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Intro line.\n\nThe crowd met the (Anatolian) mayor. .\n")
    code, out, err = cli("fix", "--diff", str(f))
    assert f.read_text() == "Intro line.\n\nThe crowd met the (Anatolian) mayor. .\n"
    assert out == (f"--- {f}\n+++ {f}\n@@ -1,3 +1,3 @@\n Intro line.\n \n"
                   "-The crowd met the (Anatolian) mayor. .\n+The crowd met the mayor.\n")
    assert "Would fix 2 problems in 1 file" in err
    assert code == 1
    cli("fix", str(f))
    code, out, _ = cli("fix", "--diff", str(f))
    assert out == "" and code == 0


def test_check_fix_is_fix(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("It ended. .\n")
    code, out, _ = cli("check", "--fix", str(f))
    assert f.read_text() == "It ended.\n" and code == 0
    assert "Fixed 1 problem in 1 file" in out
    code, _, err = cli("check", "--unsafe", str(f))
    assert code == 2 and "--unsafe needs --fix" in err


def test_stdin_to_stdout_keeps_crlf_and_bom():
    raw = "\ufeffTitle here\r\n\r\nIt ended. .\r\nThe minister,, who came.".encode("utf-8")
    code, out, err = run_bytes("fix", "-", "--stdin-filename", "piece.txt", input=raw)
    assert out == "\ufeffTitle here\r\n\r\nIt ended.\r\nThe minister, who came.".encode("utf-8")
    assert "Fixed 2 problems in 1 file" in err
    assert code == 0


def test_stdin_that_cannot_be_fixed_comes_back_unchanged():
    raw = b"caf\xe9 ended. .\n"
    code, out, err = run_bytes("fix", "-", input=raw)
    assert out == raw and code == 2 and "not valid UTF-8" in err


def test_stdin_diff_and_markdown_code_left_alone(cli):
    code, out, _ = cli("fix", "-", "--diff", "--stdin-filename", "a.md",
                       input="```\nsites only. .\n```\n\nsites only. .\n")
    assert "-sites only. .\n+sites only.\n" in out and out.count("\n-") == 1
    assert code == 1


def test_exit_1_and_summary_by_rule_when_problems_are_left(cli, tmp_path):
    pack = tmp_path / "h.yaml"
    pack.write_text(textwrap.dedent("""\
        pack: h
        rules:
          hedge:
            kind: terms
            level: warning
            message: "hedge '{match}'"
            terms: [perhaps]
            examples: {flag: ["perhaps so."], pass: ["surely so."]}
          join:
            kind: pattern
            level: info
            message: fragment
            pattern: '\\. (From)'
            fix: {replace: ' from', safe: false}
            examples: {flag: ["different. From all."], pass: ["different from all."]}
        """))
    (tmp_path / ".tlint.yaml").write_text(f"packs: [punctuation, {pack}]\n")
    f = tmp_path / "a.txt"
    f.write_text("It is perhaps different. From all of them. .\n")
    code, out, _ = cli("fix", str(f))
    assert f.read_text() == "It is perhaps different. From all of them.\n"
    lines = out.splitlines()
    assert lines[0] == "Fixed 1 problem in 1 file (1 file checked)."
    assert lines[1] == "2 problems left (`tlint check` shows where):"
    assert lines[2].split() == ["1", "h.hedge", "warning"]
    assert lines[3].split()[:3] == ["1", "h.join", "info"] and "[~] 1 with an unsafe fix" in lines[3]
    assert lines[4] == "Skipped: 1 unsafe fix not applied (add --unsafe after a look)."
    assert code == 1
    assert cli("fix", str(f), "--fail-on", "error")[0] == 0
    code, out, _ = cli("fix", str(f), "--unsafe", "--fail-on", "error")
    assert f.read_text() == "It is perhaps different from all of them.\n" and code == 0


def test_bad_files_are_one_line_errors_and_the_rest_is_fixed(cli, tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text("It ended. .\n")
    ro = tmp_path / "ro.txt"
    ro.write_text("It ended. .\n")
    ro.chmod(0o444)
    (tmp_path / "latin.txt").write_bytes("caf\xe9 ended. .\n".encode("latin-1"))
    code, out, err = cli("fix", str(tmp_path), str(tmp_path / "gone.md"))
    assert ok.read_text() == "It ended.\n" and ro.read_text() == "It ended. .\n"
    errors = err.strip().splitlines()
    assert len(errors) == 3
    assert f"tlint: {ro}: read-only file; not written" in errors
    assert any("latin.txt:1: not valid UTF-8" in e for e in errors)
    assert f"tlint: {tmp_path / 'gone.md'}: no such file or directory" in errors
    assert "Fixed 1 problem in 1 file (2 files checked)." in out
    assert "1 file could not be fixed or written (see above); 2 files not read (see above)" in out
    assert code == 2


def test_rule_that_never_settles_leaves_the_file_and_exits_2(proc, tmp_path):
    pack = tmp_path / "g.yaml"
    pack.write_text("pack: g\nrules:\n  grow:\n    kind: pattern\n    message: m\n    pattern: '(x+)'\n"
                    "    fix: {replace: '\\1x', safe: true}\n    examples: {flag: [x], pass: [y]}\n")
    (tmp_path / ".tlint.yaml").write_text(f"packs: [{pack}]\n")
    f = tmp_path / "a.txt"
    f.write_text("a x b\n")
    code, out, err = proc("fix", str(f))
    assert f.read_text() == "a x b\n"
    assert code == 2 and "Traceback" not in err
    assert err.strip() == f"tlint: {f}: fixes did not settle after 10 passes (rules g.grow keep changing the text); left unchanged"


def test_markdown_seed_fix_keeps_code_front_matter_and_links(cli, tmp_path):
    f = tmp_path / "ankara.md"
    shutil.copyfile(SEEDS / "ankara-grain-talks.md", f)
    before = f.read_text()
    cli("fix", str(f))
    after = f.read_text()
    assert after == (before.replace("the (Anatolian) negotiators for their patience. .",
                                    "the negotiators for their patience.")
                     .replace("next week (European)\n", "next week\n")
                     .replace("the news,, saying", "the news, saying"))


def test_stdin_mode_in_a_real_process(proc):
    code, out, err = proc("fix", "-", "--stdin-filename", "a.md", input="# T\n\nIt ended. .\n")
    assert out == "# T\n\nIt ended.\n" and code == 0
    assert "Fixed 1 problem in 1 file" in err
