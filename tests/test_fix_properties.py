"""Property tests (hypothesis) of `fix` over generated articles.

An article is built from pieces that each know their broken and their clean form: clean
sentences (with look-alikes that must stay), sentences carrying a known artifact, headings,
Markdown front matter and code blocks that hold artifact-like text, trailing spaces, LF or
CRLF line by line, an optional BOM and final newline. So the exact expected result is known
without running tlint, and every byte outside the artifacts must come back unchanged."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tlint
from tlint import config as cfg
from tlint.fixes import fix_text

# The rules whose fixes these articles exercise: later packs can add findings of their own
# to generated text, so the exact-result property pins these; the general ones run all packs.
KNOWN = cfg.Config(select=("credits.leaked-credit", "credits.leaked-agency",
                           "punctuation.doubled-stop", "punctuation.doubled-comma"))

CLEAN = [
    "The council met on Monday to discuss the budget.",
    "The mayor of Zürich opened the new café on the square.",
    "Officials in São Paulo said the plan was ready.",
    "He paused... then spoke again.",
    "U.S. forces left the base in 2011.",
    "The rate rose to 3.5 percent last year.",
    "It ended. . . and then it began again.",
    "She called it “a fair deal.”",
    "ANKARA (AA) – The talks resumed on Thursday.",
    "Prices fell by 5,200 dollars — a record.",
]

# (broken, clean): one artifact each, written for these tests
ARTIFACTS = [
    ("The envoy left the talks early. .", "The envoy left the talks early."),
    ("He said the vote was “final.” .", "He said the vote was “final.”"),
    ("The minister,, who arrived on Monday, spoke first.", "The minister, who arrived on Monday, spoke first."),
    ("The delegation from Kraków, , led by the mayor, left.", "The delegation from Kraków, led by the mayor, left."),
    ("Police dispersed the (Anatolian) crowd near the station.", "Police dispersed the crowd near the station."),
    ("The army shelled the (European) villages again.", "The army shelled the villages again."),
    ("Thousands gathered in the square (Reuters) on Friday.", "Thousands gathered in the square on Friday."),
    ("Smoke rose over the harbour (AFP) before dawn.", "Smoke rose over the harbour before dawn."),
]

sentence = st.one_of(
    st.sampled_from(CLEAN).map(lambda s: (s, s)),
    st.sampled_from(ARTIFACTS),
)
newline = st.sampled_from(["\n", "\r\n"])
trailing = st.sampled_from(["", "", " ", "  "])


@st.composite
def paragraph(draw):
    pieces = draw(st.lists(sentence, min_size=1, max_size=4))
    return (" ".join(b for b, _ in pieces), " ".join(c for _, c in pieces))


@st.composite
def article(draw):
    """-> (path, broken text, clean text)"""
    markdown = draw(st.booleans())
    blocks: list[tuple[str, str]] = []
    if markdown and draw(st.booleans()):
        nl = draw(newline)
        fm = f"---{nl}title: It ended. .{nl}credit: the (Anatolian) desk{nl}---"
        blocks.append((fm, fm))
    heading = draw(st.sampled_from(["No impunity", "Talks in Zürich", "Iran and Trump Resistance"]))
    heading = ("# " if markdown else "") + heading
    blocks.append((heading, heading))
    for _ in range(draw(st.integers(1, 5))):
        if markdown and draw(st.integers(0, 5)) == 0:
            nl = draw(newline)
            code = f"```{nl}print('sites only. .')  # the (Anatolian) crowd,,{nl}```"
            blocks.append((code, code))
        broken, clean = draw(paragraph())
        pad = draw(trailing)
        blocks.append((broken + pad, clean + pad))
    seps = [draw(newline) + draw(newline) for _ in blocks[1:]]
    end = draw(st.sampled_from(["", "\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))

    def join(i):
        out = bom + blocks[0][i]
        for sep, block in zip(seps, blocks[1:]):
            out += sep + block[i]
        return out + end

    return ("article.md" if markdown else "article.txt"), join(0), join(1)


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(article())
def test_fix_gives_exactly_the_clean_article(case):
    """Nothing outside the artifacts changes: BOM, CRLF, trailing spaces, front matter, code."""
    path, broken, clean = case
    new, applied, remaining = fix_text(broken, path, KNOWN)
    assert new == clean
    assert remaining == []
    # the bytes a file would get back
    assert new.encode("utf-8") == clean.encode("utf-8")


@SETTINGS
@given(article())
def test_changes_stay_inside_the_fix_spans_check_reports(case):
    """Applying, by hand, the fixes `check` reports on the original gives the same text as
    `fix` (these articles need one pass): fix edits nothing `check` did not point at."""
    path, broken, _ = case
    body = broken.lstrip("\ufeff")
    reported = [d.fix for d in tlint.lint_text(body, path, KNOWN) if d.fix and d.fix.safe]
    by_hand = body
    for f in sorted(reported, key=lambda f: f.start, reverse=True):
        by_hand = by_hand[:f.start] + f.replacement + by_hand[f.end:]
    new, _, _ = fix_text(broken, path, KNOWN)
    assert new == broken[: len(broken) - len(body)] + by_hand


@SETTINGS
@given(article())
def test_fixing_twice_is_fixing_once_and_no_safe_fix_is_left(case):
    """With all default packs, whatever they are by the time this runs."""
    path, broken, _ = case
    once, _, remaining = fix_text(broken, path)
    twice, applied_again, _ = fix_text(once, path)
    assert twice == once and applied_again == []
    assert not [d for d in tlint.lint_text(once, path) if d.fix is not None and d.fix.safe]
    assert not [d for d in remaining if d.fix is not None and d.fix.safe]


@SETTINGS
@given(article())
def test_files_round_trip_bom_and_crlf_through_the_cli(tmp_path_factory, case):
    from click.testing import CliRunner

    from tlint.cli import main

    path, broken, clean = case
    folder = tmp_path_factory.mktemp("a")
    f = folder / path
    f.write_bytes(broken.encode("utf-8"))
    runner = CliRunner()
    runner.invoke(main, ["fix", str(f), "--select", ",".join(KNOWN.select)], catch_exceptions=False)
    assert f.read_bytes() == clean.encode("utf-8")
    result = runner.invoke(main, ["fix", "-", "--stdin-filename", path, "--select", ",".join(KNOWN.select)],
                           input=broken.encode("utf-8"), catch_exceptions=False)
    assert result.stdout_bytes == clean.encode("utf-8")
