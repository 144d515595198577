"""Document model: what counts as prose, and exact offsets back into the source."""
from hypothesis import given, settings
from hypothesis import strategies as st

from tlint.document import PLACEHOLDER, parse


def _find(doc, needle):
    """(line, col) of `needle` as the document maps it from block text."""
    for b in doc.blocks:
        i = b.text.find(needle)
        if i != -1:
            return doc.position(b.source_span(i, i + len(needle))[0])
    return None


def test_plain_paragraphs_headings_and_captions():
    text = "Title of the piece\n\nA body sentence that ends well.\n\nThe newspaper said that he supported the protests in the capital city\n"
    doc = parse(text, "a.txt")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "caption"]


def test_plain_hard_wrapped_paragraph_is_one_block():
    text = "This paragraph was wrapped\nby an editor at a short width\nand ends here.\n"
    doc = parse(text, "a.txt")
    assert len(doc.blocks) == 1
    assert doc.blocks[0].kind == "paragraph"


def test_plain_one_sentence_per_line_is_one_block_per_line():
    text = "The first line is a full sentence of its own.\nThe second one is too.\n"
    assert len(parse(text, "a.txt").blocks) == 2


def test_front_matter_is_not_prose_and_offsets_stay_exact():
    text = "---\ntitle: sites only. .\n---\n\nThe body says sites only. . Then more.\n"
    doc = parse(text, "a.md")
    assert all("title" not in b.text for b in doc.blocks)
    assert _find(doc, ". .") == (5, 25)


def test_fenced_and_indented_code_are_not_prose():
    text = "Intro line here.\n\n```\ncode (Anatolian)\n```\n\n    indented (Anatolian)\n\nAfter the fence. .\n"
    doc = parse(text, "a.md")
    assert not any("Anatolian" in b.text for b in doc.blocks)
    assert _find(doc, ". .") == (9, 16)


def test_link_target_is_masked_and_text_kept():
    text = "See [the report](http://x.org/a. .b) and it. .\n"
    doc = parse(text, "a.md")
    (block,) = doc.blocks
    assert block.text == "See the report and it. ."
    assert _find(doc, "it. .") == (1, 42)


def test_inline_code_and_bare_urls_become_placeholders():
    text = "Run `pip install x. .` now, or visit https://example.org/a..b/c.html today.\n"
    (block,) = parse(text, "a.md").blocks
    assert block.text == f"Run {PLACEHOLDER} now, or visit {PLACEHOLDER} today."


def test_columns_count_characters_after_arabic_and_emoji():
    line = "قال المتحدث 🎉 إن the talks ended. . Then"
    doc = parse(line + "\n", "a.txt")
    col = line.index(". .") + 1
    assert _find(doc, ". .") == (1, col)
    assert col == 33  # characters, not UTF-8 bytes or UTF-16 units


def test_list_items_quotes_and_tables_have_their_kinds():
    text = "- an item\n- another\n\n> quoted text here\n\n| a | b |\n|---|---|\n| left | right |\n"
    kinds = [(b.kind, b.text) for b in parse(text, "a.md").blocks]
    assert ("list_item", "an item") in kinds
    assert ("quote", "quoted text here") in kinds
    assert ("table_cell", "right") in kinds


def test_table_cell_offsets():
    text = "| a | b |\n|---|---|\n| left | right |\n"
    doc = parse(text, "a.md")
    assert _find(doc, "right") == (3, 10)


def test_html_comments_and_blocks_are_not_prose():
    text = "<!-- sites only. . -->\n\n<div>\n(Anatolian) markup\n</div>\n\nText.\n"
    doc = parse(text, "a.md")
    assert [b.text for b in doc.blocks] == ["Text."]


def test_multiline_list_item_maps_continuation_lines():
    text = "- first line of item\n  second line. .\n"
    doc = parse(text, "a.md")
    assert _find(doc, ". .") == (2, 14)


def test_emphasis_markers_are_not_prose():
    (block,) = parse("The **bold** and _soft_ words.\n", "a.md").blocks
    assert block.text == "The bold and soft words."


