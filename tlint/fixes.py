"""The fix engine: apply the fixes diagnostics carry, to a fixpoint, and write files safely.

Modelled on ruff's fixer: edits sorted by position, an edit overlapping one already taken
waits for the next pass, and after every pass the new text is linted again, so a fix that
makes (or unmasks) another problem is handled too; it stops when nothing changes and
gives up (changing nothing) on a text that keeps changing after MAX_PASSES passes.

Lossless: only the characters inside fix spans change. The text is decoded as UTF-8 with
no newline translation (sources.decode), so CRLF, mixed newlines, a missing final newline,
trailing spaces, front matter and code blocks come back byte for byte; the BOM the reader
strips is put back. Writing goes through a temporary file in the same folder, fsync and
`os.replace` (atomic on POSIX and Windows), keeps the file mode, and refuses a file that
changed on disk since it was read or that is marked read-only. The standard library covers
all of it (tempfile, os.replace, difflib), so no third-party atomic-write package.
"""
from __future__ import annotations

import difflib
import os
import stat
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from tlint import config as cfg
from tlint.diagnostic import Diagnostic
from tlint.document import parse
from tlint.sources import BOM, attempt, decode, read, Source

# A text still changing after this many passes has rules that undo or feed each other.
MAX_PASSES = 10


class NotConverged(Exception):
    """Fixes kept changing the text for MAX_PASSES passes (a rule bug); str() names the rules."""

    def __init__(self, rules: list[str]):
        self.rules = rules
        super().__init__(
            f"fixes did not settle after {MAX_PASSES} passes (rules {', '.join(rules)} keep "
            "changing the text); left unchanged"
        )


