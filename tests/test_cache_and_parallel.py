"""The result cache (answers unchanged files, forgets on any change that could alter a
finding) and the process pool (same findings, same order as one process)."""
import json
import shutil
from pathlib import Path

import pytest

from tlint import cache, engine, runner
from tlint import config as cfg

ARTICLE = """# Council Approves the Harbour Budget

The city council approved the harbour budget on Monday after a long debate about the the
cost of dredging, which officials put at 4.5 million dollars.

Work on the northern quay will start in spring.The contractor said the the schedule was
tight but achievable, and residents were told about the closures (Anatolian) this week.

Opponents argued that the plan ignored the fishermen who use the old slipway every day.
"""


def _write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"article-{i:02d}.md"
        # vary the text so files differ (some clean, some with more findings)
        body = ARTICLE.replace("Monday", ["Monday", "Tuesday", "Friday"][i % 3])
        if i % 4 == 0:
            body += "\nThe mayor said he he would attend.\n"
        p.write_text(body, encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """A cache folder per test: entries are keyed by path, and these tests reuse names."""
    monkeypatch.setenv("TLINT_CACHE_DIR", str(tmp_path / "cachedir"))


@pytest.fixture
def count_lints(monkeypatch):
    """Counts how many files are really linted (not answered from the cache)."""
    calls = []
    real = engine.lint_source

    def counting(src, config):
        calls.append(src.path)
        return real(src, config)

    monkeypatch.setattr(engine, "lint_source", counting)
    return calls


def _json(cli, *args, cwd):
    code, out, _ = cli("check", "--format", "json", "--exit-zero", "-j", "1", *args, cwd=cwd)
    assert code == 0
    return json.loads(out)


# ---------------------------------------------------------------- parallel


def test_pool_gives_the_same_findings_in_the_same_order(tmp_path):
    paths = [str(p) for p in _write_articles(tmp_path / "a", runner.PARALLEL_MIN_FILES + 5)]
    serial = list(runner.lint_items(paths, use_cache=False, jobs=1))
    pooled = list(runner.lint_items(paths, use_cache=False, jobs=2))
    assert [r.path for r in pooled] == paths
    assert [r.diagnostics for r in pooled] == [r.diagnostics for r in serial]
    assert sum(len(r.diagnostics) for r in serial) > len(paths)  # the articles do have findings


def test_cli_jobs_do_not_change_the_report(proc, tmp_path):
    _write_articles(tmp_path / "a", runner.PARALLEL_MIN_FILES + 3)
    outs = []
    for jobs in ("1", "2"):
        code, out, err = proc("check", "--no-cache", "-j", jobs, "--format", "json", "a", cwd=tmp_path)
        assert code == 1, err
        outs.append(out)
    assert outs[0] == outs[1]


def test_fix_in_a_pool_writes_the_same_files(proc, tmp_path):
    for name in ("serial", "pooled"):
        _write_articles(tmp_path / name, runner.PARALLEL_MIN_FILES + 2)
    proc("fix", "--no-cache", "-j", "1", "serial", cwd=tmp_path)
    proc("fix", "--no-cache", "-j", "2", "pooled", cwd=tmp_path)
    for p in sorted((tmp_path / "serial").iterdir()):
        fixed = p.read_text()
        assert "the the" not in fixed and "spring. The" in fixed
        assert fixed == (tmp_path / "pooled" / p.name).read_text()


# ---------------------------------------------------------------- cache


def test_unchanged_files_are_not_linted_again(cli, tmp_path, count_lints):
    _write_articles(tmp_path / "a", 3)
    first = _json(cli, "a", cwd=tmp_path)
    assert len(count_lints) == 3
    second = _json(cli, "a", cwd=tmp_path)
    assert second == first and len(count_lints) == 3  # all three from the cache
    third = _json(cli, "--no-cache", "a", cwd=tmp_path)
    assert third == first and len(count_lints) == 6  # --no-cache lints again


def test_a_changed_file_is_linted_again(cli, tmp_path, count_lints):
    a, b = _write_articles(tmp_path / "a", 2)
    _json(cli, "a", cwd=tmp_path)
    a.write_text(ARTICLE.replace("the the", "the"), encoding="utf-8")
    found = _json(cli, "a", cwd=tmp_path)
    assert count_lints[2:] == [str(Path("a") / a.name)]  # only the edited file
    rules_in_a = [d["rule"] for d in found if d["path"].endswith(a.name)]
    assert rules_in_a and "repeat.doubled-word" not in rules_in_a


def test_a_config_change_invalidates(cli, tmp_path, count_lints):
    _write_articles(tmp_path / "a", 2)
    before = _json(cli, "a", cwd=tmp_path)
    assert any(d["rule"] == "repeat.doubled-word" for d in before)
    (tmp_path / ".tlint.yaml").write_text("ignore: [repeat.doubled-word]\n")
    cfg.find_config_file.cache_clear()  # a new process would look again
    after = _json(cli, "a", cwd=tmp_path)
    assert len(count_lints) == 4
    assert after and not any(d["rule"] == "repeat.doubled-word" for d in after)
    # a command-line override is part of the configuration too
    only = _json(cli, "--select", "punctuation", "a", cwd=tmp_path)
    assert only and all(d["rule"].startswith("punctuation.") for d in only)


def test_a_pack_change_invalidates(cli, tmp_path, count_lints):
    _write_articles(tmp_path / "a", 2)
    pack = tmp_path / "house.yaml"
    rule = """pack: house
rules:
  word:
    kind: terms
    message: "House style: avoid '{term}'"
    terms: [{term}]
    examples:
      flag: ["The {term} was long."]
      pass: ["Nothing here."]
"""
    pack.write_text(rule.replace("{term}", "debate"))
    (tmp_path / ".tlint.yaml").write_text("extend-packs: [house.yaml]\n")
    cfg.find_config_file.cache_clear()
    first = [d["message"] for d in _json(cli, "a", cwd=tmp_path) if d["rule"] == "house.word"]
    assert first == ["House style: avoid 'debate'"] * 2
    pack.write_text(rule.replace("{term}", "slipway"))
    engine.ruleset.cache_clear()  # a long-lived process would not see the edit otherwise
    from tlint import packs

    packs.load_pack.cache_clear()
    second = [d["message"] for d in _json(cli, "a", cwd=tmp_path) if d["rule"] == "house.word"]
    assert second == ["House style: avoid 'slipway'"] * 2
    assert len(count_lints) == 4


def test_a_tlint_code_change_invalidates(cli, tmp_path, count_lints, monkeypatch):
    _write_articles(tmp_path / "a", 2)
    _json(cli, "a", cwd=tmp_path)
    monkeypatch.setattr(cache, "_VERSION_KEY", "another-tlint")
    _json(cli, "a", cwd=tmp_path)
    assert len(count_lints) == 4


def test_code_hash_follows_the_source(tmp_path):
    pkg = tmp_path / "tlint"
    shutil.copytree(Path(cache.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_hash(pkg)
    assert cache.code_hash(pkg) == before
    rule = pkg / "kinds" / "pattern.py"
    rule.write_text(rule.read_text() + "\n# an edit\n")
    assert cache.code_hash(pkg) != before


def test_fix_leaves_the_cache_answering_check(cli, tmp_path, count_lints):
    for p in _write_articles(tmp_path / "a", 2):
        # a fragment: its fix is unsafe, so `fix` leaves it for `check` to report
        p.write_text(p.read_text() + "\nThe new budget is different. From almost all of the earlier budgets.\n")
    cli("fix", "-j", "1", "a", cwd=tmp_path)
    linted = len(count_lints)
    cached = _json(cli, "a", cwd=tmp_path)
    assert len(count_lints) == linted  # the fixed files' findings came from the cache
    fresh = _json(cli, "--no-cache", "a", cwd=tmp_path)
    assert cached == fresh
    assert [d["rule"] for d in fresh] == ["sentences.fragment"] * 2


def test_a_corrupt_cache_is_an_empty_one(cli, tmp_path, count_lints):
    _write_articles(tmp_path / "a", 1)
    first = _json(cli, "a", cwd=tmp_path)
    for f in (tmp_path / "cachedir").glob("*.pickle"):
        f.write_bytes(b"not a pickle")
    assert _json(cli, "a", cwd=tmp_path) == first
    assert len(count_lints) == 2
