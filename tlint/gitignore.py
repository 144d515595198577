"""`.gitignore` rules, so walking a folder skips what git ignores (build output, drafts
kept out of the repository). Pattern semantics come from `pathspec` (GitIgnoreSpec: the
full gitignore dialect with negation and git's edge cases) rather than a hand-written
fnmatch approximation. Like git (and ruff), the files only count inside a repository:
every `.gitignore` from the repository root down to the file's folder applies, deeper
ones last, plus `.git/info/exclude`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a walk first needs it: most runs never load it
    import pathspec


class GitIgnore:
    """Answers `ignored(path)` for one walk; reads each .gitignore once."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._roots: dict[Path, Path | None] = {}
        self._folders: dict[str, tuple] = {}  # folder as given -> (resolved, root, specs)
        self._applies: dict[Path, tuple] = {}

    def _repo_root(self, folder: Path) -> Path | None:
        if folder not in self._roots:
            if (folder / ".git").exists():
                self._roots[folder] = folder
            else:
                self._roots[folder] = None if folder.parent == folder else self._repo_root(folder.parent)
        return self._roots[folder]

    def _applying(self, folder: Path) -> tuple[Path | None, list]:
        """(the repository root, [(spec, the folder its patterns are relative to)], lowest
        precedence first) for the entries of `folder`: worked out once per folder."""
        found = self._applies.get(folder)
        if found is None:
            root = self._repo_root(folder)
            specs = []
            if root is not None:
                folders = [root, *[p for p in reversed((folder / "x").parents) if root in p.parents]]
                files = [(root / ".git" / "info" / "exclude", root)] + [(f / ".gitignore", f) for f in folders]
                specs = [(spec, base) for f, base in files if (spec := self._spec(f)) is not None]
            found = self._applies[folder] = (root, specs)
        return found

    def _spec(self, file: Path) -> pathspec.GitIgnoreSpec | None:
        if file not in self._specs:
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._specs[file] = None
            else:
                import pathspec  # only folder walks (and --force-exclude) need it

                self._specs[file] = pathspec.GitIgnoreSpec.from_lines(lines)
        return self._specs[file]

    def ignored(self, path: str | Path, is_dir: bool = False) -> bool:
        path = str(path)
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            real = Path(path).resolve()
            root, specs = self._applying(real.parent)
        else:
            # the common case, a file in a walked folder: the folder resolved and its
            # pattern files found once per folder; outside a repository, no Path per file
            found = self._folders.get(folder)
            if found is None:
                resolved = Path(folder or ".").resolve()
                found = self._folders[folder] = (resolved, *self._applying(resolved))
            resolved, root, specs = found
            if root is None:
                return False
            real = resolved / name
        if root is None or real == root:
            return False
        decision = False
        for spec, base in specs:
            rel = real.relative_to(base).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                decision = bool(result.include)
        return decision
