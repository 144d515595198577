"""Lint or fix many files fast: the result cache first, then a process pool for the rest.

- Cache (tlint.cache): a file whose bytes, tlint version and configuration are unchanged is
  not linted again. `use_cache=False` (`--no-cache`) bypasses it.
- Parallelism: files the cache does not answer go to a `multiprocessing` pool, in chunks,
  results collected in input order (`imap`), so output is identical to a serial run. A
  few files are linted in this process: a pool costs more to start than it saves there.
  Each worker reads, lints and forgets one file at a time: memory does not grow with the
  size of the archive. The standard library's pool is all this needs.
"""
from __future__ import annotations

import dataclasses
import functools
import os
from typing import Callable, Iterable, Iterator

from tlint import cache as rcache
from tlint import config as cfg
from tlint import engine, fixes
from tlint.sources import attempt, InputError, read

# Below this many files to lint, one process: forking workers and compiling their packs
# costs more than it saves on a pre-commit hook's handful of articles.
PARALLEL_MIN_FILES = 8


def default_jobs() -> int:
    """$TLINT_JOBS, else the cores this process may run on."""
    env = os.environ.get("TLINT_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _fingerprint(config: cfg.Config) -> str:
    """Everything but the file that decides its findings: the config and every pack's bytes
    (built-in ones too: a selected opt-in pack and suppression checks read them)."""
    from tlint.packs import builtin_names, resolve

    files = [resolve(n) for n in builtin_names()] + engine.pack_files(config)
    return rcache.fingerprint(repr(config), files)


class _Configs:
    """effective_config per file, computed once per folder: a config is found from the
    file's folder upwards (per-file ignores are applied later, by path), so every file of
    a folder shares it; resolving it again for each of 10,000 files was most of a cached run."""

    def __init__(self, overrides: dict | None, fixed: cfg.Config | None):
        self.overrides, self.fixed = overrides, fixed
        self.by_folder: dict[str, cfg.Config] = {}

    def __call__(self, path: str) -> cfg.Config:
        folder = os.path.dirname(path)
        config = self.by_folder.get(folder)
        if config is None:
            config = self.by_folder[folder] = engine.effective_config(path, self.overrides, self.fixed)
        return config


class _Caches:
    """The result caches of one run, one per configuration fingerprint, saved at the end."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.by_key: dict[str, rcache.ResultCache] = {}
        self.by_config: dict[cfg.Config, rcache.ResultCache] = {}

    def for_config(self, config: cfg.Config) -> rcache.ResultCache | None:
        if not self.enabled:
            return None
        if config not in self.by_config:  # fingerprinted once per run: packs are read then
            key = _fingerprint(config)
            if key not in self.by_key:
                self.by_key[key] = rcache.ResultCache.load(key)
            self.by_config[config] = self.by_key[key]
        return self.by_config[config]

    def save(self) -> None:
        for c in self.by_key.values():
            c.save()


def _pool_map(func: Callable, args: list, jobs: int) -> Iterator:
    """func over args in order: in this process for a few, else in a pool of `jobs`."""
    if jobs <= 1 or len(args) < PARALLEL_MIN_FILES:
        yield from map(func, args)
        return
    import multiprocessing  # here, not at the top: a few files never start a pool

    # fork shares the packs already compiled here; elsewhere (spawn) workers compile their own
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    jobs = min(jobs, len(args))
    chunk = max(1, min(32, len(args) // (jobs * 8)))
    with ctx.Pool(jobs) as pool:
        yield from pool.imap(func, args, chunksize=chunk)


# ---------------------------------------------------------------- check


def _lint_path(path: str, config_of: "_Configs", keyed: bool = True):
    """Worker: (FileResult, content key of the bytes linted, or None: unread, or not
    `keyed`, a run without the cache, which has no use for the hash)."""
    config = config_of(path)
    src, failure = attempt(read, path)
    if src is None:
        return engine.FileResult(path, **failure), None
    return engine.lint_source(src, config), rcache.content_key(src.raw) if keyed else None


def _cached_raw(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def lint_items(items: Iterable, overrides: dict | None = None, fixed: cfg.Config | None = None,
               use_cache: bool = True, jobs: int | None = None) -> Iterator[engine.FileResult]:
    """FileResults for `items` (paths, or FileResults passed through), in input order."""
    items = list(items)
    caches = _Caches(use_cache)
    config_of = _Configs(overrides, fixed)
    slots: list = [None] * len(items)
    todo: list[tuple[int, str, rcache.ResultCache | None]] = []
    for n, item in enumerate(items):
        if isinstance(item, engine.FileResult):
            slots[n] = item
            continue
        store = caches.for_config(config_of(item)) if use_cache else None
        if store is not None:
            raw = _cached_raw(item)
            hit = store.get(item, rcache.content_key(raw)) if raw is not None else None
            if hit is not None:
                slots[n] = engine.FileResult(item, list(hit))
                continue
        todo.append((n, item, store))
    jobs = default_jobs() if jobs is None else jobs
    if todo and jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        # compile the packs and the gate once here, so forked workers start with them
        engine.gate(engine.ruleset(engine.effective_config(todo[0][1], overrides, fixed)))
    # (a fresh _Configs travels with each chunk of work: a worker resolves a folder's
    # config once per chunk, not once per file, ~60 us of path resolving and stat calls)
    work = functools.partial(_lint_path, config_of=_Configs(overrides, fixed), keyed=use_cache)
    results = _pool_map(work, [path for _, path, _ in todo], jobs)
    pending = iter(todo)
    try:
        for n in range(len(items)):
            while slots[n] is None:
                m, path, store = next(pending)
                result, ckey = next(results)
                if store is not None and ckey is not None and not result.error:
                    store.put(path, ckey, result.diagnostics)
                slots[m] = result
            yield slots[n]
            slots[n] = True  # handed out: keep memory to what is still pending
    finally:
        results.close()
        caches.save()


# ---------------------------------------------------------------- fix


def _plan_path(path: str, config_of: "_Configs", unsafe: bool):
    return fixes.plan_file(path, config_of(path), unsafe)


def plan_items(items: Iterable, overrides: dict | None = None, fixed: cfg.Config | None = None,
               unsafe: bool = False, use_cache: bool = True,
               jobs: int | None = None) -> Iterator["fixes.FileFix | engine.FileResult"]:
    """A fix plan (FileFix) per path, in input order; FileResults (missing paths) pass
    through. A cached file with nothing to fix is answered from the cache without linting."""
    from tlint.sources import decode

    items = list(items)
    caches = _Caches(use_cache)
    config_of = _Configs(overrides, fixed)
    slots: list = [None] * len(items)
    todo: list[tuple[int, str]] = []
    stores: dict[str, rcache.ResultCache | None] = {}
    for n, item in enumerate(items):
        if isinstance(item, engine.FileResult):
            slots[n] = item
            continue
        store = stores[item] = caches.for_config(config_of(item)) if use_cache else None
        if store is not None:
            raw = _cached_raw(item)
            hit = store.get(item, rcache.content_key(raw)) if raw is not None else None
            if hit is not None and not any(fixes.allowed(d, unsafe) for d in hit):
                try:
                    decode(raw, item)
                except InputError:
                    pass
                else:  # nothing to fix: decoded again when its turn comes (memory stays flat)
                    slots[n] = _Unchanged(list(hit), rcache.content_key(raw))
                    continue
        todo.append((n, item))
    jobs = default_jobs() if jobs is None else jobs
    if todo and jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        engine.gate(engine.ruleset(engine.effective_config(todo[0][1], overrides, fixed)))
    work = functools.partial(_plan_path, config_of=_Configs(overrides, fixed), unsafe=unsafe)
    results = _pool_map(work, [path for _, path in todo], jobs)
    pending = iter(todo)
    try:
        for n in range(len(items)):
            while slots[n] is None:
                m, path = next(pending)
                slots[m] = next(results)
            plan = slots[n]
            if isinstance(plan, _Unchanged):
                plan = _unchanged_plan(items[n], plan, work)
            yield plan
            # the caller has written (or diffed) the plan by now: the findings left in the
            # file's final bytes are its check result, so the next `check` needs no linting
            if isinstance(plan, fixes.FileFix):
                _remember(plan, stores.get(plan.path))
                plan.release()  # the caller keeps counts, not texts
            slots[n] = True
    finally:
        results.close()
        caches.save()


@dataclasses.dataclass
class _Unchanged:
    """A cached file with nothing to fix: its findings, until its turn to be yielded."""

    remaining: list
    key: str


def _unchanged_plan(path: str, cached: _Unchanged, plan_path) -> "fixes.FileFix":
    src, failure = attempt(read, path)
    if src is None:
        return fixes.FileFix(path, **failure)
    if rcache.content_key(src.raw) != cached.key:  # edited meanwhile: plan it afresh
        return plan_path(path)
    return fixes.FileFix(path, src, src.text, [], cached.remaining)


def _remember(plan: "fixes.FileFix", store: rcache.ResultCache | None) -> None:
    if store is None or plan.error or plan.source is None or plan.text is None:
        return
    if plan.changed and not plan.written:
        return  # --diff, or not written: the file on disk still holds the old text
    raw = plan.new_bytes if plan.changed else plan.source.raw
    key = rcache.content_key(raw)
    if store.get(plan.path, key) is None:
        store.put(plan.path, key, plan.remaining)
