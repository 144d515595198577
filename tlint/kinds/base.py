"""What every rule kind shares: common fields, scope, message formatting, fix mapping."""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, ClassVar, Iterator

from tlint.document import BLOCK_KINDS, Block, Document


class RuleConfigError(ValueError):
    """A rule's own fields are wrong; the pack loader adds file, line and rule id.
    `field` names the offending key so the error points at its line."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Finding:
    """A hit in source offsets. `replacement` is None when the rule offers no fix."""

    start: int
    end: int
    message: str
    replacement: str | None = None
    # the span the fix edits, when wider than the reported one (a deletion takes a space along)
    fix_start: int | None = None
    fix_end: int | None = None
    # a kind reporting many rules of its own (languagetool: `grammar.EN_A_VS_AN`) names
    # each finding; None means the rule's own id
    rule_id: str | None = None


class _MessageFormatter(string.Formatter):
    """Formats rule messages: `{match}`, `{name}` and numbered groups `{1}` are looked up by
    name, and an unknown placeholder stays as written instead of raising."""

    def get_value(self, key, args, kwargs):
        return kwargs.get(str(key), "{" + str(key) + "}")


_FORMATTER = _MessageFormatter()


def _format(template: str, values: dict[str, Any]) -> str:
    if "{" not in template:
        return template
    try:
        return _FORMATTER.vformat(template, (), values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


# Fields every rule has; kinds declare their own in `fields`.
COMMON_FIELDS = {
    "kind": str,
    "level": str,
    "message": str,
    "description": str,
    "scope": list,
    "fix": (dict, bool),
    "examples": dict,
}

DEFAULT_SCOPE = frozenset(BLOCK_KINDS)


class Rule:
    kind: ClassVar[str] = ""
    # own field name -> accepted type(s)
    fields: ClassVar[dict[str, Any]] = {}
    required: ClassVar[frozenset[str]] = frozenset()
    # True when the kind computes its own replacement (swap, repetition) so `fix` needs no `replace`
    builtin_fix: ClassVar[bool] = False
    # False for a kind with its own time limits (a LanguageTool request): no watchdog
    guarded: ClassVar[bool] = True
    # True for a kind whose findings name rules of its own (`grammar.EN_A_VS_AN`)
    reports_own_rules: ClassVar[bool] = False
    # True for a rule that finds only in candidate_blocks: the engine skips it on a
    # document where may_fire says it cannot match (most rules, most articles). Set by a
    # kind (pattern, terms, decode) or by one check of a kind (sentence: capital).
    only_candidates: bool = False

    def __init__(self, rule_id: str, spec: dict[str, Any]):
        self.id = rule_id
        self.spec = spec
        self.level: str = spec.get("level", "warning")
        self.message: str = spec["message"]
        self.description: str = spec.get("description", "")
        scope = spec.get("scope")
        if scope is not None:
            unknown = [s for s in scope if s not in BLOCK_KINDS]
            if unknown:
                raise RuleConfigError(
                    f"unknown scope {unknown[0]!r} (one of: {', '.join(BLOCK_KINDS)})", "scope"
                )
        self.scope = frozenset(scope) if scope is not None else DEFAULT_SCOPE
        fix = spec.get("fix")
        self.fix_replace: str | None = None
        self.fix_safe = False
        self.has_fix = False
        if isinstance(fix, dict):
            unknown = set(fix) - {"replace", "safe"}
            if unknown:
                raise RuleConfigError(f"unknown key {sorted(unknown)[0]!r} in fix (replace, safe)", "fix")
            if "replace" in fix and not isinstance(fix["replace"], str):
                raise RuleConfigError("fix.replace must be a string", "fix")
            if "replace" not in fix and not self.builtin_fix:
                raise RuleConfigError("fix needs 'replace' for this kind", "fix")
            self.fix_replace = fix.get("replace")
            self.fix_safe = bool(fix.get("safe", False))
            self.has_fix = True
        elif fix is True:
            if not self.builtin_fix:
                raise RuleConfigError("fix: true needs a kind that computes its own fix; give {replace: ...}", "fix")
            self.has_fix = True
            self.fix_safe = False
        self.examples = spec.get("examples", {})
        self.compile()

    # -- for subclasses
    def compile(self) -> None:
        """Validate and precompile own fields; raise RuleConfigError."""

    def check(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    # -- helpers
    def blocks(self, doc: Document) -> Iterator[Block]:
        return doc.iter_blocks(self.scope)

    # (text, memo) -> could the rule match there; None: anywhere (set by tlint.prefilter)
    could_match = None

    def may_fire(self, doc: Document) -> bool:
        """False when no block of `doc` can be a candidate: the article lacks what every
        match needs, or the gate's pass flagged no block of it for this rule. Asked before
        the rule runs, it saves calling it at all (~100 rules per document)."""
        gate = doc.memo.get("gate")
        if gate is not None and gate.gates(self) and not gate.could_fire(self, doc):
            return False  # (asked first: a set lookup, where the test searches the article)
        test = self.could_match
        return test is None or test(doc.prose, doc.memo)

    def candidate_blocks(self, doc: Document) -> list[Block]:
        """The blocks in scope that hold what every match needs. (The whole article was
        tested first, by may_fire: most rules need a word or a mark most articles lack.)"""
        blocks = doc.scoped(self.scope)
        gate = doc.memo.get("gate")
        if gate is not None and gate.gates(self):
            # one Hyperscan pass per block has said which rules could match there
            return gate.candidates(self, blocks)
        test = self.could_match
        if test is None:
            return blocks
        return [b for b in blocks if test(b.text, b.memo)]

    def finding(
        self,
        block: Block,
        start: int,
        end: int,
        replacement: str | None = None,
        /,
        **values: Any,
    ) -> Finding:
        """A finding for block-text span [start, end). The fix is dropped when the span
        covers masked markup, because then the edit would touch text the rule never saw."""
        src_start, src_end = block.source_span(start, end)
        values.setdefault("match", block.text[start:end])
        message = _format(self.message, values)
        if replacement is None or not self.has_fix:
            return Finding(src_start, src_end, message)
        fix_start, fix_end = start, end
        if replacement == "":
            fix_start, fix_end = _swallow_space(block.text, start, end)
        if not block.is_contiguous(fix_start, fix_end):
            return Finding(src_start, src_end, message)
        fs, fe = block.source_span(fix_start, fix_end)
        return Finding(src_start, src_end, message, replacement, fs, fe)


def _swallow_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleting a word-like span should not leave a double space or a space before
    punctuation: take the whitespace before it (or after it, at the start of a block)."""
    if start >= end or text[start].isspace() or text[end - 1].isspace():
        return start, end
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if before < start and (after == len(text) or after > end or not text[after].isalnum()):
        return before, end
    if before == 0 and after > end:
        return start, after
    return start, end
