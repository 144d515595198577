"""Configuration in use: packs by path, severity overrides, select/ignore globs,
per-file-ignores, include/exclude, .gitignore, --force-exclude, `tlint init`."""
import json
import subprocess
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlint import config as cfg

from conftest import HEDGE_PACK

ARTIFACTS = "It is perhaps over. .\nThe crowd supported the (Anatolian) protests.\n"


def _rules(cli, *args, cwd=None):
    code, out, err = cli("check", *args, "--format", "json", cwd=cwd)
    return code, sorted({(d["path"], d["rule"], d["severity"]) for d in json.loads(out)}), err


@pytest.fixture
def project(tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "house.yaml").write_text(HEDGE_PACK)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTIFACTS)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(ARTIFACTS)
    return tmp_path


def test_pack_by_path_with_severity_override_and_glob_ignore(cli, project):
    (project / ".tlint.yaml").write_text(textwrap.dedent("""\
        extend-packs: [packs/house.yaml]
        severity: {house.hedge: error, "credits.*": info}
        ignore: ["punct*"]
        """))
    _, found, _ = _rules(cli, "news", cwd=project)
    assert found == [("news/a.txt", "credits.leaked-credit", "info"),
                     ("news/a.txt", "house.hedge", "error")]


def test_packs_replaces_the_defaults_and_select_glob(cli, project):
    (project / ".tlint.yaml").write_text("packs: [packs/house.yaml, credits]\nselect: ['house.*', credits]\n")
    _, found, _ = _rules(cli, "news", cwd=project)
    assert [r for _, r, _ in found] == ["credits.leaked-credit", "house.hedge"]
    (project / ".tlint.yaml").write_text("packs: [packs/house.yaml]\n")
    _, found, _ = _rules(cli, "news", cwd=project)
    assert [r for _, r, _ in found] == ["house.hedge"]


def test_per_file_ignores(cli, project):
    (project / ".tlint.yaml").write_text('per-file-ignores: {"archive/*": [credits, "punctuation.*"]}\n')
    _, found, _ = _rules(cli, ".", cwd=project)
    assert ("./archive/old.txt", "credits.leaked-credit", "error") not in found
    assert not any(p.startswith("./archive/") and r.startswith("punctuation.") for p, r, _ in found)
    assert ("./news/a.txt", "credits.leaked-credit", "error") in found


def test_include_and_exclude_when_walking(cli, project):
    (project / "news" / "b.rst").write_text(ARTIFACTS)
    (project / ".tlint.yaml").write_text('include: ["*.txt", "*.rst"]\nexclude: ["archive"]\n')
    _, found, _ = _rules(cli, ".", cwd=project)
    assert {p for p, _, _ in found} == {"./news/a.txt", "./news/b.rst"}


def _git_repo(path):
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def test_gitignore_is_respected_when_walking(cli, project):
    _git_repo(project)
    (project / ".gitignore").write_text("archive/\n*.draft.txt\n")
    (project / "news" / "x.draft.txt").write_text(ARTIFACTS)
    (project / "news" / ".gitignore").write_text("local-*.txt\n!local-keep.txt\n")
    (project / "news" / "local-tmp.txt").write_text(ARTIFACTS)
    (project / "news" / "local-keep.txt").write_text(ARTIFACTS)
    _, found, _ = _rules(cli, ".", cwd=project)
    assert {p for p, _, _ in found} == {"./news/a.txt", "./news/local-keep.txt"}


def test_gitignore_outside_a_repository_is_ignored(cli, project):
    """Like git itself: a .gitignore with no repository around it means nothing."""
    (project / ".gitignore").write_text("archive/\n")
    _, found, _ = _rules(cli, ".", cwd=project)
    assert "./archive/old.txt" in {p for p, _, _ in found}


def test_named_files_are_linted_unless_force_exclude(cli, project):
    _git_repo(project)
    (project / ".tlint.yaml").write_text('exclude: ["archive/*"]\n')
    (project / ".gitignore").write_text("scratch.txt\n")
    (project / "scratch.txt").write_text(ARTIFACTS)
    names = ("archive/old.txt", "news/a.txt", "scratch.txt")
    _, found, _ = _rules(cli, *names, cwd=project)
    assert {p for p, _, _ in found} == set(names)
    code, found, _ = _rules(cli, "--force-exclude", *names, cwd=project)
    assert {p for p, _, _ in found} == {"news/a.txt"}
    code, out, _ = cli("check", "--force-exclude", "archive/old.txt", cwd=project)
    assert code == 0 and "No problems found." in out


def test_init_writes_a_commented_config_that_loads(cli, tmp_path):
    code, out, _ = cli("init", cwd=tmp_path)
    target = tmp_path / ".tlint.yaml"
    assert code == 0 and "Wrote" in out
    text = target.read_text()
    assert "#   credits" in text and "#   punctuation" in text  # the built-in packs, listed
    assert text.count("\n#") > 10
    loaded = cfg.load_file(str(target))
    assert loaded.fail_on == "warning" and loaded.include == ("*.md", "*.markdown", "*.txt")
    # the starter config lints like the defaults
    (tmp_path / "a.md").write_text("It ended. .\n")
    code, out, _ = cli("check", "a.md", cwd=tmp_path)
    assert code == 1 and "punctuation.doubled-stop" in out


def test_init_refuses_to_overwrite(cli, tmp_path):
    (tmp_path / ".tlint.yaml").write_text("select: [credits]\n")
    code, _, err = cli("init", str(tmp_path))
    assert code == 2 and "already exists" in err and "Traceback" not in err
    assert (tmp_path / ".tlint.yaml").read_text() == "select: [credits]\n"
    assert cli("init", str(tmp_path), "--force")[0] == 0
    assert "fail-on: warning" in (tmp_path / ".tlint.yaml").read_text()


def _path_matches_by_fnmatch(path, globs):
    """path_matches without a config root, spelled out glob by glob (its specification)."""
    import fnmatch
    from pathlib import Path

    p = Path(path)
    rel = p.as_posix()
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(p.name, g) or rel.startswith(g.rstrip("/") + "/")
               for g in globs)


_PATH_PARTS = st.sampled_from(["news", "archive", ".", "..", "", "a.md", "b.txt", "x.draft.txt", "[a]", "*"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PATH_PARTS, min_size=1, max_size=5).map("/".join),
       st.lists(st.sampled_from(["*.md", "*.txt", "archive", "archive/*", "news/", "*/b.txt", "[ab].md",
                                 "x.*.txt", "**/a.md", "?.md", "/abs/*"]), min_size=1, max_size=3))
def test_a_path_matches_the_globs_as_fnmatch_says(path, globs):
    # (a walk asks this of every file: one compiled regex per glob set, each folder's
    # part worked out once; the answer must stay fnmatch's, glob by glob)
    for candidate in (path, "/" + path, "./" + path, path + "/"):
        assert cfg.path_matches(candidate, tuple(globs), None) == _path_matches_by_fnmatch(candidate, globs), candidate
