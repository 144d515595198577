"""The commented starter configuration `tlint init` writes: every key with its default
and a line on what it does, the built-in packs listed from the packs themselves."""
from __future__ import annotations

from tlint.packs import builtin_names, load_pack, resolve

FILE_NAME = ".tlint.yaml"


def starter_config() -> str:
    packs = [load_pack(resolve(n)) for n in builtin_names()]
    listing = "\n".join(
        f"#   {p.name:<14} {p.description}{'' if p.default else '  (opt-in)'}" for p in packs
    )
    defaults = ", ".join(p.name for p in packs if p.default)
    return f"""\
# tlint configuration. tlint reads the nearest .tlint.yaml (or [tool.tlint] in
# pyproject.toml) above each file; command-line options override it.
# Every key is optional: delete what you do not need.

# Rule packs to run: built-in names or paths to your own YAML packs.
# Built-in packs:
{listing}
# packs: [{defaults}]
# extend-packs: [./house-style.yaml]     # add your packs to the defaults instead

# Rules to run or skip: rule ids, pack names or globs.
# select: [credits, punctuation.doubled-stop]
# ignore: ["punctuation.doubled-comma"]

# Change a rule's level (error | warning | info).
# severity:
#   credits.leaked-agency: warning

# Lowest level that makes `tlint check` exit 1.
fail-on: warning

# Files to lint when walking folders, and files to skip (.gitignore is respected too).
include: ["*.md", "*.markdown", "*.txt"]
exclude: []

# Rules to skip for some files (globs relative to this file).
# per-file-ignores:
#   "archive/*.txt": [credits]

# Language of the articles.
language: en
"""
