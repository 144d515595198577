"""`--diff-from REV`: which lines changed since a git revision, so only findings on
changed lines are reported and an archive full of old artifacts can adopt tlint in CI.

Uses the git command line (always there where a revision means anything) and reads its
unified diff with zero context: each `@@ -a,b +c,d @@` hunk header names the changed
lines c..c+d-1 of the new file. The working tree is compared with REV, so uncommitted
edits count as changes. Files git does not track yet are new: all their lines changed."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

_HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class ChangesError(Exception):
    """git failed (not a repository, unknown revision); str() is the one-line message."""


ALL = None  # marker: every line of the file changed


def _git(args: list[str], cwd: str) -> str:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                           encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        raise ChangesError("--diff-from needs git, which is not installed") from None
    if p.returncode != 0:
        message = (p.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ChangesError(f"git {args[0]}: {message}")
    return p.stdout


def parse_diff(diff: str, root: Path) -> dict[Path, set[int]]:
    """Changed line numbers of the new side, per file (resolved path)."""
    changed: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name == "/dev/null":
                current = None
                continue
            name = name[2:] if name.startswith("b/") else name
            current = changed.setdefault((root / name).resolve(), set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK_RE.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(start, start + count))
    return changed


class ChangedLines:
    """Which lines of which files changed since `rev` in the repository around `cwd`."""

    def __init__(self, rev: str, cwd: str = "."):
        root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
        except ChangesError:
            raise ChangesError(f"--diff-from {rev}: not a known revision of {root}") from None
        diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff",
                     "--no-textconv", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/",
                     rev, "--"], str(root))
        self.lines: dict[Path, set[int] | None] = dict(parse_diff(diff, root))
        untracked = _git(["-c", "core.quotePath=false", "ls-files", "--others",
                          "--exclude-standard", "-z"], str(root))
        for name in filter(None, untracked.split("\0")):
            self.lines[(root / name).resolve()] = ALL

    def keep(self, diag) -> bool:
        """True when the finding touches a changed line."""
        path = Path(diag.path).resolve()
        if path not in self.lines:
            return False
        lines = self.lines[path]
        return lines is ALL or any(n in lines for n in range(diag.line, diag.end_line + 1))
