"""Source text -> prose blocks with exact offsets into the original source.

Rules never see markup: each Block carries the prose as a reader sees it (`text`) plus a
map from every character of `text` back to its offset in the source, so findings and
fixes land on the right bytes even after front matter, list markers, links and code.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator

import regex

from tlint import rx  # module-level patterns load precompiled (tlint.rx)

# Block kinds a rule's `scope` can name.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "table_cell", "caption")

# One character stands in for masked code, URLs and HTML inside prose: it is neither a word
# character, whitespace nor punctuation, so rules neither match it nor see a gap.
PLACEHOLDER = "\ufffc"

_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\]\[)(]*[^\s<>\"'\]\[)(.,;:!?]"
# the lookbehind makes the scan start only at a word's first character (linear, not quadratic)
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL_RE = rx.compile(rf"{_URL}|{_EMAIL}")

# Inline Markdown constructs, tried left to right. Groups: what to keep (link text) is
# recorded by position; everything else in the match is masked or dropped.
_MD_INLINE_RE = rx.compile(
    r"""
    (?P<code>(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)(?!`))      # `code`, ``co`de``
  | (?P<image>!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?)         # ![alt](src)
  | (?P<link>\[(?P<ltext>[^\]\n]*)\](?P<ldest>\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\]))
  | (?P<autolink><(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>)
  | (?P<html></?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->)
  | (?P<url>"""
    + _URL
    + r"""|"""
    + _EMAIL
    + r""")
  | (?P<escape>\\[!-/:-@\[-`{-~])                                 # \* -> *
  | (?P<emph>(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_]))  # emphasis markers
    """,
    regex.VERBOSE | regex.DOTALL,
)


@dataclass
class Block:
    """A run of prose: `text` as a reader sees it, `offsets[i]` = source offset of text[i]."""

    kind: str
    text: str
    offsets: list[int]
    start: int  # source span of the whole block
    end: int
    # per-block work shared by rules (word lists, ...), keyed by the rule kind that made it
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of block text to a [start, end) span of the source."""
        if start >= len(self.offsets):
            pos = self.end if not self.offsets else self.offsets[-1] + 1
            return pos, pos
        s = self.offsets[start]
        e = self.offsets[end - 1] + 1 if end > start else s
        return s, e

    def is_contiguous(self, start: int, end: int) -> bool:
        """True when text[start:end] is exactly the source there (no masked markup inside)."""
        if end <= start:
            return True
        if PLACEHOLDER in self.text[start:end]:
            return False
        return self.offsets[end - 1] - self.offsets[start] == end - start - 1


@dataclass
class Document:
    path: str
    source: str
    blocks: list[Block] = field(default_factory=list)
    is_markdown: bool = False
    bom: bool = False
    _line_starts: list[int] = field(default_factory=list, repr=False)
    # per-document work shared by rules (the prose of all blocks, its casefold, ...)
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    _scoped: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.source)

    @property
    def prose(self) -> str:
        """Every block's text, one block a line: what a whole-document prefilter tests (a
        string absent here is absent from every block)."""
        text = self.memo.get("prose")
        if text is None:
            text = self.memo["prose"] = "\n".join(b.text for b in self.blocks)
        return text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.source.find("\n", start)
        return self.source[start : (len(self.source) if end == -1 else end)].rstrip("\r")

    def iter_blocks(self, scope: frozenset[str] | None = None) -> Iterator[Block]:
        return iter(self.scoped(scope))

    def scoped(self, scope: frozenset[str] | None = None) -> list[Block]:
        """The blocks whose kind is in `scope` (all for None), listed once per scope: some
        sixty rules ask for the same few scopes."""
        if scope is None:
            return self.blocks
        found = self._scoped.get(scope)
        if found is None:
            found = self._scoped[scope] = [b for b in self.blocks if b.kind in scope]
        return found


def line_starts(source: str) -> list[int]:
    """Offsets at which each line begins (str.find is far faster than a per-char loop)."""
    starts = [0]
    find = source.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


# ---------------------------------------------------------------- plain text

_TERMINAL = ".!?:;…\"”’»)]*"
# Final punctuation, then what may follow it and still end the line: closing quotes and
# brackets, emphasis markers left in plain text (`**Note.**`), citation marks (`.[13]`), and a
# closing quote that translation detached with a space (`steadfastness. "`).
_SENTENCE_END_RE = rx.compile(r"[.!?…:;](?:[\"”’»)\]*_]|\[\d{1,3}\])*(?:\s+[\"”])?\s*$")
# A word that starts with a capital (or a digit), for spotting Title Case headlines.
_CAPITALISED_RE = rx.compile(r"[\p{Lu}\p{N}]")


def ends_sentence(text: str) -> bool:
    """True when `text` ends with final punctuation (closing quotes, brackets and citation
    marks may follow it)."""
    return _SENTENCE_END_RE.search(text) is not None


def _plain_blocks(source: str) -> list[Block]:
    """Paragraphs are separated by blank lines. Within a group, lines that each look like a
    paragraph of their own (long, or ending a sentence) become one block each; otherwise the
    group is one hard-wrapped paragraph. A short line standing alone without final
    punctuation is a heading."""
    blocks: list[Block] = []
    lines: list[tuple[int, str]] = []  # (start offset, text without newline)
    pos = 0
    for raw in source.splitlines(keepends=True):
        text = raw.rstrip("\r\n")
        lines.append((pos, text))
        pos += len(raw)

    group: list[tuple[int, str]] = []

    def flush() -> None:
        if not group:
            return
        per_line = len(group) == 1 or any(
            len(t) > 100 or _SENTENCE_END_RE.search(t) for _, t in group[:-1]
        )
        units = [[g] for g in group] if per_line else [group]
        for unit in units:
            blocks.append(_plain_block(source, unit))
        group.clear()

    for start, text in lines:
        if text.strip():
            group.append((start, text))
        else:
            flush()
    flush()
    return blocks


def _plain_block(source: str, unit: list[tuple[int, str]]) -> Block:
    text_parts: list[str] = []
    offsets: list[int] = []
    for n, (start, line) in enumerate(unit):
        if n:
            # the newline between hard-wrapped lines reads as a space
            text_parts.append("\n")
            offsets.append(start - 1)
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        _mask_urls(body, start + lead, text_parts, offsets)
    text = "".join(text_parts)
    kind = "paragraph"
    if len(unit) == 1:
        kind = _classify_single_line(text)
    return Block(kind, text, offsets, unit[0][0], unit[-1][0] + len(unit[-1][1]))


_LIST_MARKER_RE = rx.compile(r"(?:[-*•]|\d{1,3}[.)])\h+\S")


def _classify_single_line(text: str) -> str:
    """A line behind a list marker (`- `, `1. `, `2) `) is a list item, as in Markdown; a
    lone line without final punctuation: short -> heading, longer -> caption."""
    stripped = text.strip()
    if _LIST_MARKER_RE.match(stripped):
        return "list_item"
    if _SENTENCE_END_RE.search(stripped):
        return "paragraph"
    words = stripped.split()
    if len(words) <= 8 or is_title_case(words):
        return "heading"
    return "caption"


def is_title_case(words: list[str]) -> bool:
    """`Iraqi Militias Threaten Israel, Sudani's Govt Braces for Response`: most words of
    four letters or more start with a capital, which body sentences and captions never do."""
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    if len(long_words) < 3:
        return False
    caps = sum(1 for w in long_words if _CAPITALISED_RE.match(w.lstrip("\"“‘'(«")))
    return caps / len(long_words) >= 0.75


def _mask_urls(body: str, base: int, parts: list[str], offsets: list[int]) -> None:
    pos = 0
    for m in _URL_RE.finditer(body):
        parts.append(body[pos : m.start()])
        offsets.extend(range(base + pos, base + m.start()))
        parts.append(PLACEHOLDER)
        offsets.append(base + m.start())
        pos = m.end()
    parts.append(body[pos:])
    offsets.extend(range(base + pos, base + len(body)))


# ---------------------------------------------------------------- Markdown

_MD = None


def _markdown_parser():
    """Built once per process: markdown-it-py is the slow import, so it loads only for .md."""
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        # inline parsing is not needed (tlint masks inline markup itself, with offsets): the
        # core "inline" rule is a third of the parse time
        _MD = MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable("inline")
    return _MD


# A paragraph that opens with an image (its caption follows it), or that is one emphasised
# line (`*Officials speak in Cairo on Monday*`): a caption, not body text.
_MD_CAPTION_RE = rx.compile(r"!\[|([*_])(?!\1)[^\n]+(?<!\s)\1\s*$")


def _markdown_blocks(source: str) -> list[Block]:
    tokens = _markdown_parser().parse(source)
    starts = line_starts(source)
    blocks: list[Block] = []
    stack: list[str] = []  # open containers: list_item, blockquote, th/td
    heading = False
    row_cursor: dict[int, int] = {}
    for tok in tokens:
        t = tok.type
        if t.endswith("_open"):
            stack.append(t[:-5])
            if t == "heading_open":
                heading = True
            continue
        if t.endswith("_close"):
            if stack:
                stack.pop()
            if t == "heading_close":
                heading = False
            continue
        if t != "inline" or tok.map is None:
            continue
        if heading:
            kind = "heading"
        elif "th" in stack or "td" in stack:
            kind = "table_cell"
        elif "list_item" in stack:
            kind = "list_item"
        elif "blockquote" in stack:
            kind = "quote"
        elif _MD_CAPTION_RE.match(tok.content):
            kind = "caption"
        else:
            kind = "paragraph"
        block = _markdown_block(source, starts, tok, kind, row_cursor)
        if block is not None:
            blocks.append(block)
    return blocks


def _markdown_block(source, starts, tok, kind, row_cursor) -> Block | None:
    """Align the inline token's content, line by line, with the source lines it came from,
    then mask inline markup."""
    first_line = tok.map[0]
    content_lines = tok.content.split("\n")
    content_offsets: list[int] = []  # source offset of each content character
    for i, cline in enumerate(content_lines):
        ln = first_line + i
        if ln >= len(starts):
            return None
        lstart = starts[ln]
        lend = source.find("\n", lstart)
        if lend == -1:
            lend = len(source)
        src_line = source[lstart:lend]
        cursor = row_cursor.get(ln, 0) if kind == "table_cell" else 0
        col = src_line.find(cline, cursor)
        if col == -1:
            # setext headings and escapes can reshape content: fall back to the line end
            col = max(0, len(src_line.rstrip("\r")) - len(cline))
        if kind == "table_cell":
            row_cursor[ln] = col + len(cline)
        if i:
            content_offsets.append(lstart - 1)  # the newline (soft break)
        content_offsets.extend(range(lstart + col, lstart + col + len(cline)))
    text, offsets = _mask_inline(tok.content, content_offsets)
    if not text.strip():
        return None
    if kind == "paragraph" and "\n" not in tok.content:
        if regex.fullmatch(r"\s*" + PLACEHOLDER + r"?\s*", text):
            return None
    start = content_offsets[0] if content_offsets else starts[first_line]
    end = content_offsets[-1] + 1 if content_offsets else start
    return Block(kind, text, offsets, start, end)


# characters that can start inline markup; most news paragraphs have none of them
_MARKUP_HINT_RE = rx.compile(r"[`!\[<*_\\@]|https?:|ftp:|www\.")


def _mask_inline(content: str, content_offsets: list[int]) -> tuple[str, list[int]]:
    if not _MARKUP_HINT_RE.search(content):
        return content, content_offsets
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0

    def keep(a: int, b: int) -> None:
        parts.append(content[a:b])
        offsets.extend(content_offsets[a:b])

    for m in _MD_INLINE_RE.finditer(content):
        keep(pos, m.start())
        kind = m.lastgroup
        if m.group("link") is not None:
            # keep the link text, drop brackets and the destination
            keep(m.start("ltext"), m.end("ltext"))
        elif m.group("escape") is not None:
            keep(m.start() + 1, m.end())
        elif m.group("emph") is not None:
            pass
        else:
            parts.append(PLACEHOLDER)
            offsets.append(content_offsets[m.start()])
        del kind
        pos = m.end()
    keep(pos, len(content))
    return "".join(parts), offsets


# ---------------------------------------------------------------- entry point

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def parse(source: str, path: str = "<text>", markdown: bool | None = None) -> Document:
    """Build a Document. `source` is the decoded text without a BOM."""
    if markdown is None:
        markdown = is_markdown_path(path)
    doc = Document(path=path, source=source, is_markdown=markdown)
    doc.blocks = _markdown_blocks(source) if markdown else _plain_blocks(source)
    return doc
