"""Stop a rule that runs away on one file, without taxing the rules that do not.

A pattern with catastrophic backtracking must not hang a pre-commit hook. The `regex`
module's own guard, a `timeout=` on every call, makes it look at the clock as it matches
and nearly doubles the cost of scanning (measured on the default packs: 0.52 s -> 0.97 s
for the same blocks). The regex module also checks for signals while it matches, so one
interval timer (SIGALRM) per rule and document stops a runaway match at no cost to the
others. Where there is no SIGALRM (Windows) or tlint runs outside the main thread (signal
handlers live there), `active()` is False and callers pass `timeout=` as before.
"""
from __future__ import annotations

import signal
import threading
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


def _on_alarm(signum, frame):
    raise RuleTimeout()


@contextmanager
def guard() -> Iterator[Callable[..., list]]:
    """Yield `run(func, *args)`: list(func(*args)) within RULE_SECONDS, else RuleTimeout.
    The previous SIGALRM handler is restored on exit (tlint may be a library in a
    program with its own)."""
    usable = (hasattr(signal, "setitimer") and not active()
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield _unguarded
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _state.active = True
    try:
        yield _guarded
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _state.active = False
        signal.signal(signal.SIGALRM, previous)


def _guarded(func: Callable[..., Iterator[T]], *args) -> list[T]:
    signal.setitimer(signal.ITIMER_REAL, RULE_SECONDS)
    try:
        return list(func(*args))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _unguarded(func: Callable[..., Iterator[T]], *args) -> list[T]:
    return list(func(*args))
