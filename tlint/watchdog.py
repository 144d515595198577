"""Stop a rule that runs away on one file, without taxing the rules that do not.

A pattern with catastrophic backtracking must not hang a pre-commit hook. The `regex`
module's own guard, a `timeout=` on every call, makes it look at the clock as it matches
and nearly doubles the cost of scanning (measured on the default packs: 0.52 s -> 0.97 s
for the same blocks). The regex module also checks for signals while it matches, so a
periodic interval timer (SIGALRM) per document, whose handler stops the running rule
once it is over its time, stops a runaway match at no cost to the others. Where there is
no SIGALRM (Windows) or tlint runs outside the main thread (signal handlers live there),
`active()` is False and callers pass `timeout=` as before.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

# Wall seconds one rule may spend on one document before it is stopped and reported.
RULE_SECONDS = 5.0
# The pseudo-rule that reports a stopped rule.
TIMEOUT_RULE = "tlint.timeout"

T = TypeVar("T")


class RuleTimeout(Exception):
    """Raised inside a rule that ran past its time on a document."""


_state = threading.local()  # .active: a guard is installed in this (main) thread


def active() -> bool:
    """True while a guard stops runaway rules here (so per-call timeouts are not needed)."""
    return getattr(_state, "active", False)


# How often, as a share of RULE_SECONDS, the interval timer asks whether the running rule
# is over its time: a rule is stopped between RULE_SECONDS and 1.2 x RULE_SECONDS.
_TICKS = 5


def _on_alarm(signum, frame):
    started = _state.rule_started
    if started is not None and time.monotonic() - started >= RULE_SECONDS:
        _state.rule_started = None
        raise RuleTimeout()


@contextmanager
def guard() -> Iterator[Callable[..., list]]:
    """Yield `run(func, *args)`: list(func(*args)) within RULE_SECONDS, else RuleTimeout.
    One periodic timer per guard (a document) asks the running rule's clock: a rule call
    costs no system call, where a timer set and cleared around each cost two. The previous
    SIGALRM handler is restored on exit (tlint may be a library in a program with its own)."""
    usable = (hasattr(signal, "setitimer") and not active()
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield _unguarded
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _state.active = True
    _state.rule_started = None
    tick = RULE_SECONDS / _TICKS
    signal.setitimer(signal.ITIMER_REAL, tick, tick)
    try:
        yield _guarded
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _state.active = False
        _state.rule_started = None
        signal.signal(signal.SIGALRM, previous)


def _guarded(func: Callable[..., Iterator[T]], *args) -> list[T]:
    _state.rule_started = time.monotonic()
    try:
        return list(func(*args))
    finally:
        _state.rule_started = None


def _unguarded(func: Callable[..., Iterator[T]], *args) -> list[T]:
    return list(func(*args))
