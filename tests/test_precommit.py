"""The pre-commit hooks, run by the real pre-commit on a throwaway article repository:
`pre-commit try-repo` and the `.pre-commit-config.yaml` snippet of the README.

pre-commit installs the hook repository into its own virtualenv with pip (the
dependencies come from the package index), so these tests take a while on first run."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, tlint_exe

GIT = ["git", "-c", "user.name=tlint-test", "-c", "user.email=tlint@example.org",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
BAD = "# Talks\n\nThe talks ended on Friday. .\n"
CLEAN = "# Talks\n\nThe talks ended on Friday.\n"
SKIP = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".pytest_cache", "build", "dist",
                              ".venv", "venv", ".hypothesis")


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "pre_commit"]


def _git(cwd, *args) -> str:
    return subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout as pre-commit sees a hook repository: a git repo with the hook
    manifest committed (a copy, so the state of the working tree does not matter)."""
    repo = tmp_path_factory.mktemp("hook-repo") / "tlint"
    shutil.copytree(ROOT, repo, ignore=SKIP)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "tlint under test")
    return repo, _git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def articles(tmp_path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "bad.md").write_text(BAD)
    (tmp_path / "clean.md").write_text(CLEAN)
    _git(tmp_path, "add", "-A")
    return tmp_path


def _env(home: Path) -> dict:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("GITHUB_ACTIONS", None)
    return env


def _run(args, cwd, home):
    p = subprocess.run(_pre_commit() + args, cwd=cwd, env=_env(home), capture_output=True,
                       text=True, timeout=900)
    return p.returncode, p.stdout + p.stderr


def test_try_repo_hook_fails_on_artifacts(hook_repo, articles, tmp_path_factory):
    repo, _ = hook_repo
    code, out = _run(["try-repo", str(repo), "tlint", "--files", "bad.md"], articles,
                     tmp_path_factory.mktemp("pc-home"))
    assert code == 1, out
    assert "bad.md:3:26: error punctuation.doubled-stop" in out


def _fix_available() -> bool:
    return subprocess.run(tlint_exe() + ["fix", "--help"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _fix_available(), reason="`tlint fix` is not in this build yet")
def test_try_repo_fix_hook_rewrites_the_file(hook_repo, articles, tmp_path_factory):
    repo, _ = hook_repo
    code, out = _run(["try-repo", str(repo), "tlint-fix", "--files", "bad.md", "clean.md"], articles,
                     tmp_path_factory.mktemp("pc-home"))
    assert code == 1, out  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in out
    assert (articles / "bad.md").read_text() == CLEAN
    assert (articles / "clean.md").read_text() == CLEAN


def readme_precommit_config() -> dict:
    """The `.pre-commit-config.yaml` snippet of the README, as users copy it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", text, re.S)
    assert m, "README has no .pre-commit-config.yaml snippet"
    return yaml.safe_load(m.group(1))


def test_readme_snippet_names_the_manifest_hooks():
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    ids = {h["id"] for h in manifest}
    snippet_ids = {h["id"] for r in readme_precommit_config()["repos"] for h in r["hooks"]}
    assert ids == {"tlint", "tlint-fix"} and snippet_ids <= ids and "tlint" in snippet_ids


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the `pre-commit run` tests: the hook installs once."""
    return tmp_path_factory.mktemp("pc-home")


def _readme_config(articles: Path, hook_repo) -> Path:
    repo, rev = hook_repo
    config = readme_precommit_config()
    config["repos"][0]["repo"] = str(repo)
    config["repos"][0]["rev"] = rev
    conf = articles.parent / f"{articles.name}-pre-commit-config.yaml"
    conf.write_text(yaml.safe_dump(config))
    return conf


def test_readme_precommit_snippet_runs(hook_repo, articles, pc_home):
    """The README's config, pointed at this checkout, fails on artifacts and passes clean."""
    conf = _readme_config(articles, hook_repo)
    code, out = _run(["run", "tlint", "--config", str(conf), "--files", "clean.md"], articles, pc_home)
    assert code == 0, out
    assert re.search(r"^tlint\.+Passed$", out, re.M), out
    code, out = _run(["run", "tlint", "--config", str(conf), "--files", "bad.md", "clean.md"], articles, pc_home)
    assert code == 1 and "punctuation.doubled-stop" in out, out


def test_hook_honours_exclude_for_files_passed_by_name(hook_repo, articles, pc_home):
    """pre-commit names every changed file; `exclude` in .tlint.yaml still wins."""
    (articles / "drafts").mkdir()
    (articles / "drafts" / "wip.md").write_text(BAD)
    (articles / ".tlint.yaml").write_text("exclude: [drafts]\n")
    _git(articles, "add", "-A")
    conf = _readme_config(articles, hook_repo)
    code, out = _run(["run", "tlint", "--config", str(conf), "--files", "drafts/wip.md", "clean.md"],
                     articles, pc_home)
    assert code == 0, out
    (articles / ".tlint.yaml").write_text("exclude: []\n")
    code, out = _run(["run", "tlint", "--config", str(conf), "--files", "drafts/wip.md"], articles, pc_home)
    assert code == 1 and "drafts/wip.md:3:26" in out, out
