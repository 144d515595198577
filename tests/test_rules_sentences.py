"""The built-in `sentences` pack on whole articles: the seed and look-alikes."""
from conftest import SEED_TXT

from tlint import config as cfg
from tlint.engine import lint_text


def lint(text, path="a.txt", select="sentences"):
    return [(d.line, d.column, d.rule) for d in lint_text(text, path, cfg.Config(select=(select,)))]


def test_seed_yields_exactly_its_fragment_and_capital():
    found = lint(SEED_TXT.read_text(encoding="utf-8"))
    assert found == [(3, 373, "sentences.fragment"), (31, 329, "sentences.capital")]


ARTICLE = """Council Approves Budget After Long Night

The council approved the new budget on Tuesday after a debate that lasted well into the night and ended with a narrow vote.

Road works

The mayor said the money would go to schools, roads and the repair of the old bridge, which His office called urgent.

The opposition promised to fight the plan in court, and said it would ask the regional governor to step in

Officials said the first repairs would begin in May. From the north bank of the river.
"""


def test_article_with_one_artifact_of_each_shape():
    assert lint(ARTICLE) == [
        (7, 93, "sentences.capital"),
        (9, 105, "sentences.unterminated"),
        (11, 54, "sentences.fragment"),
    ]


CLEAN = """Council Approves Budget After Long Night

BRUSSELS (Reuters) - The council approved the new budget on Tuesday after a debate that lasted well into the night.

What changes

- roads and bridges
- schools in the north

The mayor met His Majesty the King, and the story ran in The New York Times on Wednesday. The talks continue. Both sides blamed each other.

"We will fight this," the opposition leader said. "Not now. Not ever."

Reporting by Jane Roe; Editing by John Doe
"""


def test_clean_article_stays_quiet():
    assert lint(CLEAN) == []
    assert lint(CLEAN.replace("\n- ", "\n* "), "a.md") == []


README = """# quickparse

A small JSON parser.

The parser is written in about 600 lines of C. This leaves very little room for a bug to creep in.

Call `quickparse.loads()` with a `bytes` object. It returns plain dictionaries. `loads()` on a `str` works too.

The standard module is slow. orjson and rapidjson are much faster, and quickparse sits between them.
"""


def test_technical_readme_stays_quiet():
    # a demonstrative subject with an -s verb, masked inline code, lower-case brand names
    assert lint(README, "README.md") == []


NUMBER_END = """Elections due on time

Erbil - The commission said on Sunday that the vote would be held on its date, denying reports of a delay that had spread on social media.

The last elections of the region were held in the year 2018, and the term of the parliament ended in the year 2022

The parties welcomed the decision.
"""


def test_paragraph_ending_on_a_number_is_unterminated():
    assert lint(NUMBER_END) == [(5, 111, "sentences.unterminated")]
