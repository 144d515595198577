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
        self._folders: dict[str, Path] = {}

    def _repo_root(self, folder: Path) -> Path | None:
        if folder not in self._roots:
            if (folder / ".git").exists():
                self._roots[folder] = folder
            else:
                self._roots[folder] = None if folder.parent == folder else self._repo_root(folder.parent)
        return self._roots[folder]

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

    def _resolved(self, path: str | Path) -> Path:
        """Path(path).resolve(), resolving each folder once: a walk asks for every file."""
        path = str(path)
        if os.path.islink(path):
            return Path(path).resolve()
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = Path(folder or ".").resolve()
        return real / name if name not in ("", ".", "..") else Path(path).resolve()

    def ignored(self, path: str | Path, is_dir: bool = False) -> bool:
        path = self._resolved(path)
        root = self._repo_root(path.parent)
        if root is None or path == root:
            return False
        folders = [root, *[p for p in reversed(path.parents) if root in p.parents]]
        # (pattern file, the folder its patterns are relative to), lowest precedence first
        files = [(root / ".git" / "info" / "exclude", root)] + [(f / ".gitignore", f) for f in folders]
        decision = False
        for f, base in files:
            spec = self._spec(f)
            if spec is None:
                continue
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                decision = bool(result.include)
        return decision
