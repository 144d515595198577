"""The Markdown conversion's fast paths against the straightforward one (hypothesis).

`tlint.document` turns markdown-it-pyrs's tree into blocks through shortcuts: the common
leaf (one line of plain text) is one source slice with a `range` of offsets, a cheap test
of characters decides whether the inline masker runs at all, the masker tries its
constructs only where one can start, and a leaf's kind is passed down the walk.
`reference_blocks` below is the conversion without any of them (a stack of ancestors,
every inline node visited, every leaf masked by finditer, byte offsets converted by
counting): on generated articles mixing every construct tlint knows, the blocks (kind,
text, offsets, span) must come out the same."""
from __future__ import annotations

import itertools

import regex

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tlint import document
from tlint.document import PLACEHOLDER, Block, html_lines, parse

# ---------------------------------------------------------------- the specification


def _byte_to_char(source: str):
    """The parser's UTF-8 byte offset -> character offset: the byte offset less the extra
    bytes of the characters that end at or before it (also past the end of the source,
    where markdown-it-pyrs sometimes ends a text node that precedes a soft break)."""
    def convert(b: int) -> int:
        pos = extra = 0
        for ch in source:
            size = len(ch.encode("utf-8"))
            if pos + size > b:
                break
            pos += size
            extra += size - 1
        return b - extra

    return convert


_BLOCKS = document._MD_CONTAINERS | document._MD_LEAVES | document._MD_SKIPPED


def _events(node, stack):
    run = []
    stack.append(node.name)
    for child in node.children:
        if child.name in _BLOCKS:
            if run:
                yield "leaf", run, list(stack)
                run = []
            if child.name in document._MD_SKIPPED:
                yield "skipped", child, None
            else:
                yield from _events(child, stack)
        else:
            run.append(child)
    if run:
        yield "leaf", run, list(stack)
    stack.pop()


def _kind(stack):
    for names, kind in ((("heading", "lheading"), "heading"), (("tcell",), "table_cell"),
                        (("list_item",), "list_item"), (("blockquote",), "quote")):
        if any(n in stack for n in names):
            return kind
    return "paragraph"


def _preorder(nodes):
    for n in nodes:
        yield n
        yield from _preorder(n.children)


def _content(run, source, convert):
    spans, newlines = [], []
    start = convert(run[0].srcmap[0])
    last_end = max(convert(n.srcmap[1]) for n in run)
    for node in _preorder(run):
        if node.name in ("softbreak", "hardbreak"):
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
    offsets = []
    for i, (a, b) in enumerate(spans):
        if i:
            offsets.append(newlines[i - 1])
        offsets.extend(range(a, b))
    return "\n".join(source[a:b] for a, b in spans), offsets


# what tells whether a leaf may hold inline markup at all
_MARKUP_HINT_RE = regex.compile(r"[`!\[<*_\\@]|https?:|ftp:|www\.")


def _mask(content, content_offsets):
    if not _MARKUP_HINT_RE.search(content):
        return content, content_offsets
    parts, offsets, pos = [], [], 0
    for m in document._MD_INLINE_EMAIL_RE.finditer(content):
        parts.append(content[pos:m.start()])
        offsets += content_offsets[pos:m.start()]
        if m.group("link") is not None:
            parts.append(m.group("ltext"))
            offsets += content_offsets[m.start("ltext"):m.end("ltext")]
        elif m.group("escape") is not None:
            parts.append(m.group()[1:])
            offsets += content_offsets[m.start() + 1:m.end()]
        elif m.group("emph") is None:
            parts.append(PLACEHOLDER)
            offsets.append(content_offsets[m.start()])
        pos = m.end()
    parts.append(content[pos:])
    offsets += content_offsets[pos:len(content)]
    return "".join(parts), offsets


