"""`metric`: a readability figure (textstat counts, see tlint.readability) of each sentence,
each paragraph or the whole document, against `min` / `max`.

    long-sentence:
      kind: metric
      metric: words_per_sentence
      unit: sentence          # sentence | paragraph | document
      max: 70
      message: "Sentence of {value:.0f} words (more than {bound:.0f})"

`unit` is its own field rather than `scope`, which for every kind already names the block
kinds a rule reads (paragraph, list_item, ...); both combine: `scope` picks the blocks,
`unit` how they are measured. `min_words` skips units too short for a stable figure.
`up_to` / `down_to` leave values past them to a stricter rule, so one sentence is not
reported twice (info for 60-100 words, a warning above 100).
Messages may use {value}, {bound}, {metric}, {words} and {sentences}.
"""
from __future__ import annotations

from typing import Iterator

from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.sentences import split

UNITS = ("sentence", "paragraph", "document")
_NUMBER = (int, float)


class Rule(BaseRule):
    kind = "metric"
    fields = {"metric": str, "unit": str, "min": _NUMBER, "max": _NUMBER, "min_words": int,
              "up_to": _NUMBER, "down_to": _NUMBER}
    required = frozenset({"metric"})

    def compile(self) -> None:
        from tlint.readability import METRICS, NEEDS  # no textstat import here: only at check time

        self.metric = self.spec["metric"]
        if self.metric not in METRICS:
            raise RuleConfigError(f"unknown metric {self.metric!r} (one of: {', '.join(METRICS)})", "metric")
        self.unit = self.spec.get("unit", "sentence")
        if self.unit not in UNITS:
            raise RuleConfigError(f"unit must be one of {', '.join(UNITS)}", "unit")
        self.min = self.spec.get("min")
        self.max = self.spec.get("max")
        if self.min is None and self.max is None:
            raise RuleConfigError("give 'min', 'max' or both", "metric")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise RuleConfigError("min is above max", "min")
        self.up_to = self.spec.get("up_to")
        self.down_to = self.spec.get("down_to")
        if self.up_to is not None and (self.max is None or self.up_to <= self.max):
            raise RuleConfigError("up_to needs a 'max' below it", "up_to")
        if self.down_to is not None and (self.min is None or self.down_to >= self.min):
            raise RuleConfigError("down_to needs a 'min' above it", "down_to")
        self.min_words = self.spec.get("min_words", 0)
        self.need = NEEDS.get(self.metric, ())
        if self.has_fix:
            raise RuleConfigError("a metric has no mechanical fix", "fix")

    def check(self, doc: Document) -> Iterator[Finding]:
        from tlint import readability as rd

        if self.unit == "document":
            blocks = list(self.blocks(doc))
            counts = rd.total(rd.text_counts(b.text, self.need) for b in blocks)
            if blocks:
                first = split(blocks[0].text)
                end = first[0].end if first else len(blocks[0].text)
                f = self._judge(blocks[0], 0, end, counts)
                if f is not None:
                    yield f
            return
        for block in self.blocks(doc):
            if self.unit == "paragraph":
                counts = rd.text_counts(block.text, self.need, self.min_words)
                f = self._judge(block, 0, len(block.text.rstrip()), counts)
                if f is not None:
                    yield f
                continue
            # sentences: a plain loop, no generator per sentence (this runs on every one)
            counts_of, need, judge = rd.sentence_counts, self.need, self._judge
            # a sentence's words_per_sentence is its word count, which bounds the check
            # without counting: most sentences have fewer words than any sane `max`
            cheap_max = self.max if self.metric in ("words_per_sentence", "words") and self.min is None else None
            for s in split(block.text):
                if cheap_max is not None and len(s.text.split()) <= cheap_max:
                    continue  # textstat's words are at most the whitespace-separated tokens
                f = judge(block, s.start, s.end, counts_of(s.text, need))
                if f is not None:
                    yield f

    def _judge(self, block, start: int, end: int, counts) -> Finding | None:
        from tlint.readability import measure

        if counts.words == 0 or counts.words < self.min_words:
            return None
        value = measure(self.metric, counts)
        bound = None
        if self.max is not None and value > self.max:
            if self.up_to is None or value <= self.up_to:
                bound = self.max
        elif self.min is not None and value < self.min:
            if self.down_to is None or value >= self.down_to:
                bound = self.min
        if bound is None:
            return None
        return self.finding(
            block, start, end, None,
            value=value, bound=bound, metric=self.metric,
            words=counts.words, sentences=counts.sentences,
        )
