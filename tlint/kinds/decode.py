"""`decode`: a regular expression that finds text still in an encoding a reader should never
see (HTML entities, UTF-8 read as Windows-1252, \\u escapes), and a fix that decodes it.

A regex finds these runs, but the right replacement must be computed, which a `replace`
template cannot do. The decoders are the standard library's: `html.unescape` knows every
HTML5 entity; mojibake is undone by re-encoding the run as Windows-1252 and decoding it as
UTF-8. (ftfy does this for whole documents with heuristics; here the pattern has already
chosen the run, so the one round trip is enough and needs no dependency.) A match that does
not decode (an unknown entity, bytes that are not UTF-8) is not reported at all.
"""
from __future__ import annotations

import html
from html.entities import html5 as html5_entities
from typing import Callable, Iterator

from tlint import watchdog
from tlint.document import Document
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.pattern import MATCH_TIMEOUT
from tlint.kinds.pattern import Rule as PatternRule


def _html(text: str) -> str | None:
    """One entity, maybe escaped again as &amp;... (`&amp;rsquo;`). html.unescape alone would
    also expand a prefix of an unknown name (`&notanentity;` -> `¬anentity;`), so the name
    must be a whole HTML5 entity."""
    tail = text[1:] if text.startswith("&") else text
    while tail.startswith("amp;") and len(tail) > 4:
        tail = tail[4:]
    if not tail.startswith("#") and tail not in html5_entities:
        return None
    out = html.unescape("&" + tail)
    return out if out != "&" + tail else None


def _mojibake(text: str) -> str | None:
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:  # not a byte cp1252 or latin-1 could have produced
                return None
            raw.append(ord(ch))  # bytes cp1252 leaves undefined show up as C1 controls
    try:
        out = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return out if out != text else None


def _escape(text: str) -> str | None:
    """A run of JSON/Python \\uXXXX escapes; a surrogate pair decodes to one character."""
    try:
        units = text.encode("ascii").decode("unicode_escape")
        out = units.encode("utf-16", "surrogatepass").decode("utf-16")
    except (UnicodeError, ValueError):
        return None
    return out if out != text and out.isprintable() else None


CODECS: dict[str, Callable[[str], str | None]] = {
    "html": _html, "mojibake": _mojibake, "escape": _escape,
}


class Rule(PatternRule):
    kind = "decode"
    fields = {"pattern": str, "ignorecase": bool, "codec": str}
    required = frozenset({"pattern", "codec"})
    builtin_fix = True

    def compile(self) -> None:
        codec = self.spec.get("codec")
        if codec not in CODECS:
            raise RuleConfigError(f"codec must be one of: {', '.join(CODECS)}", "codec")
        self.decode = CODECS[codec]
        if self.fix_replace is not None:
            raise RuleConfigError("a decode rule computes its own fix: use 'fix: {safe: true}'", "fix")
        super().compile()

    def check(self, doc: Document) -> Iterator[Finding]:
        # under the engine's watchdog a runaway match is stopped by a signal instead
        timeout = None if watchdog.active() else MATCH_TIMEOUT
        for block in self.candidate_blocks(doc):
            try:
                for m in self.regex.finditer(block.text, timeout=timeout):
                    decoded = self.decode(m.group())
                    if decoded is None:
                        continue
                    yield self.finding(block, m.start(), m.end(), decoded, decoded=decoded)
            except TimeoutError:
                continue
