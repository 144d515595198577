"""`languagetool`: matches from a LanguageTool server (see tlint.languagetool), one request
per document. Each match becomes a finding `PACK.LT_RULE_ID` with LanguageTool's message;
its first replacement is an unsafe fix (a grammar checker's suggestion needs a human look).

    languagetool:
      kind: languagetool
      level: warning
      message: "{message}"            # also {rule}, {category}, {replacement}
      disable: [WHITESPACE_RULE]      # LanguageTool rule ids
      disable_categories: [TYPOGRAPHY]
      fix: true

Only prose is sent: block text, with masked code and URLs sent as markup that LanguageTool
reads as a neutral word, and block breaks as markup read as a paragraph break. A match
that reaches into markup or across blocks is dropped: it is not about prose tlint owns.
"""
from __future__ import annotations

from typing import Iterator

from tlint.document import PLACEHOLDER, Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule

_MASKED_READS_AS = "X"     # a neutral token where code or a URL was
_BLOCK_BREAK = "\n\n"


class Rule(BaseRule):
    kind = "languagetool"
    guarded = False  # network calls with their own timeouts: the watchdog must not cut them
    reports_own_rules = True  # grammar.EN_A_VS_AN, ...
    fields = {"enable": list, "disable": list, "enable_categories": list,
              "disable_categories": list, "only": bool, "language": str}
    builtin_fix = True

    def compile(self) -> None:
        for key in ("enable", "disable", "enable_categories", "disable_categories"):
            values = self.spec.get(key, [])
            if not all(isinstance(v, str) and v and "," not in v for v in values):
                raise RuleConfigError(f"{key} lists LanguageTool ids (strings without commas)", key)
            setattr(self, key, tuple(values))
        self.only = self.spec.get("only", False)
        if self.only and not (self.enable or self.enable_categories):
            raise RuleConfigError("only: true needs 'enable' or 'enable_categories'", "only")
        if self.has_fix and self.fix_safe:
            raise RuleConfigError("LanguageTool suggestions are unsafe fixes: use fix: true", "fix")
        self.pack = self.id.split(".", 1)[0]

    def check(self, doc: Document) -> Iterator[Finding]:
        from tlint import languagetool as lt

        blocks = list(self.blocks(doc))
        if not blocks:
            return
        annotation, sent, owner = _annotate(blocks)
        session = lt.session()
        try:
            client = session.connect()
            raw = client.check(
                annotation, self.spec.get("language") or session.language(),
                enabled_rules=self.enable, disabled_rules=self.disable,
                enabled_categories=self.enable_categories,
                disabled_categories=self.disable_categories, enabled_only=self.only,
            )
        except lt.LanguageToolUnavailable as exc:
            session.fail(str(exc))
            return
        for m in lt.parse_matches(raw, sent):
            span = _block_span(owner, m.start, m.end)
            if span is None:
                continue
            b, start, end = span
            block = blocks[b]
            replacement = m.replacements[0] if m.replacements else None
            f = self.finding(block, start, end, replacement, message=m.message, rule=m.rule_id,
                             category=m.category, replacement=replacement or "")
            yield Finding(f.start, f.end, f.message, f.replacement, f.fix_start, f.fix_end,
                          rule_id=f"{self.pack}.{m.rule_id}")


def _annotate(blocks) -> tuple[list[dict], str, list]:
    """LanguageTool's annotated-text items for the blocks, the exact string they add up to
    (LanguageTool's offsets count all of it), and for each character of that string its
    (block, index) or None for markup."""
    items: list[dict] = []
    owner: list = []
    for b, block in enumerate(blocks):
        if b:
            items.append({"markup": _BLOCK_BREAK, "interpretAs": _BLOCK_BREAK})
            owner.extend([None] * len(_BLOCK_BREAK))
        text = block.text
        pos = 0
        while pos < len(text):
            mask = text.find(PLACEHOLDER, pos)
            if mask == -1:
                mask = len(text)
            if mask > pos:
                items.append({"text": text[pos:mask]})
                owner.extend((b, i) for i in range(pos, mask))
            if mask < len(text):
                items.append({"markup": PLACEHOLDER, "interpretAs": _MASKED_READS_AS})
                owner.append(None)
            pos = mask + 1
    sent = "".join(item.get("text", item.get("markup", "")) for item in items)
    return items, sent, owner


def _block_span(owner: list, start: int, end: int):
    """(block, start, end) in block text when [start, end) lies in one block's prose."""
    if start >= len(owner):
        return None
    end = max(end, start + 1)
    cells = owner[start:end]
    if not cells or any(c is None for c in cells) or cells[0][0] != cells[-1][0]:
        return None
    return cells[0][0], cells[0][1], cells[-1][1] + 1
