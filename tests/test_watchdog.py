"""A rule that backtracks without end is stopped and reported; the other rules' findings
still arrive and the run ends (a pre-commit hook must never hang on one bad pattern)."""
import time

from tlint import watchdog

RUNAWAY_PACK = """\
pack: house
rules:
  runaway:
    kind: pattern
    message: "a's"
    pattern: "(?:a|aa)+(?:(?=b)c|z)"
    examples: {flag: ["aaz"], pass: ["bbb"]}
"""


def test_a_runaway_rule_is_stopped_and_reported(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(watchdog, "RULE_SECONDS", 0.5)
    (tmp_path / "house.yaml").write_text(RUNAWAY_PACK)
    (tmp_path / ".tlint.yaml").write_text("extend-packs: [house.yaml]\n")
    article = tmp_path / "a.txt"
    article.write_text("The talks ended ended on Monday.\n\n" + "a" * 60 + "\n")
    started = time.monotonic()
    code, out, _ = cli("check", "--no-cache", str(article))
    assert time.monotonic() - started < 30  # without the watchdog: far longer
    assert "tlint.timeout" in out and "house.runaway" in out
    assert "repeat.doubled-word" in out  # the other rules still ran
    assert code == 1


def test_the_guard_restores_the_previous_alarm_handler():
    import signal

    def mine(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, mine)
    try:
        with watchdog.guard() as run:
            assert watchdog.active()
            assert run(lambda x: iter([x]), 1) == [1]
        assert not watchdog.active()
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, old)
