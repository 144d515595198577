import os
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# tlint keeps caches (compiled patterns, packs, lexicon, results) under $TLINT_CACHE_DIR:
# set before any tlint module loads, so a test run never writes into the user's ~/.cache
os.environ.setdefault("TLINT_CACHE_DIR", tempfile.mkdtemp(prefix="tlint-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent

# A user pack with one warning-level rule, for tests of packs by path, fail-on and severity.
HEDGE_PACK = """\
pack: house
rules:
  hedge:
    kind: terms
    level: warning
    message: "hedge word '{match}'"
    terms: [perhaps]
    examples: {flag: ["perhaps so."], pass: ["surely so."]}
"""
SEEDS = ROOT / "seeds"
SEED_TXT = SEEDS / "al-kazemi-washington-post.txt"


@pytest.fixture
def cli():
    """Run the click app in-process; returns (exit_code, stdout, stderr)."""
    from tlint.cli import main

    def run(*args, input=None, cwd=None):
        runner = CliRunner()
        old = os.getcwd()
        try:
            if cwd:
                os.chdir(cwd)
            result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        finally:
            os.chdir(old)
        return result.exit_code, result.stdout, result.stderr

    return run


def tlint_exe() -> list[str]:
    exe = shutil.which("tlint", path=str(Path(sys.executable).parent)) or shutil.which("tlint")
    return [exe] if exe else [sys.executable, "-m", "tlint.cli"]


@pytest.fixture
def proc():
    """Run tlint as a real process (what a user or pre-commit sees)."""

    def run(*args, input=None, cwd=None):
        p = subprocess.run(tlint_exe() + list(args), input=input, cwd=cwd,
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    return run


@pytest.fixture(scope="session", autouse=True)
def _languagetool_for_grammar_examples():
    """The grammar pack's own examples need a LanguageTool: the stand-in server, unless
    TLINT_LANGUAGETOOL_URL already names a real one (then the tests run against it)."""
    if os.environ.get("TLINT_LANGUAGETOOL_URL"):
        yield os.environ["TLINT_LANGUAGETOOL_URL"]
        return
    from languagetool_standin import StandIn

    server = StandIn()
    os.environ["TLINT_LANGUAGETOOL_URL"] = server.url
    try:
        yield server.url
    finally:
        os.environ.pop("TLINT_LANGUAGETOOL_URL", None)
        server.close()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Result and lexicon caches go to a folder of this test session, never the user's
    .tlint_cache/ or ~/.cache (subprocesses inherit the variable)."""
    old = os.environ.get("TLINT_CACHE_DIR")
    os.environ["TLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("tlint-cache"))
    yield
    if old is None:
        os.environ.pop("TLINT_CACHE_DIR", None)
    else:
        os.environ["TLINT_CACHE_DIR"] = old
