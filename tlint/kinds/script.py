"""`script`: runs of a writing system the document's language does not use, the words a
translation left untranslated (`The اژانس reported`).

A run is letters (or digits: `٢٠٢٦`) of a foreign script, with the marks, joiners, digits, hyphens and slashes
between them (a transliterated URL slug is one run). Marked quotations stay: a run inside
quotation marks or parentheses (`(Arabic: كتائب حزب الله)`), or glossed by a parenthesis
right after it (`اژانس (agency)`), or a table cell that holds nothing else (a glossary's
column of original spellings), or set in emphasis (`*köy*`). With `letters`, the rule
reports instead lower-case words spelt with letters of the Latin script English never
uses (`ğı`: a Turkish word left untranslated, `the ipekböceği`); names are capitalised. `scripts` names the scripts the language uses (Unicode
script names, default Latin); `allow` adds scripts or exact words.
"""
from __future__ import annotations

import functools
from typing import Iterator

import regex

from tlint import rx  # module-level patterns load precompiled (tlint.rx)
from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.words import holds_class

# Scripts named in messages; anything else is reported as "foreign".
_NAMED = ("Arabic", "Hebrew", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul",
          "Devanagari", "Bengali", "Thai", "Armenian", "Georgian", "Syriac", "Thaana", "Ethiopic",
          "Tamil", "Gujarati", "Gurmukhi", "Khmer", "Lao", "Myanmar", "Sinhala", "Tibetan", "Latin")
_OPEN_CLOSE = (("“", "”"), ("«", "»"), ("„", "“"), ("(", ")"), ("[", "]"), ("「", "」"))


def _is_script(name: str) -> bool:
    if not name.isascii() or not name.replace("_", "").isalpha():
        return False  # a word to allow, not a script name
    try:
        regex.compile(rf"\p{{Script={name}}}")
        return True
    except regex.error:
        return False


class Rule(BaseRule):
    kind = "script"
    fields = {"scripts": list, "allow": list, "letters": str}

    def compile(self) -> None:
        scripts = self.spec.get("scripts", ["Latin"])
        allow = self.spec.get("allow", [])
        if not all(isinstance(x, str) for x in [*scripts, *allow]):
            raise RuleConfigError("scripts and allow list names as strings", "allow")
        for s in scripts:
            if not _is_script(s):
                raise RuleConfigError(f"unknown script {s!r} (a Unicode script name, e.g. Arabic)", "scripts")
        allowed = list(scripts) + [a for a in allow if _is_script(a)]
        self.allow_words = {a for a in allow if not _is_script(a)}
        ok = "".join(rf"\p{{Script={s}}}" for s in allowed)
        # a foreign letter: a letter of none of the allowed scripts (Common covers ª, º)
        # digits of a foreign script ("in ٢٠٢٦ October": Arabic-Indic) are left untranslated
        # too (ASCII and full-width digits are Common); one character class for both keeps
        # the scan as fast as for letters alone (an alternation costs ~80% more)
        foreign = rf"[\p{{L}}\p{{Nd}}--[{ok}\p{{Script=Common}}]]"
        # every run starts with a foreign letter: a block without one is skipped (words.holds_class)
        self.foreign = f"(?V1){foreign}"
        # tatweel (U+0640), the zero-width (non-)joiner and marks keep a word whole
        word = rf"{foreign}(?:{foreign}|[\p{{M}}\u0640\u200c\u200d])*"
        self.run_re = regex.compile(rf"{word}(?:[\s\-/\p{{N}}]+{word})*(?:[\-/]\p{{N}}+)*", regex.V1)
        letters = self.letters = self.spec.get("letters")
        if letters is not None:
            # letters of the language's own script that English never uses (Turkish ğ, ı):
            # a lower-case word spelt with one is a common word left untranslated
            if not letters or not all(c.isalpha() for c in letters):
                raise RuleConfigError("letters lists letters, e.g. ğı", "letters")
            cls = regex.escape(letters)
            self.run_re = regex.compile(
                rf"(?<![\p{{L}}\p{{M}}'’])\p{{Ll}}[\p{{Ll}}\p{{M}}]*[{cls}][\p{{Ll}}\p{{M}}]*(?![\p{{L}}\p{{M}}])")

    def check(self, doc: Document) -> Iterator[Finding]:
        letters = self.letters
        for block in self.blocks(doc):
            if letters:
                if not any(c in block.text for c in letters):
                    continue  # most blocks have none of the letters: skip the word scan
            elif not holds_class(self.foreign, block.text):
                continue  # nor a letter of a foreign script
            for m in self.run_re.finditer(block.text):
                if m.group() in self.allow_words or _marked(block.text, m.start(), m.end()):
                    continue
                if block.kind == "table_cell" and not block.text.replace(m.group(), "").strip(" |*_"):
                    continue  # a table column of original spellings: a glossary, not a slip
                if _emphasised(doc.source, *block.source_span(m.start(), m.end())):
                    continue  # `*köy*`: set in italics as a foreign word on purpose
                yield self.finding(block, m.start(), m.end(), None, script=_script_name(m.group()))


_GLOSS_RE = rx.compile(r"\s*\(")


def _marked(text: str, start: int, end: int) -> bool:
    """Inside quotes or brackets, or glossed by a parenthesis right after."""
    if _GLOSS_RE.match(text, end):
        return True
    before, after = text[:start], text[end:]
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    for o, c in _OPEN_CLOSE:
        if before.rfind(o) > before.rfind(c) and c in after:
            return True
    return False


def _emphasised(source: str, start: int, end: int) -> bool:
    """The source has Markdown emphasis markers right around the span."""
    return start > 0 and source[start - 1] in "*_" and source[end:end + 1] in ("*", "_")


@functools.lru_cache(maxsize=None)
def _named_scripts() -> tuple:
    return tuple((name, rx.compile(rf"\p{{Script={name}}}")) for name in _NAMED)


def _script_name(run: str) -> str:
    ch = next((c for c in run if c.isalpha()), run[:1])
    for name, script in _named_scripts():
        if script.match(ch):
            return name
    return "foreign"
