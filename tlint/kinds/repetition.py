"""`repetition`: a word or phrase repeated back to back (`the the`, `I'm sorry I'm sorry
I'm sorry`). Units are compared case-insensitively and must be separated by whitespace only,
so `Yes. Yes.` and `sorry, sorry` are left alone. The fix keeps the first occurrence."""
from __future__ import annotations

from typing import Iterator

from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.sentences import inside_quote
from tlint.words import WordPattern

_WORDS = WordPattern(r"[\p{L}\p{M}\p{N}]", r"[\p{L}\p{M}\p{N}]", "'’-", r"[\p{L}\p{M}\p{N}]", repeat=True)
_WORD_RE = _WORDS.regex


def block_words(block) -> list[str]:
    """The block's words in lower case, computed once per block and shared by every
    repetition rule (doubled words and phrase loops scan the same list)."""
    words = block.memo.get("repetition.words")
    if words is None:
        words = block.memo["repetition.words"] = _WORDS.findall_lower(block.text)
    return words


class Rule(BaseRule):
    kind = "repetition"
    fields = {"min_ngram": int, "max_ngram": int, "min_repeats": int, "allow": list, "in_quotes": bool}
    builtin_fix = True

    def compile(self) -> None:
        self.min_ngram = self.spec.get("min_ngram", 1)
        self.max_ngram = self.spec.get("max_ngram", 1)
        self.min_repeats = self.spec.get("min_repeats", 2)
        if not 1 <= self.min_ngram <= self.max_ngram <= 12:
            raise RuleConfigError("need 1 <= min_ngram <= max_ngram <= 12")
        if self.min_repeats < 2:
            raise RuleConfigError("min_repeats is at least 2")
        # legitimate doubles, e.g. "had had", "that that"
        allow = self.spec.get("allow", [])
        if not all(isinstance(a, str) for a in allow):
            raise RuleConfigError("allow lists words as strings (quote yes/no in YAML)", "allow")
        self.allow = {a.lower() for a in allow}
        # entries like "it is is": a double allowed only after the words before it
        self.context_words = {len(a.split()) - 2 for a in self.allow if len(a.split()) > 2}
        # false: a repeat inside a quotation is the speaker's ("day and night, day and night")
        self.in_quotes = self.spec.get("in_quotes", True)

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in self.blocks(doc):
            yield from self._check_block(block)

    def _check_block(self, block) -> Iterator[Finding]:
        text = block.text
        # where a unit may repeat (a run of equal word pairs, found in C): most blocks have
        # no such place, and only those places are looked at closer
        candidates = _WORDS.repeat_starts(text, self.min_ngram, self.max_ngram)
        if not candidates:
            return
        lowered = block_words(block)
        words = [(m.start(), m.end(), w) for m, w in zip(_WORD_RE.finditer(text), lowered)]
        i = 0
        for c in candidates:
            if c < i:
                continue  # inside a repeat already reported
            i = c
            hit = None
            for n in range(self.max_ngram, self.min_ngram - 1, -1):
                reps = self._repeats(text, words, i, n)
                if reps >= self.min_repeats:
                    hit = (n, reps)
                    break
            if hit is None:
                i += 1
                continue
            n, reps = hit
            if not self.in_quotes and inside_quote(text, words[i][0]):
                i += n * reps
                continue
            first_end = words[i + n - 1][1]
            last_end = words[i + n * reps - 1][1]
            yield self._finding(block, words[i][0], first_end, words[i + n][0], last_end, reps)
            i += n * reps

    def _finding(self, block, unit_start, first_end, repeat_start, last_end, reps) -> Finding:
        # report the repeated copies; the fix deletes them together with the space before
        f = self.finding(
            block, repeat_start, last_end, "",
            phrase=block.text[unit_start:first_end], count=reps,
        )
        if f.replacement is None:
            return f
        fs, fe = block.source_span(first_end, last_end)
        if not block.is_contiguous(first_end, last_end):
            return Finding(f.start, f.end, f.message)
        return Finding(f.start, f.end, f.message, "", fs, fe)

    def _repeats(self, text: str, words, i: int, n: int) -> int:
        # cheap rejection first: most positions do not start a repeat of length n
        if i + 2 * n > len(words) or words[i][2] != words[i + n][2]:
            return 0
        unit = [w for _, _, w in words[i : i + n]]
        if n == 1 and (unit[0] in self.allow or unit[0].isdigit()):
            return 0
        if " ".join(unit) in self.allow:
            return 0
        for k in self.context_words:
            if n == 1 and i >= k and " ".join([w for _, _, w in words[i - k : i]] + unit * 2) in self.allow:
                return 0
        reps = 1
        j = i + n
        while j + n <= len(words):
            if [w for _, _, w in words[j : j + n]] != unit:
                break
            gap = text[words[j - 1][1] : words[j][0]]
            if gap.strip():
                break
            # the words inside one unit must be as close as the unit's own
            reps += 1
            j += n
        return reps