def test_crlf_source_positions():
    text = "First line.\r\n\r\nIt ended. . Then.\r\n"
    doc = parse(text, "a.txt")
    assert _find(doc, ". .") == (3, 9)


def test_title_case_lines_are_headings_even_when_long():
    text = "Iraqi Militias Threaten Israel, Government Braces for Response in Baghdad\n\nBody text ends here.\n"
    assert parse(text, "a.txt").blocks[0].kind == "heading"


def test_citation_marks_and_emphasis_after_the_stop_end_a_line():
    for line in ("It is listed as a terrorist organisation by several governments.[13]",
                 "**What it is.** Containers that run at the edge, started on demand.**",
                 'The minister said the economy would recover by the end of the year. "'):
        assert parse(line + "\n", "a.txt").blocks[0].kind == "paragraph", line


def test_markdown_captions_under_images_and_emphasised_lines():
    text = ("Body sentence one.\n\n![crowd](/img/a.jpg)\n*Protesters gather in the square on Monday*\n\n"
            "_Officials speak to reporters in Cairo_\n\nA *partly emphasised* body line\n")
    kinds = [b.kind for b in parse(text, "a.md").blocks]
    assert kinds == ["paragraph", "caption", "caption", "paragraph"]


def _exact(doc):
    """Every prose character sits at its offset in the source (masked ones aside)."""
    for b in doc.blocks:
        for ch, off in zip(b.text, b.offsets):
            if ch != PLACEHOLDER:
                assert doc.source[off] == ch or (ch == "\n" and doc.source[off] == "\n"), (ch, off)


def test_link_text_across_lines_keeps_both_lines():
    doc = parse("Talks [resumed in\nAnkara](https://x.example/a) on Monday.\n", "a.md")
    assert doc.blocks[0].text == "Talks resumed in\nAnkara on Monday."
    assert _find(doc, "Ankara") == (2, 1)
    _exact(doc)


def test_escaped_pipe_in_a_table_cell_maps_exactly():
    doc = parse("| a | b \\| c |\n|---|---|\n| d | é ü |\n", "a.md")
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [c.text for c in cells] == ["a", "b | c", "d", "é ü"]
    assert _find(doc, "ü") == (3, 9)
    _exact(doc)


def test_reference_definitions_are_not_prose():
    doc = parse("[wire]: https://example.com/a\n\nThe [wire][] said so.\n", "a.md")
    assert [b.text for b in doc.blocks] == ["The wire said so."]


def test_offsets_after_multibyte_characters_in_containers():
    # the parser counts UTF-8 bytes; columns count characters
    doc = parse("> «Şehir» — 🚀 quoted\n> again\n\n- ç item\n  more é\n", "a.md")
    assert _find(doc, "quoted") == (1, 15) and _find(doc, "more") == (5, 3)
    _exact(doc)


def test_a_parser_failure_falls_back_to_plain_text(monkeypatch):
    from tlint import document

    class Broken:
        def tree(self, source):
            raise BaseException("panic in the parser")  # what a Rust panic looks like

    monkeypatch.setattr(document, "_markdown_parser", lambda: Broken())
    doc = parse("A first paragraph that ends.\n\nA second one.\n", "a.md")
    assert [b.text for b in doc.blocks] == ["A first paragraph that ends.", "A second one."]


# Endings that exercise every branch of ends_sentence: stops, closing marks, citations (one to
# four digits, other scripts' digits), a quote detached by spaces, trailing spaces of several kinds.
_END_PIECES = ["word", ".", "!", "?", "…", ":", ";", '"', "”", "’", "»", ")", "]", "*", "_", "[",
               "[1]", "[12]", "[1234]", "[٣]", "1", " ", "  ", "\n", "\u00a0", "\u2003", "\x1c", "“", "😀"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_END_PIECES), max_size=10))
def test_ends_sentence_in_c_answers_as_the_pattern(pieces):
    from tlint.document import _SENTENCE_END_RE, ends_sentence

    text = "".join(pieces)
    assert ends_sentence(text) == (_SENTENCE_END_RE.search(text) is not None), text
    long = "x" * 70 + text  # (past the 64 characters the Python search looks at first)
    assert ends_sentence(long) == (_SENTENCE_END_RE.search(long) is not None), text
