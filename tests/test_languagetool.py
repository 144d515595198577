"""The grammar pack and the `languagetool` kind, against the stand-in server that speaks
LanguageTool's documented protocol, and also against a real server when
TLINT_LANGUAGETOOL_URL names one (`live`)."""
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from languagetool_standin import StandIn
from tlint import config, languagetool
from tlint.engine import lint_text
from tlint.languagetool import Utf16Index

HERE = Path(__file__).resolve().parent
# read at import, before the session fixture points the variable at the stand-in
LIVE = os.environ.get("TLINT_LANGUAGETOOL_URL")
GRAMMAR = config.Config(extend_packs=("grammar",), select=("grammar",))


@pytest.fixture
def standin(monkeypatch):
    server = StandIn()
    monkeypatch.setenv("TLINT_LANGUAGETOOL_URL", server.url)
    languagetool.configure({})
    yield server
    languagetool.configure({})
    server.close()


@pytest.fixture(params=["standin"] + (["live"] if LIVE else []))
def server_url(request, monkeypatch):
    """The URL of each LanguageTool the protocol tests run against."""
    if request.param == "live":
        monkeypatch.setenv("TLINT_LANGUAGETOOL_URL", LIVE)
        languagetool.configure({})
        yield LIVE
        languagetool.configure({})
        return
    server = StandIn()
    monkeypatch.setenv("TLINT_LANGUAGETOOL_URL", server.url)
    languagetool.configure({})
    yield server.url
    languagetool.configure({})
    server.close()


def grammar(text, path="a.txt", cfg=GRAMMAR):
    return [d for d in lint_text(text, path, cfg) if d.rule.startswith("grammar.")]


def test_utf16_index_maps_surrogate_pairs_to_one_character():
    idx = Utf16Index("a🚀b")   # 🚀 is two UTF-16 units
    assert [idx.char(u) for u in (0, 1, 3)] == [0, 1, 2]
    assert idx.char_end(3) == 2 and idx.char_end(4) == 3


def test_offsets_after_emoji_and_arabic_land_on_the_match(server_url):
    text = "Rockets 🚀🚀 hit the base near البصرة on Monday, and a officer said 👍 so.\n"
    hits = [d for d in grammar(text) if d.rule == "grammar.EN_A_VS_AN"]
    assert len(hits) == 1
    d = hits[0]
    col = text.index(" a officer") + 2          # 1-based column, in characters
    assert (d.line, d.column, d.end_column) == (1, col, col + 1)
    assert d.fix is not None and d.fix.replacement == "an" and d.fix.safe is False
    assert d.severity == "warning" and "an" in d.message


def test_later_lines_and_blocks_map_back_to_source(server_url):
    text = "The first paragraph is fine.\n\nSecond 😀 one: she bought a apple.\n"
    d = next(d for d in grammar(text) if d.rule == "grammar.EN_A_VS_AN")
    assert (d.line, d.column) == (3, text.split("\n")[2].index(" a apple") + 2)


def test_markdown_sends_prose_only_one_request_per_document(standin):
    md = textwrap.dedent("""\
        # Report

        Run `a apple` then read https://example.com/a-apple and a apple.

        ```
        a apple in code
        ```

        She will recieve it.
        """)
    hits = grammar(md, "a.md")
    assert [(d.rule, d.line) for d in hits] == [
        ("grammar.EN_A_VS_AN", 3), ("grammar.MORFOLOGIK_RULE_EN_US", 9)]
    assert hits[0].column == md.split("\n")[2].index("and a apple") + 5
    assert len(standin.state.requests) == 1
    sent = json.loads(standin.state.requests[0]["data"])["annotation"]
    sent_text = "".join(item.get("text", "") for item in sent)
    assert "in code" not in sent_text and "example.com" not in sent_text and "`" not in sent_text
    assert any(item.get("interpretAs") == "X" for item in sent)


def _pack(tmp_path, extra: str, flag: str = "We recieve it.") -> config.Config:
    # one file per variant: packs are cached per path for the process
    p = tmp_path / f"lt{len(list(tmp_path.glob('lt*.yaml')))}.yaml"
    fields = "".join(f"    {line}\n" for line in extra.strip().splitlines())
    p.write_text(
        "pack: mygrammar\n"
        "default: false\n"
        "rules:\n"
        "  lt:\n"
        "    kind: languagetool\n"
        "    message: \"{message} ({rule}, {category})\"\n"
        "    fix: true\n"
        + fields
        + "    examples:\n"
        f"      flag: [\"{flag}\"]\n"
        "      pass: [\"We receive it. She bought an apple.\"]\n",
        encoding="utf-8")
    return config.Config(packs=(str(p),))


