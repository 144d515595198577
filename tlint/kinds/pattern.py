"""`pattern`: a regular expression over each prose block (the `regex` module, so
`\\p{Arabic}` works and a runaway pattern times out instead of hanging a hook)."""
from __future__ import annotations

from typing import Iterator

import regex

from tlint import rx, watchdog
from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.prefilter import block_test, requirement

# Seconds one block may take; a pathological pattern is cut off and reported once.
MATCH_TIMEOUT = 2.0


class Rule(BaseRule):
    kind = "pattern"
    only_candidates = True
    # later_paragraphs: skip every block up to and including the lead paragraph (the first
    # one that ends a sentence), for things that are normal only where a story opens
    fields = {"pattern": str, "ignorecase": bool, "later_paragraphs": bool}
    required = frozenset({"pattern"})

    def compile(self) -> None:
        flags = 0
        if self.spec.get("ignorecase"):
            flags |= regex.IGNORECASE
        try:
            self.regex = regex.compile(self.spec["pattern"], flags)
        except regex.error as exc:
            raise RuleConfigError(f"bad regex in pattern: {exc}", "pattern") from None
        # blocks lacking a string every match needs are skipped (tlint.prefilter)
        self.could_match = block_test(requirement(self.regex.pattern, self.regex.flags))
        if self.fix_replace is not None:
            try:
                _check_template(self.regex, self.fix_replace)
            except (regex.error, IndexError) as exc:
                raise RuleConfigError(f"bad fix.replace template: {exc}", "fix") from None

    def check(self, doc: Document) -> Iterator[Finding]:
        # under the engine's watchdog a runaway match is stopped by a signal instead
        timeout = None if watchdog.active() else MATCH_TIMEOUT
        blocks = self.candidate_blocks(doc)
        if blocks and self.spec.get("later_paragraphs"):
            lead = _lead_paragraph(doc)
            blocks = [b for b in blocks if lead is not None and b.start > lead.start]
        for block in blocks:
            try:
                for m in self.regex.finditer(block.text, timeout=timeout):
                    if m.end() == m.start():
                        continue
                    replacement = m.expand(self.fix_replace) if self.fix_replace is not None else None
                    groups = {f"{i}": g or "" for i, g in enumerate(m.groups(), 1)}
                    yield self.finding(block, m.start(), m.end(), replacement, **groups, **{
                        k: v or "" for k, v in m.groupdict().items()
                    })
            except TimeoutError:
                continue


_SENTENCE_END = rx.compile(r'[.!?]["”’)]?\s*$')


def _lead_paragraph(doc: Document):
    """The first paragraph that ends a sentence (a headline or a kicker does not); once per
    document, for every rule that asks."""
    if "pattern.lead" not in doc.memo:
        doc.memo["pattern.lead"] = next(
            (b for b in doc.blocks if b.kind == "paragraph" and _SENTENCE_END.search(b.text)), None)
    return doc.memo["pattern.lead"]


def _check_template(compiled, template: str) -> None:
    """Expand the template against a fake match with every group present, so a reference
    to a group the pattern lacks is a load-time error, not a crash mid-run."""
    groups = compiled.groups
    probe = regex.compile("".join("()" for _ in range(groups)) + "")
    probe.match("").expand(template)
