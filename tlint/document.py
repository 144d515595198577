"""Source text -> prose blocks with exact offsets into the original source.

Rules never see markup: each Block carries the prose as a reader sees it (`text`) plus a
map from every character of `text` back to its offset in the source, so findings and
fixes land on the right bytes even after front matter, list markers, links and code.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

import regex

from tlint import rx  # module-level patterns load precompiled (tlint.rx)
from tlint.words import _scan, class_bits

# Block kinds a rule's `scope` can name.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "table_cell", "caption")

# One character stands in for masked code, URLs and HTML inside prose: it is neither a word
# character, whitespace nor punctuation, so rules neither match it nor see a gap.
PLACEHOLDER = "\ufffc"

_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\]\[)(]*[^\s<>\"'\]\[)(.,;:!?]"
# the lookbehind makes the scan start only at a word's first character (linear, not quadratic)
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL_RE = rx.compile(_URL)
_URL_OR_EMAIL_RE = rx.compile(rf"{_URL}|{_EMAIL}")

# Inline Markdown constructs, tried left to right. Groups: what to keep (link text) is
# recorded by position; everything else in the match is masked or dropped.
_MD_INLINE = r"""
    (?P<code>(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)(?!`))      # `code`, ``co`de``
  | (?P<image>!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?)         # ![alt](src)
  | (?P<link>\[(?P<ltext>[^\]]*)\](?P<ldest>\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\]))
  | (?P<autolink><(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>)
  | (?P<html></?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->)
  | (?P<url>URL)
  | (?P<escape>\\[!-/:-@\[-`{-~])                                 # \* -> *
  | (?P<emph>(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_]))  # emphasis markers
"""
# Two builds: an e-mail alternative, which can start at any word character, keeps the
# regex module from skipping ahead to the few characters that can start markup, and makes
# the whole scan about ten times slower; it can only match where there is an "@".
_MD_INLINE_RE = rx.compile(_MD_INLINE.replace("URL", _URL), regex.VERBOSE | regex.DOTALL)
_MD_INLINE_EMAIL_RE = rx.compile(_MD_INLINE.replace("URL", f"{_URL}|{_EMAIL}"),
                                 regex.VERBOSE | regex.DOTALL)


def _inline_re(text: str):
    return _MD_INLINE_EMAIL_RE if "@" in text else _MD_INLINE_RE


@dataclass
class Block:
    """A run of prose: `text` as a reader sees it, `offsets[i]` = source offset of text[i].

    `offsets` is a list, or a range when `text` is one unmasked slice of the source (the
    common one-line paragraph): index, slice and len it, never compare it to a list."""

    kind: str
    text: str
    offsets: Sequence[int]
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


# What may follow the final punctuation in a match of _SENTENCE_END_RE.
_AFTER_END_RE = rx.compile(r"[\"”’»)\]*_\[\d\s]*")


def ends_sentence(text: str) -> bool:
    """True when `text` ends with final punctuation (closing quotes, brackets and citation
    marks may follow it). Read backwards in C (tlint._scan) where the extension is built;
    the search below is the specification."""
    if _scan is not None:
        found = _scan.ends_sentence(text, class_bits())
        if found is not None:
            return found
    n = len(text)
    if n <= 64:
        return _SENTENCE_END_RE.search(text) is not None
    # only the end can match: search the last 64 characters (a search over a whole
    # paragraph tries every full stop in it), unless they are all trailing marks
    if _SENTENCE_END_RE.search(text, n - 64) is not None:
        return True
    if _AFTER_END_RE.fullmatch(text, n - 64) is None:
        return False
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
    start, line = unit[0]
    if len(unit) == 1 and not _may_hold_url(line):
        # the common unit, one line of prose: one slice of the source
        lead = len(line) - len(line.lstrip())
        text = line.strip()
        return Block(_classify_single_line(text), text, range(start + lead, start + lead + len(text)),
                     start, start + len(line))
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


def _may_hold_url(text: str) -> bool:
    """False when _URL_OR_EMAIL_RE cannot match in `text`: a URL starts with `://` or
    `www.` in it, an e-mail address needs its "@"."""
    return "://" in text or "www." in text or "@" in text


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
    long_words = [w for w in words  # four letters or more: most words are all letters
                  if len(w) >= 4 and (w.isalpha() or sum(c.isalpha() for c in w) >= 4)]
    if len(long_words) < 3:
        return False
    caps = sum(1 for w in long_words if _CAPITALISED_RE.match(w.lstrip("\"“‘'(«")))
    return caps / len(long_words) >= 0.75


def _mask_urls(body: str, base: int, parts: list[str], offsets: list[int]) -> None:
    pos = 0
    for m in (_URL_OR_EMAIL_RE if "@" in body else _URL_RE).finditer(body):
        parts.append(body[pos : m.start()])
        offsets.extend(range(base + pos, base + m.start()))
        parts.append(PLACEHOLDER)
        offsets.append(base + m.start())
        pos = m.end()
    parts.append(body[pos:])
    offsets.extend(range(base + pos, base + len(body)))


# ---------------------------------------------------------------- Markdown

_MD = None

# markdown-it-pyrs (markdown-it's Rust port) gives the block structure with source spans.
# It was chosen over markdown-it-py on figures: the same blocks, text and offsets on every
# Markdown text of the tests, the corpora and 1,000 generated articles, and it imports in
# about 2 ms where markdown-it-py takes 40-50 ms of a one-article hook run. Inline parsing
# is tlint's own (_mask_inline, with offsets), so of the inline rules only line breaks and
# links (which reference definitions need) are on: fewer rules, less to go wrong (its
# backtick rule panics on "[x`").
_MD_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
             "reference", "html_block", "table", "front_matter", "newline", "link"]
# Nodes that hold other blocks, and leaf blocks whose children are inline content.
_MD_CONTAINERS = frozenset({"root", "blockquote", "bullet_list", "ordered_list", "list_item",
                            "table", "thead", "tbody", "trow"})
_MD_LEAVES = frozenset({"paragraph", "heading", "lheading", "tcell"})
# Blocks that are not prose.
_MD_SKIPPED = frozenset({"code_block", "fence", "html_block", "hr", "front_matter", "definition"})
_MD_BREAKS = frozenset({"softbreak", "hardbreak"})


def _markdown_parser():
    """Built once per process, on the first Markdown file."""
    global _MD
    if _MD is None:
        import markdown_it_pyrs

        _MD = markdown_it_pyrs.MarkdownIt("zero").enable_many(_MD_RULES)
    return _MD


class MarkdownError(ValueError):
    """The Markdown parser failed on a text (a bug of the parser, not of the text)."""


# A paragraph that opens with an image (its caption follows it), or that is one emphasised
# line (`*Officials speak in Cairo on Monday*`): a caption, not body text.
_MD_CAPTION_RE = rx.compile(r"!\[|([*_])(?!\1)[^\n]+(?<!\s)\1\s*$")
_NON_ASCII_RE = rx.compile(r"[^\x00-\x7f]")


def _char_offset(source: str):
    """byte offset -> character offset in `source` (the parser counts UTF-8 bytes)."""
    if source.isascii():
        return lambda b: b
    ends: list[int] = []    # byte offset just after each non-ASCII character
    extras: list[int] = []  # extra bytes up to and including it
    extra = 0
    for m in _NON_ASCII_RE.finditer(source):
        extra += len(m.group().encode("utf-8")) - 1
        ends.append(m.start() + extra + 1)
        extras.append(extra)

    def convert(b: int) -> int:
        i = bisect.bisect_right(ends, b)
        return b - (extras[i - 1] if i else 0)

    return convert


def _markdown_tree(source: str):
    try:
        return _markdown_parser().tree(source)
    except BaseException as exc:  # a Rust panic arrives as a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise MarkdownError(f"the Markdown parser failed ({exc})") from None


# A leaf's kind: the weightiest kind among the blocks around it (a list inside a quote is a
# list item, a heading inside a list item is a heading).
_MD_KIND_OF = {"heading": "heading", "lheading": "heading", "tcell": "table_cell",
               "list_item": "list_item", "blockquote": "quote"}
_KIND_WEIGHT = {"paragraph": 0, "quote": 1, "list_item": 2, "table_cell": 3, "heading": 4}
# Every block node name -> (not prose, the kind it gives the leaves inside it or None, that
# kind's weight); a name missing here is inline content.
_MD_NODE_CLASSES = {
    name: (name in _MD_SKIPPED, _MD_KIND_OF.get(name), _KIND_WEIGHT.get(_MD_KIND_OF.get(name), 0))
    for name in _MD_CONTAINERS | _MD_LEAVES | _MD_SKIPPED
}


def _walk(root) -> list[tuple]:
    """("leaf", inline nodes, kind) for each run of inline content and ("skipped", node,
    None) for each block that is not prose, in document order. A loop over a stack, not
    recursion: a quote nested a thousand deep is still an article."""
    events: list[tuple] = []
    stack = [(iter(root.children), "paragraph", [])]  # (children left, kind, run so far)
    while stack:
        children, kind, run = stack[-1]
        for child in children:
            node_class = _MD_NODE_CLASSES.get(child.name)
            if node_class is None:
                run.append(child)
                continue
            if run:
                events.append(("leaf", run[:], kind))
                run.clear()
            skipped, inner, inner_weight = node_class
            if skipped:
                events.append(("skipped", child, None))
                continue
            if inner is None or inner_weight <= _KIND_WEIGHT[kind]:
                inner = kind
            stack.append((iter(child.children), inner, []))
            break
        else:
            if run:
                events.append(("leaf", run, kind))
            stack.pop()
    return events


def _markdown_blocks(source: str) -> list[Block]:
    blocks: list[Block] = []
    for kind, content, content_offsets, markup in _markdown_leaves(_markdown_tree(source), source):
        block = _markdown_block(kind, content, content_offsets, markup)
        if block is not None:
            blocks.append(block)
    return blocks


def _markdown_leaves(tree, source: str) -> list[tuple]:
    """(kind, content, offsets, whether content may hold inline markup) of each leaf, in
    order."""
    convert = _char_offset(source)
    leaves = []
    for event, run, kind in _walk(tree):
        if event == "leaf":
            content, offsets = _leaf_content(run, source, convert)
            leaves.append((kind, content, offsets, _may_hold_markup(content)))
    return leaves


def html_lines(source: str) -> set[int]:
    """0-based lines holding real HTML, not code: HTML blocks, and inline HTML that the
    prose masker takes for HTML (so a comment shown in a code span is not one)."""
    convert = _char_offset(source)
    starts = line_starts(source)
    lines: set[int] = set()
    try:
        events = _walk(_markdown_tree(source))
    except MarkdownError:
        return lines
    for event, node, _ in events:
        if event == "skipped":
            if node.name == "html_block":
                first = bisect.bisect_right(starts, convert(node.srcmap[0])) - 1
                last = bisect.bisect_right(starts, max(convert(node.srcmap[1]) - 1, 0)) - 1
                lines.update(range(first, last + 1))
            continue
        content, offsets = _leaf_content(node, source, convert)
        if "<" not in content:
            continue
        for m in _inline_re(content).finditer(content):
            if m.group("html") is not None:
                lines.add(bisect.bisect_right(starts, offsets[m.start()]) - 1)
    return lines


def _preorder(nodes):
    for n in nodes:
        yield n
        if n.children:
            yield from _preorder(n.children)


def _leaf_content(run, source: str, convert) -> tuple[str, Sequence[int]]:
    """A leaf's content, line by line as in the source (container prefixes such as `> `
    and list indentation left out), with the source offset of each character."""
    if len(run) == 1:
        node = run[0]
        if not node.children and node.name not in _MD_BREAKS:
            # the common leaf, one line of text: one slice of the source
            a, b = node.srcmap
            a, b = convert(a), convert(b)
            return source[a:b], range(a, b)
    return _leaf_lines(run, source, convert)


def _leaf_lines(run, source: str, convert) -> tuple[str, Sequence[int]]:
    """_leaf_content of any leaf: a run of inline nodes, line breaks possibly inside links."""
    spans: list[tuple[int, int]] = []  # source span of each content line
    newlines: list[int] = []           # source offset of the newline ending each line
    start: int | None = convert(run[0].srcmap[0])
    last_end = max(convert(n.srcmap[1]) for n in run)
    for node in _preorder(run):
        if node.name in _MD_BREAKS:
            nl = source.find("\n", convert(node.srcmap[0]))
            end = nl if nl != -1 else convert(node.srcmap[1])
            newlines.append(end)
            if start is not None:
                spans.append((start, end - 1 if end > start and source[end - 1] == "\r" else end))
            start = None
        elif start is None:
            start = convert(node.srcmap[0])
    if start is not None:
        spans.append((start, last_end))
    if len(spans) == 1:  # one line (a link in it, say)
        a, b = spans[0]
        return source[a:b], range(a, b)
    content = "\n".join(source[a:b] for a, b in spans)
    offsets: list[int] = []
    for i, (a, b) in enumerate(spans):
        if i:
            offsets.append(newlines[i - 1])  # the soft break: the line's newline
        offsets.extend(range(a, b))
    return content, offsets


def _markdown_block(kind: str, content: str, content_offsets: Sequence[int],
                    markup: bool) -> Block | None:
    """One leaf block: its content with inline markup masked (`markup`: content may hold
    some, see _may_hold_markup)."""
    if not content_offsets:
        return None
    if kind == "paragraph" and content[0] in "!*_" and _MD_CAPTION_RE.match(content):
        kind = "caption"
    text, offsets = _mask_inline(content, content_offsets) if markup else (content, content_offsets)
    if not text.strip():
        return None
    if kind == "paragraph" and "\n" not in content and not text.replace(PLACEHOLDER, "", 1).strip():
        return None  # a lone image or link target: nothing a reader reads
    return Block(kind, text, offsets, content_offsets[0], content_offsets[-1] + 1)


def _may_hold_markup(content: str) -> bool:
    """Whether `content` holds a character that can open inline markup, `http:`, `https:`,
    `ftp:` or `www.` (most news paragraphs hold none): when not, no construct of _MD_INLINE
    can match. Plain `in` tests take a fifth of the time of one regex search over the
    paragraph. The test must stay exactly this: when the parser gives a text node an end
    past its line, only the masking path cuts the offsets to the text's length."""
    return ("`" in content or "!" in content or "[" in content or "<" in content
            or "*" in content or "_" in content or "\\" in content or "@" in content
            or "www." in content
            or ":" in content and ("http:" in content or "https:" in content or "ftp:" in content))


def _mask_inline(content: str, content_offsets: Sequence[int]) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _inline_matches(content):
        start = m.start()
        parts.append(content[pos:start])
        offsets += content_offsets[pos:start]
        if m.group("link") is not None:
            # keep the link text, drop brackets and the destination
            a, b = m.span("ltext")
            parts.append(content[a:b])
            offsets += content_offsets[a:b]
        elif m.group("escape") is not None:
            parts.append(content[start + 1:m.end()])
            offsets += content_offsets[start + 1:m.end()]
        elif m.group("emph") is None:
            parts.append(PLACEHOLDER)
            offsets.append(content_offsets[start])
        pos = m.end()
    parts.append(content[pos:])
    offsets += content_offsets[pos:len(content)]
    return "".join(parts), offsets


# Where a construct of _MD_INLINE_RE can start: one of these characters, or a URL's
# `http://`, `https://`, `ftp://` or `www.`. The stdlib's `re` scans for them at a few ns a
# character, where the regex module trying every construct at every character takes ~35.
_MD_INLINE_START_RE = re.compile(r"[`!\[<*_\\]")


def _inline_starts(content: str) -> list[int]:
    starts = [m.start() for m in _MD_INLINE_START_RE.finditer(content)]
    find = content.find
    i = find("://")
    while i != -1:
        starts += [p for p in (i - 5, i - 4, i - 3) if p >= 0]  # https, http, ftp
        i = find("://", i + 1)
    i = find("www.")
    while i != -1:
        starts.append(i)
        i = find("www.", i + 1)
    starts.sort()
    return starts


def _inline_matches(content: str):
    """The matches of _inline_re(content).finditer(content), in order. Without an "@", the
    constructs are tried only where one can start (_inline_starts): finditer would find the
    same, as every construct of that build begins there."""
    if "@" in content:
        return _MD_INLINE_EMAIL_RE.finditer(content)
    matches = []
    match = _MD_INLINE_RE.match
    end = 0
    for start in _inline_starts(content):
        if start >= end:
            m = match(content, start)
            if m is not None:
                matches.append(m)
                end = m.end()
    return matches


# ---------------------------------------------------------------- entry point

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def parse(source: str, path: str = "<text>", markdown: bool | None = None) -> Document:
    """Build a Document. `source` is the decoded text without a BOM."""
    if markdown is None:
        markdown = is_markdown_path(path)
    doc = Document(path=path, source=source, is_markdown=markdown)
    if markdown:
        try:
            doc.blocks = _markdown_blocks(source)
        except MarkdownError:
            # linted as plain text rather than not at all; markup then shows to the rules
            doc.blocks = _plain_blocks(source)
    else:
        doc.blocks = _plain_blocks(source)
    return doc
