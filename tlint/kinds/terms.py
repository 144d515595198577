"""`terms`: words or phrases matched whole-word, all compiled into one alternation.
`swap` maps a wrong form to the right one (and gives the fix); `wrap` requires the term to
stand inside a pair of delimiters, e.g. `wrap: "()"` for leaked credits like `(Anatolian)`.
`before`/`after` are optional regex context that must (or with `not_before`/`not_after`,
must not) touch the match, for look-alikes such as datelines."""
from __future__ import annotations

from typing import Iterator

import regex

from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.prefilter import block_test, requirement


class Rule(BaseRule):
    kind = "terms"
    only_candidates = True
    fields = {
        "terms": list,
        "swap": dict,
        "ignorecase": bool,
        "wrap": str,
        "before": str,
        "after": str,
        "not_before": str,
        "not_after": str,
    }
    builtin_fix = True

    def compile(self) -> None:
        terms = self.spec.get("terms")
        swap = self.spec.get("swap")
        if (terms is None) == (swap is None):
            raise RuleConfigError("a terms rule needs exactly one of 'terms' or 'swap'")
        self.swap: dict[str, str] = {}
        if swap is not None:
            for k, v in swap.items():
                if not isinstance(k, str) or not isinstance(v, str):
                    raise RuleConfigError("swap maps strings to strings", "swap")
            self.swap = dict(swap)
            words = list(swap)
        else:
            # a pack may join shared lists by YAML alias: `terms: [*agencies, *acronyms]`
            terms = [t for item in terms for t in (item if isinstance(item, list) else [item])]
            if not all(isinstance(t, str) and t.strip() for t in terms):
                raise RuleConfigError("terms must be non-empty strings", "terms")
            words = list(terms)
        self.ignorecase = bool(self.spec.get("ignorecase", False))
        if self.ignorecase:
            self.swap = {k.lower(): v for k, v in self.swap.items()}
        # longest first so "Al Jazeera Net" wins over "Al Jazeera"
        alternation = "|".join(
            _term_regex(w) for w in sorted(set(words), key=len, reverse=True)
        )
        core = rf"(?<![\w-])(?P<term>{alternation})(?![\w-])"
        wrap = self.spec.get("wrap")
        if wrap is not None:
            if len(wrap) != 2:
                raise RuleConfigError("wrap is two characters, an opening and a closing one: '()'", "wrap")
            core = rf"{regex.escape(wrap[0])}\s*{core}\s*{regex.escape(wrap[1])}"
        parts = []
        for key, fmt in (("before", "(?<={})"), ("not_before", "(?<!{})")):
            if key in self.spec:
                parts.append(fmt.format(self.spec[key]))
        parts.append(core)
        for key, fmt in (("after", "(?={})"), ("not_after", "(?!{})")):
            if key in self.spec:
                parts.append(fmt.format(self.spec[key]))
        try:
            self.regex = regex.compile(
                "".join(parts), regex.IGNORECASE if self.ignorecase else 0
            )
        except regex.error as exc:
            raise RuleConfigError(f"bad regex in before/after context: {exc}", "before") from None
        self.could_match = block_test(requirement(self.regex.pattern, self.regex.flags))
        if self.has_fix and self.fix_replace is None and not self.swap:
            raise RuleConfigError("fix on a 'terms' list needs 'replace' (or use 'swap')", "fix")

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in self.candidate_blocks(doc):
            for m in self.regex.finditer(block.text):
                term = m.group("term")
                if self.swap:
                    right = self.swap[term.lower() if self.ignorecase else term]
                    replacement = right
                    start, end = m.start("term"), m.end("term")
                else:
                    right = ""
                    replacement = (
                        m.expand(self.fix_replace) if self.fix_replace is not None else None
                    )
                    start, end = m.start(), m.end()
                yield self.finding(block, start, end, replacement, term=term, right=right)


def _term_regex(term: str) -> str:
    # a space in a term matches any run of whitespace (terms can wrap across lines)
    return r"\s+".join(regex.escape(part) for part in term.split())
