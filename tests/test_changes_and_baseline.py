"""Adopting tlint on an archive: --diff-from REV (real git) and baseline files."""
import json
import subprocess

import pytest

OLD = "Old news. .\n\nThe crowd supported the (Anatolian) protests.\n"


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_text(OLD)
    (tmp_path / "b.md").write_text(OLD)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "archive")
    return tmp_path


def _found(cli, cwd, *args):
    code, out, err = cli("check", ".", "--format", "json", *args, cwd=cwd)
    return code, sorted((d["path"], d["line"], d["rule"]) for d in json.loads(out)), err


def test_diff_from_reports_only_changed_lines(cli, repo):
    # a.md: one new line with an artifact, added above the old ones; b.md untouched
    (repo / "a.md").write_text("Fresh report. .\n\n" + OLD)
    (repo / "new.md").write_text("Brand new. .\n")  # untracked: all its lines are new
    code, found, _ = _found(cli, repo, "--diff-from", "HEAD")
    assert found == [("./a.md", 1, "punctuation.doubled-stop"),
                     ("./new.md", 1, "punctuation.doubled-stop")]
    assert code == 1


def test_diff_from_with_nothing_changed_passes(cli, repo):
    code, found, _ = _found(cli, repo, "--diff-from", "HEAD")
    assert found == [] and code == 0


def test_diff_from_a_committed_range(cli, repo):
    (repo / "b.md").write_text(OLD + "\nAnother one. .\n")
    git(repo, "commit", "-qam", "more")
    _, found, _ = _found(cli, repo, "--diff-from", "HEAD~1")
    assert found == [("./b.md", 5, "punctuation.doubled-stop")]


def test_diff_from_bad_revision_or_no_repository(cli, repo, tmp_path_factory):
    code, _, err = cli("check", ".", "--diff-from", "no-such-rev", cwd=repo)
    assert code == 2 and "no-such-rev" in err and "Traceback" not in err
    elsewhere = tmp_path_factory.mktemp("plain")
    code, _, err = cli("check", ".", "--diff-from", "HEAD", cwd=elsewhere)
    assert code == 2 and err.startswith("tlint: git") and len(err.strip().splitlines()) == 1


def test_baseline_hides_old_findings_and_reports_new_ones(cli, tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    code, out, _ = cli("baseline", ".", cwd=tmp_path)
    assert code == 0 and "Recorded 2 findings in 1 file to .tlint-baseline.json." in out
    entries = json.loads((tmp_path / ".tlint-baseline.json").read_text())["findings"]
    assert {e["rule"] for e in entries} == {"punctuation.doubled-stop", "credits.leaked-credit"}
    assert all("line" not in e for e in entries)
    code, found, _ = _found(cli, tmp_path, "--baseline", ".tlint-baseline.json")
    assert found == [] and code == 0
    # lines move (a paragraph added above) and a new artifact arrives: only it is reported
    (tmp_path / "a.md").write_text("A new lead paragraph. .\n\n" + OLD)
    code, found, _ = _found(cli, tmp_path, "--baseline", ".tlint-baseline.json")
    assert found == [("./a.md", 1, "punctuation.doubled-stop")] and code == 1


def test_baseline_counts_copies(cli, tmp_path):
    (tmp_path / "a.md").write_text("Old news. .\n")
    cli("baseline", ".", "-o", "base.json", cwd=tmp_path)
    (tmp_path / "a.md").write_text("Old news. .\n\nOld news. .\n")  # the same artifact twice
    _, found, _ = _found(cli, tmp_path, "--baseline", "base.json")
    assert found == [("./a.md", 3, "punctuation.doubled-stop")]


def test_baseline_works_from_another_folder(cli, tmp_path):
    """Paths in the baseline are relative to the baseline file, not the working folder."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(OLD)
    (tmp_path / "ci").mkdir()
    assert cli("baseline", "news", "-o", "ci/baseline.json", cwd=tmp_path)[0] == 0
    code, out, _ = cli("check", "a.md", "--baseline", "../ci/baseline.json", cwd=tmp_path / "news")
    assert code == 0 and "No problems found." in out


def test_bad_baseline_is_one_line_exit_2(cli, tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = cli("check", ".", "--baseline", "bad.json", cwd=tmp_path)
    assert code == 2 and "bad.json: not a tlint baseline file" in err
    code, _, err = cli("check", ".", "--baseline", "missing.json", cwd=tmp_path)
    assert code == 2 and "missing.json: baseline file not found" in err