TEXT = "She bought a apple. We recieve it.\n"


def test_pack_disables_rules_and_categories(server_url, tmp_path):
    cfg = _pack(tmp_path, "disable: [EN_A_VS_AN]\n")
    rules = [d.rule for d in lint_text(TEXT, "a.txt", cfg)]
    assert "mygrammar.MORFOLOGIK_RULE_EN_US" in rules and "mygrammar.EN_A_VS_AN" not in rules
    cfg = _pack(tmp_path, "disable_categories: [TYPOS]\n", flag="She bought a apple.")
    rules = [d.rule for d in lint_text(TEXT, "a.txt", cfg)]
    assert "mygrammar.EN_A_VS_AN" in rules and "mygrammar.MORFOLOGIK_RULE_EN_US" not in rules


def test_pack_enables_only_named_categories(server_url, tmp_path):
    cfg = _pack(tmp_path, "enable_categories: [TYPOS]\nonly: true\n")
    diags = lint_text(TEXT, "a.txt", cfg)
    assert {d.rule for d in diags} == {"mygrammar.MORFOLOGIK_RULE_EN_US"}
    assert diags[0].message.endswith("(MORFOLOGIK_RULE_EN_US, TYPOS)")


def test_ignore_and_severity_name_languagetool_rules(standin):
    cfg = GRAMMAR.with_overrides(ignore=("grammar.EN_A_VS_AN",),
                                 severity=(("grammar.MORFOLOGIK_RULE_EN_US", "error"),))
    diags = grammar(TEXT, cfg=cfg)
    assert [(d.rule, d.severity) for d in diags] == [("grammar.MORFOLOGIK_RULE_EN_US", "error")]


def test_select_names_one_languagetool_rule(standin):
    """`--select grammar.EN_A_VS_AN` runs the grammar pack and keeps that rule's findings."""
    cfg = config.Config(select=("grammar.EN_A_VS_AN",))
    diags = lint_text(TEXT, "a.txt", cfg)
    assert {d.rule for d in diags} == {"grammar.EN_A_VS_AN"}


def test_only_without_enable_is_a_pack_error(tmp_path):
    from tlint.packs import PackError, load_pack

    cfg = _pack(tmp_path, "only: true\n")
    with pytest.raises(PackError, match=r"lt0.yaml:8: mygrammar.lt: only: true needs"):
        load_pack(cfg.packs[0])


# ---------------------------------------------------------------- the CLI