def allowed(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (d.fix.safe or unsafe)


def apply_edits(text: str, diags: list[Diagnostic]) -> tuple[str, list[Diagnostic], list[Diagnostic]]:
    """Apply the fixes of `diags` that do not overlap, earliest first. Returns the new text,
    the diagnostics applied and those deferred (overlapping an edit already taken). An edit
    identical to the one just taken (two rules, same fix) counts as applied once."""
    parts: list[str] = []
    applied: list[Diagnostic] = []
    deferred: list[Diagnostic] = []
    pos = 0
    last = None  # (start, end, replacement) of the last edit taken
    for d in sorted(diags, key=lambda d: (d.fix.start, d.fix.end, d.rule)):
        f = d.fix
        edit = (f.start, f.end, f.replacement)
        if edit == last:
            applied.append(d)
            continue
        if text[f.start:f.end] == f.replacement:
            continue  # changes nothing: not an edit
        # overlapping, or a second insertion at the point of the last edit (order unknown)
        if f.start < pos or (last is not None and f.start == pos == f.end and last[0] == pos):
            deferred.append(d)
            continue
        parts.append(text[pos:f.start])
        parts.append(f.replacement)
        pos = f.end
        last = edit
        applied.append(d)
    parts.append(text[pos:])
    return "".join(parts), applied, deferred


def _linter(path: str, config: cfg.Config):
    from tlint.engine import lint_document, per_file_ignores, ruleset

    rules, ignore = ruleset(config), per_file_ignores(path, config)
    return lambda text: lint_document(parse(text, path), rules, ignore)


def fix_text(text: str, path: str = "<text>", config: cfg.Config | None = None,
             unsafe: bool = False) -> tuple[str, list[Diagnostic], list[Diagnostic]]:
    """Public API: fix `text` as if it were the file `path` (its suffix picks Markdown).
    Returns (new_text, applied, remaining): the diagnostics whose fixes were applied (their
    offsets refer to the text of the pass that applied them) and those left in new_text.
    A BOM is kept. Raises NotConverged for a text that never settles."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    lint = _linter(path, config or cfg.Config())
    applied: list[Diagnostic] = []
    diags = lint(text)
    for n in range(MAX_PASSES + 1):
        edits = [d for d in diags if allowed(d, unsafe)]
        new, done, _deferred = apply_edits(text, edits)
        if not done or new == text:
            break
        if n == MAX_PASSES:
            raise NotConverged(sorted({d.rule for d in done}))
        applied.extend(done)
        text, diags = new, lint(new)
    return (BOM + text if bom else text), applied, diags


# ---------------------------------------------------------------- files


@dataclass
class FileFix:
    """One file's fix, planned in memory (plan_file) and then written (write_file) or diffed."""

    path: str
    source: Source | None = None
    text: str | None = None           # fixed text without BOM; None when not fixed
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    error: str | None = None          # one line: the file could not be read, fixed or written
    skipped: str | None = None        # one line: left alone on purpose (empty, changed on disk)
    written: bool = False             # in place, or to stdout for stdin
    # set by release(): what `changed` and `read` were before the texts were dropped
    _settled: tuple[bool, bool] | None = field(default=None, repr=False)

    @property
    def changed(self) -> bool:
        if self._settled is not None:
            return self._settled[0]
        return self.source is not None and self.text is not None and self.text != self.source.text

    @property
    def read(self) -> bool:
        """The file was read and decoded (whatever happened next)."""
        return self._settled[1] if self._settled is not None else self.source is not None

    def release(self) -> "FileFix":
        """Drop both texts once the fix is written or diffed: a run over a whole archive
        then keeps only counts and remaining findings, and memory does not grow with it."""
        self._settled = (self.changed, self.read)
        self.source = self.text = None
        return self

    @property
    def new_bytes(self) -> bytes:
        return ((BOM if self.source.bom else "") + self.text).encode("utf-8")

    def diff(self) -> str:
        """A unified diff (`patch -p0` applies it); CRLF stays in the lines."""
        if not self.changed:
            return ""
        old = self.source.text.splitlines(keepends=True)
        new = self.text.splitlines(keepends=True)
        out = []
        for line in difflib.unified_diff(old, new, self.path, self.path):
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def fix_source(src: Source, config: cfg.Config, unsafe: bool = False) -> FileFix:
    result = FileFix(src.path, src)
    try:
        result.text, result.applied, result.remaining = fix_text(src.text, src.path, config, unsafe)
    except NotConverged as exc:
        result.error = f"{src.path}: {exc}"
    return result


def plan_file(path: str, config: cfg.Config, unsafe: bool = False) -> FileFix:
    """Read and fix one file in memory; nothing is written."""
    src, failure = attempt(read, path)
    return fix_source(src, config, unsafe) if src is not None else FileFix(path, **failure)


def plan_bytes(raw: bytes, path: str, config: cfg.Config, unsafe: bool = False) -> FileFix:
    """The same for bytes that did not come from a file (stdin)."""
    src, failure = attempt(decode, raw, path)
    return fix_source(src, config, unsafe) if src is not None else FileFix(path, **failure)


CHANGED_ON_DISK = "changed on disk since it was read; not written (run tlint fix again)"


def write_file(plan: FileFix) -> FileFix:
    """Write a planned fix in place. Sets `written`, or `skipped`/`error` with one line."""
    if not plan.changed or plan.error:
        return plan
    path = plan.path
    real = os.path.realpath(path)  # a symlink stays a symlink; its target is rewritten
    try:
        st = os.stat(real)
        # os.replace only needs the folder writable: honour a read-only file explicitly
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            plan.error = f"{path}: read-only file; not written"
            return plan
        if Path(real).read_bytes() != plan.source.raw:
            plan.skipped = f"{path}: {CHANGED_ON_DISK}"
            return plan
        _atomic_write(real, plan.new_bytes, st)
    except OSError as exc:
        plan.error = f"{path}: cannot write: {exc.strerror or exc}"
        return plan
    plan.written = True
    return plan


def _atomic_write(path: str, data: bytes, st: os.stat_result) -> None:
    import tempfile  # only when writing: `check` imports this module too

    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tlint-tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            with suppress(OSError):  # only root may give a file away; others keep their own
                os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------- summary


def summary(results: list[FileFix], unsafe: bool, diff: bool) -> list[str]:
    """Lines for the end of a run: what was fixed, what is left (by rule), what was skipped."""
    done = [r for r in results if r.changed and (diff or r.written)]
    fixes, changed = sum(len(r.applied) for r in done), len(done)
    checked = sum(1 for r in results if r.read)
    s = lambda n: "" if n == 1 else "s"  # noqa: E731
    verb = "Would fix" if diff else "Fixed"
    lines = [f"{verb} {fixes} problem{s(fixes)} in {changed} file{s(changed)} "
             f"({checked} file{s(checked)} checked)."]
    left = [d for r in results for d in r.remaining]
    if left:
        lines.append(f"{len(left)} problem{s(len(left))} left (`tlint check` shows where):")
        by_rule = Counter(d.rule for d in left)
        level = {d.rule: d.severity for d in left}
        unsafe_left = Counter(d.rule for d in left if d.fix is not None and not d.fix.safe)
        width = max(map(len, by_rule))
        for rule, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            note = f"  [~] {unsafe_left[rule]} with an unsafe fix" if unsafe_left[rule] else ""
            lines.append(f"  {n:>5}  {rule:<{width}}  {level[rule]}{note}")
    reasons = []
    n_unsafe = sum(1 for d in left if d.fix is not None and not d.fix.safe)
    if n_unsafe and not unsafe:
        reasons.append(f"{n_unsafe} unsafe fix{'es' if n_unsafe != 1 else ''} not applied (add --unsafe after a look)")
    on_disk = sum(1 for r in results if r.skipped and r.skipped.endswith(CHANGED_ON_DISK))
    if on_disk:
        reasons.append(f"{on_disk} file{s(on_disk)} changed on disk while fixing, not written")
    failed = sum(1 for r in results if r.error and r.read)
    if failed:
        reasons.append(f"{failed} file{s(failed)} could not be fixed or written (see above)")
    unread = sum(1 for r in results if not r.read and (r.error or r.skipped))
    if unread:
        reasons.append(f"{unread} file{s(unread)} not read (see above)")
    if reasons:
        lines.append("Skipped: " + "; ".join(reasons) + ".")
    return lines


__all__ = ["fix_text", "apply_edits", "plan_file", "plan_bytes", "write_file", "FileFix",
           "NotConverged", "MAX_PASSES", "summary"]
