"""`tlint check` options for CI: --exit-zero, --statistics, --quiet, the progress bar."""
import json
import os
import pty
import subprocess

from conftest import SEED_TXT, SEEDS, tlint_exe


def test_exit_zero_reports_but_passes(cli):
    code, out, _ = cli("check", str(SEED_TXT), "--exit-zero")
    assert code == 0
    assert "punctuation.doubled-stop" in out


def test_exit_zero_still_fails_on_unreadable_input(cli, tmp_path):
    code, _, err = cli("check", str(tmp_path / "missing.md"), "--exit-zero")
    assert code == 2 and "missing.md" in err


def test_statistics_counts_per_rule(cli):
    code, out, _ = cli("check", str(SEEDS), "--statistics", "--select", "credits,punctuation")
    lines = out.splitlines()
    _, listing, _ = cli("check", str(SEEDS), "--format", "json", "--select", "credits,punctuation")
    items = json.loads(listing)
    credit = sum(1 for d in items if d["rule"] == "credits.leaked-credit")
    assert lines[0].split() == [str(credit), "credits.leaked-credit", "[*]"]
    assert lines[-1] == f"{len(items)} problems from {len({d['rule'] for d in items})} rules."
    assert not any(":" in line.split()[0] for line in lines)  # no per-finding lines
    assert code == 1


def test_statistics_json(cli):
    _, out, _ = cli("check", str(SEED_TXT), "--statistics", "--format", "json", "--select", "credits")
    assert json.loads(out) == [{"rule": "credits.leaked-credit", "count": 2, "fixable": 2}]


def test_quiet_prints_findings_only(cli, tmp_path):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "a.md").write_text("It ended. .\n")
    code, out, err = cli("check", str(tmp_path), "--quiet")
    assert out.splitlines() == [f"{tmp_path / 'a.md'}:1:9: error punctuation.doubled-stop Duplicated full stop '. .' [*]"]
    assert err == "" and code == 1
    code, out, _ = cli("check", str(tmp_path / "empty.md"), "-q")
    assert out == "" and code == 0


def _run_with_tty_stderr(args, cwd):
    """Run tlint with stderr on a pseudo-terminal (as in an interactive shell)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(tlint_exe() + args, cwd=cwd, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    out = p.stdout.read()
    p.wait(timeout=120)
    os.close(master)
    return p.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_for_long_runs(tmp_path):
    for i in range(25):
        (tmp_path / f"a{i:02}.md").write_text("A clean sentence.\n")
    code, out, err = _run_with_tty_stderr(["check", "."], tmp_path)
    assert code == 0 and "No problems found." in out
    assert "tlint" in err and "25/25" in err
    # piped stderr (CI logs): no bar
    p = subprocess.run(tlint_exe() + ["check", "."], cwd=tmp_path, capture_output=True, text=True)
    assert p.stderr == ""
    # --quiet: no bar either
    _, _, err = _run_with_tty_stderr(["check", ".", "-q"], tmp_path)
    assert "25/25" not in err
