"""Find and merge configuration: `.tlint.yaml` or `[tool.tlint]` in pyproject.toml, looked
up from each file's folder upwards (nearest wins), then command-line overrides on top."""
from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tlint.diagnostic import LEVELS

CONFIG_NAMES = (".tlint.yaml", ".tlint.yml")
KEYS = {
    "packs", "select", "ignore", "severity", "fail-on", "include", "exclude",
    "per-file-ignores", "language", "languagetool", "extend-packs",
}
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")


class ConfigError(Exception):
    """A broken config file; str() is the one-line message."""


@dataclass(frozen=True)
class Config:
    path: str | None = None          # the file it came from (None: defaults)
    root: str | None = None          # its folder: relative paths and globs resolve here
    packs: tuple[str, ...] | None = None   # None: the built-in default packs
    extend_packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str = "warning"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    language: str = "en"
    languagetool: tuple[tuple[str, Any], ...] = ()

    def with_overrides(self, **changes: Any) -> "Config":
        # add_packs (from `check --grammar`) adds to extend-packs instead of replacing them
        add = tuple(changes.pop("add_packs", None) or ())
        changes = {k: v for k, v in changes.items() if v not in (None, ())}
        if add:
            changes["extend_packs"] = tuple(dict.fromkeys(
                changes.get("extend_packs", self.extend_packs) + add))
        return replace(self, **changes)


def _as_tuple(value: Any, key: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{path}: '{key}' must be a list of strings")


def from_mapping(data: Any, path: str) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: configuration must be a mapping of keys")
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(KEYS))})"
        )
    root = str(Path(path).resolve().parent)
    severity = data.get("severity", {}) or {}
    if not isinstance(severity, dict) or any(v not in LEVELS for v in severity.values()):
        raise ConfigError(f"{path}: 'severity' maps rule ids to one of {', '.join(LEVELS)}")
    fail_on = data.get("fail-on", "warning")
    if fail_on not in LEVELS:
        raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(LEVELS)}")
    pfi = data.get("per-file-ignores", {}) or {}
    if not isinstance(pfi, dict):
        raise ConfigError(f"{path}: 'per-file-ignores' maps globs to rule lists")
    lt = data.get("languagetool", {}) or {}
    if not isinstance(lt, dict):
        raise ConfigError(f"{path}: 'languagetool' must be a mapping (url, language, path)")
    packs = data.get("packs")
    return Config(
        path=path,
        root=root,
        packs=None if packs is None else _as_tuple(packs, "packs", path),
        extend_packs=_as_tuple(data.get("extend-packs"), "extend-packs", path),
        select=_as_tuple(data.get("select"), "select", path),
        ignore=_as_tuple(data.get("ignore"), "ignore", path),
        severity=tuple(sorted(severity.items())),
        fail_on=fail_on,
        include=_as_tuple(data.get("include"), "include", path) or DEFAULT_INCLUDE,
        exclude=_as_tuple(data.get("exclude"), "exclude", path),
        per_file_ignores=tuple(
            (glob, _as_tuple(rules, "per-file-ignores", path)) for glob, rules in pfi.items()
        ),
        language=str(data.get("language", "en")),
        languagetool=tuple(sorted(lt.items())),
    )


def load_file(path: str) -> Config:
    """Read one config file (.tlint.yaml or pyproject.toml)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    if path.endswith(".toml"):
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        return from_mapping(data.get("tool", {}).get("tlint", {}), path)
    try:
        import yaml  # imported when a config file exists: most runs have none or one

        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from None
    return from_mapping(data, path)


def _has_tool_tlint(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "tlint" not in text:
        return False  # most projects' pyproject.toml: no need to import tomllib and parse it
    import tomllib

    try:
        return "tlint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return False


@functools.lru_cache(maxsize=4096)
def find_config_file(folder: str) -> str | None:
    """The nearest config file at or above `folder` (cached per folder)."""
    d = Path(folder).resolve()
    for name in CONFIG_NAMES:
        if (d / name).is_file():
            return str(d / name)
    pyproject = d / "pyproject.toml"
    if pyproject.is_file() and _has_tool_tlint(pyproject):
        return str(pyproject)
    if d.parent == d:
        return None
    return find_config_file(str(d.parent))


@functools.lru_cache(maxsize=256)
def _load_cached(path: str | None, stamp: tuple[int, int]) -> Config:
    return Config() if path is None else load_file(path)


def load_cached(path: str | None) -> Config:
    """Parsed once per file version: the stamp (mtime, size) makes an edited config reload
    in a long-lived process (the Python API, tests) instead of serving a stale copy."""
    try:
        st = Path(path).stat() if path else None
    except OSError:
        st = None
    return _load_cached(path, (st.st_mtime_ns, st.st_size) if st else (0, 0))


def config_for(file_path: str) -> Config:
    """The configuration that applies to one file."""
    folder = str(Path(file_path).parent) if file_path not in ("-", "") else "."
    # resolved first: the folder cache must not confuse "news" under two working directories
    return load_cached(find_config_file(str(Path(folder or ".").resolve())))


def matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    """A rule id matches `credits.leaked`, `credits` (the pack) or a glob like `credits.*`."""
    for pat in patterns:
        if pat == rule_id or pat == "ALL" or rule_id.startswith(pat + "."):
            return True
        if fnmatch.fnmatchcase(rule_id, pat):
            return True
    return False


def path_matches(path: str, globs: tuple[str, ...], root: str | None) -> bool:
    """Glob match (fnmatch) on the path relative to the config root, and on the file name
    alone; a glob naming a folder matches what is inside it."""
    if not globs:
        return False
    if root:
        p = Path(path)
        rel, name = p.as_posix(), p.name
        try:
            rel = p.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    else:
        rel, name = _posix_and_name(path)
    regex, folders = _glob_matcher(tuple(globs))
    return (regex.match(os.path.normcase(rel)) is not None or regex.match(os.path.normcase(name)) is not None
            or rel.startswith(folders))


@functools.lru_cache(maxsize=256)
def _glob_matcher(globs: tuple[str, ...]):
    """The globs as one regex (fnmatch's own translation of each) and their folder
    prefixes: a walk asks every file, and one match beats an fnmatch call per glob."""
    regex = re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(g))})" for g in globs))
    return regex, tuple(g.rstrip("/") + "/" for g in globs)


def _posix_and_name(path: str) -> tuple[str, str]:
    """(Path(path).as_posix(), Path(path).name), the folder's part worked out once per
    folder rather than once per file."""
    folder, name = os.path.split(path)
    if name in ("", ".", ".."):
        p = Path(path)
        return p.as_posix(), p.name
    base = _posix_folder(folder)
    if base == ".":
        return name, name
    return (base if base.endswith("/") else base + "/") + name, name


@functools.lru_cache(maxsize=1024)
def _posix_folder(folder: str) -> str:
    return Path(folder).as_posix()