def reference_blocks(source: str) -> list[tuple]:
    convert = _byte_to_char(source)
    blocks = []
    for event, run, stack in _events(document._markdown_tree(source), []):
        if event != "leaf":
            continue
        content, content_offsets = _content(run, source, convert)
        if not content_offsets:
            continue
        kind = _kind(stack)
        if kind == "paragraph" and document._MD_CAPTION_RE.match(content):
            kind = "caption"
        text, offsets = _mask(content, content_offsets)
        if not text.strip():
            continue
        if kind == "paragraph" and "\n" not in content and not text.replace(PLACEHOLDER, "", 1).strip():
            continue
        blocks.append((kind, text, offsets, content_offsets[0], content_offsets[-1] + 1))
    return blocks


def _as_tuples(blocks: list[Block]) -> list[tuple]:
    return [(b.kind, b.text, list(b.offsets), b.start, b.end) for b in blocks]


# ---------------------------------------------------------------- generated articles

WORDS = ["The", "council", "met", "on", "Monday", "Zürich", "café", "Şehir", "حكومة", "🚀",
         "—", "«quoted»", "3.5", "U.S.", "snake_case", "a*b", "x_y_z", "2*3", "e-mail", "(AFP)",
         "ok.", "wait,", "no!", "why?", "100%", "a\u00a0b", "\u3000", "tab\there"]
INLINE = ["[the wire](https://example.com/a)", "[ref][r]", "[r][]", "![photo](/img/a.jpg)",
          "*emph*", "**strong**", "_under_", "__both__", "***all***", "`code`", "``co`de``",
          "<https://example.com>", "<user@example.com>", "<b>bold</b>", "<!-- note -->",
          "https://example.com/path?q=1.", "www.example.org", "user@example.com", "\\*",
          "\\[", "[unclosed", "`unclosed", "<", "a [b\nc](d) e", "[x`", "![]()", "ftp://host/f",
          "http: no slashes", "see https:", "ftp:", "mailto://x", "a:b", "www"]
PREFIXES = ["", "", "", "# ", "## ", "> ", "> > ", "- ", "* ", "1. ", "2) ", "    ", "  ",
            "- > ", "> - ", "| "]
BLOCKS = ["```\ncode (AFP) here\n```", "~~~ py\nx = 1\n~~~", "<div>\nhtml block\n</div>",
          "---", "***", "[r]: https://example.com/r", "Setext heading\n===", "Another one\n---",
          "| a | b \\| c |\n|---|---|\n| d é | *e* |", "<!-- a comment -->",
          "- item one\n- item two\n\n  loose part", "1. first\n   continued\n2. second",
          "> quote line\ncontinued lazily", "    indented code", "line with two spaces  \nnext",
          "line with backslash\\\nnext", "![img](/a.jpg)\n*A caption under it*", ""]


@st.composite
def line(draw):
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(INLINE)),
                           min_size=1, max_size=8))
    return draw(st.sampled_from(PREFIXES)) + " ".join(pieces) + draw(st.sampled_from(["", "", " ", "  "]))