def test_grammar_flag_adds_the_pack_to_the_others(standin, cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("She bought a apple. . Then left.\n", encoding="utf-8")
    code, out, err = cli("check", "--grammar", str(f))
    assert "grammar.EN_A_VS_AN" in out and "punctuation.doubled-stop" in out
    assert code == 1
    code, out, err = cli("check", str(f))
    assert "grammar." not in out and not standin.state.requests[1:]


def test_packs_grammar_in_config_with_url(standin, cli, tmp_path, monkeypatch):
    monkeypatch.delenv("TLINT_LANGUAGETOOL_URL")
    (tmp_path / ".tlint.yaml").write_text(
        f"packs: [grammar]\nlanguagetool: {{url: '{standin.url}'}}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("We recieve it.\n", encoding="utf-8")
    code, out, err = cli("check", "a.txt", cwd=tmp_path)
    assert "grammar.MORFOLOGIK_RULE_EN_US" in out and code == 1, err


def _unavailable(cli, tmp_path, *args):
    f = tmp_path / "a.txt"
    f.write_text("She bought a apple. . Then left.\n", encoding="utf-8")
    code, out, err = cli("check", "--grammar", str(f), *args)
    assert code == 3
    assert "punctuation.doubled-stop" in out      # the other packs still report
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tlint: grammar pack not run: ")
    return lines[0]


def test_no_server_configured_exit_3_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("TLINT_LANGUAGETOOL_URL")
    line = _unavailable(cli, tmp_path)
    assert "languagetool.url" in line and "TLINT_LANGUAGETOOL_URL" in line


def test_refused_connection(cli, tmp_path, monkeypatch):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TLINT_LANGUAGETOOL_URL", f"http://127.0.0.1:{port}")
    assert f"no LanguageTool server at http://127.0.0.1:{port}" in _unavailable(cli, tmp_path)


@pytest.mark.parametrize("mode, says", [
    ("html", "sent a reply that is not JSON: <html>"),
    ("error500", "answered HTTP 500: Error: Internal Error"),
])
def test_bad_replies(standin, cli, tmp_path, mode, says):
    standin.state.mode = mode
    assert says in _unavailable(cli, tmp_path)


def test_timeout(standin, cli, tmp_path, monkeypatch):
    standin.state.mode = "slow"
    monkeypatch.delenv("TLINT_LANGUAGETOOL_URL")
    (tmp_path / ".tlint.yaml").write_text(
        f"languagetool: {{url: '{standin.url}', timeout: 0.5}}\n", encoding="utf-8")
    line = _unavailable(cli, tmp_path, "--config", str(tmp_path / ".tlint.yaml"))
    assert "did not answer within" in line


def test_unknown_language_is_reported(standin, cli, tmp_path, monkeypatch):
    (tmp_path / "c.yaml").write_text("languagetool: {language: xx-XX}\n", encoding="utf-8")
    line = _unavailable(cli, tmp_path, "--config", str(tmp_path / "c.yaml"))
    assert "HTTP 400" in line and "'xx-XX' is not a language code" in line


# ---------------------------------------------------------------- a local LanguageTool directory


def _fake_java(bin_dir: Path) -> None:
    """A `java` that runs the stand-in as if it were languagetool-server.jar."""
    java = bin_dir / "java"
    java.write_text(f"#!/bin/sh\nexec {sys.executable} {HERE / 'languagetool_standin.py'} \"$@\"\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)


def _local_config(tmp_path, lt_dir) -> Path:
    c = tmp_path / "c.yaml"
    c.write_text(f"languagetool: {{path: '{lt_dir}'}}\n", encoding="utf-8")
    return c


def test_local_directory_starts_one_server_and_stops_it(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_java(bin_dir)
    lt_dir = tmp_path / "LanguageTool-6.4"
    lt_dir.mkdir()
    (lt_dir / "languagetool-server.jar").write_bytes(b"PK")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("She bought a apple.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TLINT_LANGUAGETOOL_URL"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    code = (
        "import subprocess, sys\n"
        "from tlint.cli import main\n"
        "real = subprocess.Popen\n"
        "started = []\n"
        "def spy(*a, **k):\n"
        "    p = real(*a, **k); started.append(p); return p\n"
        "subprocess.Popen = spy\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as e:\n"
        "    print('started', len(started), 'alive', sum(p.poll() is None for p in started), 'exit', e.code)\n"
    )
    p = subprocess.run([sys.executable, "-c", code, "check", "--grammar", "--config",
                        str(_local_config(tmp_path, lt_dir)), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.stdout.count("grammar.EN_A_VS_AN") == 2, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "started 1 alive 0 exit 1"


def test_local_directory_without_java(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("TLINT_LANGUAGETOOL_URL")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    line = _unavailable(cli, tmp_path, "--config", str(_local_config(tmp_path, tmp_path)))
    assert "no 'java' is on PATH" in line


def test_local_directory_without_the_jar(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("TLINT_LANGUAGETOOL_URL")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_java(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    line = _unavailable(cli, tmp_path, "--config", str(_local_config(tmp_path, tmp_path / "nowhere")))
    assert "no languagetool-server.jar in" in line and "nowhere" in line


def test_grammar_run_uses_no_result_cache(tmp_path, monkeypatch):
    """A run with LanguageTool down must not leave cached results that hide grammar
    findings once the server is back: grammar runs bypass the result cache."""
    from click.testing import CliRunner

    from tlint.cli import main

    cache = tmp_path / "cache"
    monkeypatch.setenv("TLINT_CACHE_DIR", str(cache))
    monkeypatch.setenv("TLINT_LANGUAGETOOL_URL", "http://127.0.0.1:9")  # nothing listens
    art = tmp_path / "a.txt"
    art.write_text("It is a example sentence.\n")
    result = CliRunner().invoke(main, ["check", "--grammar", str(art)])
    assert result.exit_code == 3
    assert not list(cache.glob("*.pickle"))