@st.composite
def article(draw):
    parts = []
    if draw(st.booleans()):
        parts.append("---\ntitle: A piece (AFP)\ntags: [a, b]\n---\n")
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 3)) == 0:
            parts.append(draw(st.sampled_from(BLOCKS)))
        else:
            parts.append("\n".join(draw(st.lists(line(), min_size=1, max_size=3))))
    text = "\n\n".join(parts) + draw(st.sampled_from(["", "\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

@SETTINGS
@given(article())
def test_blocks_match_the_straightforward_conversion(source):
    try:
        expected = reference_blocks(source)
    except document.MarkdownError:
        return  # the parser failed: parse() falls back to plain text, tested elsewhere
    assert _as_tuples(parse(source, "a.md").blocks) == expected


def test_deep_nesting_is_walked_without_recursion():
    for source in (">" * 3000 + " A quote. .\n", "".join("  " * i + "- item\n" for i in range(1500))):
        assert parse(source, "a.md").blocks[0].text in ("A quote. .", "item")


@SETTINGS
@given(article())
def test_the_common_leaf_is_the_general_leaf(source):
    try:
        events = document._walk(document._markdown_tree(source))
    except document.MarkdownError:
        return
    convert = document._char_offset(source)
    for event, run, _ in events:
        if event != "leaf":
            continue
        content, offsets = document._leaf_content(run, source, convert)
        general_content, general_offsets = document._leaf_lines(run, source, convert)
        assert (content, list(offsets)) == (general_content, list(general_offsets))
        assert document._may_hold_markup(content) == bool(_MARKUP_HINT_RE.search(content))
        if not document._may_hold_markup(content):
            assert document._MD_INLINE_EMAIL_RE.search(content) is None


@SETTINGS
@given(article())
def test_html_lines_match_the_straightforward_conversion(source):
    try:
        tree = document._markdown_tree(source)
    except document.MarkdownError:
        return
    convert = _byte_to_char(source)
    starts = document.line_starts(source)
    expected = set()
    for event, node, _ in _events(tree, []):
        if event == "skipped":
            if node.name == "html_block":
                first = document.bisect.bisect_right(starts, convert(node.srcmap[0])) - 1
                last = document.bisect.bisect_right(starts, max(convert(node.srcmap[1]) - 1, 0)) - 1
                expected.update(range(first, last + 1))
            continue
        content, offsets = _content(node, source, convert)
        for m in document._MD_INLINE_EMAIL_RE.finditer(content):
            if m.group("html") is not None:
                expected.add(document.bisect.bisect_right(starts, offsets[m.start()]) - 1)
    assert html_lines(source) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", ":", "/", ".", "h", "t", "p", "s", "f", "w", "`", "!",
                                 "[", "<", "*", "_", "\\", "@", "é", "http", "ftp", "www"]), max_size=12))
def test_the_markup_test_is_the_hint_pattern(pieces):
    text = "".join(pieces)
    assert document._may_hold_markup(text) == bool(_MARKUP_HINT_RE.search(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(INLINE + WORDS + [" ", "\n", "*", "_", "**", "[", "](", ")", "`", "<",
                                                  ">", "!", "\\", "://", "http", "www.", "ftp"]),
                max_size=14))
def test_the_constructs_are_tried_where_finditer_finds_them(pieces):
    text = "".join(pieces)
    expected = [(m.span(), m.lastgroup) for m in document._inline_re(text).finditer(text)]
    assert [(m.span(), m.lastgroup) for m in document._inline_matches(text)] == expected


def test_char_offset_matches_the_per_character_table():
    for source in ("plain ascii", "é", "aé🚀b", "«Şehir» — 🚀 quoted\n> again", "حكومة 🚀🚀 x",
                   "".join(itertools.islice(itertools.cycle("aé€🚀"), 200))):
        convert, reference = document._char_offset(source), _byte_to_char(source)
        for b in range(len(source.encode("utf-8")) + 40):
            assert convert(b) == reference(b)


# ---------------------------------------------------------------- plain text

PLAIN_LINES = ["The council met on Monday.", "A Short Title Line Here", "ANKARA (AA) – Talks resumed",
               "See https://example.com/a for more.", "Write to desk@example.com today", "www.example.org",
               "- a list item", "1. numbered", "  indented line  ", "Zürich café Şehir حكومة 🚀",
               "a line that goes on " * 6, "Photo: AFP", "", "", "\t"]


@SETTINGS
@given(st.lists(st.sampled_from(PLAIN_LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_plain_one_line_units_are_the_general_units(lines, newline):
    source = newline.join(lines) + newline
    fast = _as_tuples(parse(source, "a.txt").blocks)
    saved = document._may_hold_url
    document._may_hold_url = lambda text: True  # every unit through the general path
    try:
        assert fast == _as_tuples(parse(source, "a.txt").blocks)
    finally:
        document._may_hold_url = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", ":", "/", ".", "w", "@", "http", "ftp", "www", "x.y"]), max_size=12))
def test_the_url_test_is_a_necessary_condition(pieces):
    text = "".join(pieces)
    if not document._may_hold_url(text):
        assert document._URL_OR_EMAIL_RE.search(text) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="aB1'-.\"“é٣ߚ", max_size=7), max_size=12))
def test_title_case_counts_letters_as_before(words):
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    expected = len(long_words) >= 3 and sum(
        1 for w in long_words if document._CAPITALISED_RE.match(w.lstrip("\"“‘'(«"))) / len(long_words) >= 0.75
    assert document.is_title_case(words) == expected
