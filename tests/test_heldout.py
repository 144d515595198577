"""The default packs on the held-out sets (our own writing, labelled in the corpus gold
format), scored by bench/accuracy.py, the same code that measures the shared corpus:

- tests/heldout: wire copy, sports, finance, royal titles, captions, glossed words,
  footnotes, Markdown; MT-style texts of every class.
- tests/heldout2: written blind after the first round (explainer, long read, AP sports,
  press release, court report, science with units, Q&A, travel, liveblog, newsletter;
  Turkish/Persian/Arabic MT styles and forum reposts).
- tests/heldout3: written blind after the second round (obituary, market report, health,
  election results, weather, book review, speech, corrections; Egyptian, Syrian, Lebanese,
  Gulf, Kurdish, Iranian, Turkish, Yemeni, Libyan outlets and a WordPress repost).
- tests/heldout4: written blind after the third round (Reuters wire with a caption credit,
  council report, tech funding in Markdown; Palestinian, Saudi, Iranian, Pakistani and
  Turkish outlets, a Blogspot repost and a news aggregator page).
- tests/heldout5: written blind after the fourth round (academic review with citations,
  sports results, court judgment, NASDAQ press release, museum captions, recipe; Azerbaijani,
  Russian, Chinese, Indonesian, Malay, Urdu, Somali, Kurdish, Algerian, Moroccan, Qatari and
  Emirati outlets, half of them Markdown).
- tests/heldout6: written blind after the fourth round, alongside heldout5 (Bahraini, Qatari, Egyptian,
  Moroccan, Iraqi, Syrian-Kurdish, Iranian, Russian, Azerbaijani, Kazakh and Turkish outlets;
  new fragment shapes, capitals after quotes and colons, doubled sentences, Turkish words;
  look-alikes: song lyrics, a hearing transcript, a glossary, a checklist, headlines, chants).
- tests/heldout7: written blind after the fifth round (sport, markets, culture, science,
  local news and opinion from IRNA, ISNA, Mehr, Anadolu, Hurriyet, Ahram, Shafaq, Petra, NNA,
  Ukrinform, Agencia Brasil and Ynet; credits between sentences and inside quotes, mid-article
  newsletter/app/cookie boxes; clean results table, ticker market wrap, film review, science
  release with p-values, newsletter and timestamped transcript).
- tests/heldout8: written blind as a measurement set after the sixth round (Vietnamese, Thai,
  Japanese, Chinese, Afghan, Georgian, Uzbek, Senegalese, Cuban and Bosnian outlets, a Korean club
  site, an Armenian church newsletter; look-alikes: wire copy, Q&A, tender notice, glossary, poem).

Clean texts (`clean-*`) must draw no error or warning; MT texts (`mt-*`) must have their
labelled artifacts found, class by class."""
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy()

ALL_CLASSES = ("credit", "punct", "fragment", "capital", "glued", "script", "encoding",
               "repeat", "unterminated", "chrome")
# set: (least clean texts, least MT texts, least labels per class, classes held to 80% recall)
SETS = {
    "heldout": (15, 10, 3, ALL_CLASSES),
    # heldout2's unterminated labels include last paragraphs, which the rule skips on purpose
    "heldout2": (10, 10, 4, tuple(c for c in ALL_CLASSES if c != "unterminated")),
    "heldout3": (8, 12, 7, ALL_CLASSES),
    # heldout4 has two encoding labels only: too few to hold that class to 80%
    "heldout4": (3, 7, 3, tuple(c for c in ALL_CLASSES if c != "encoding")),
    "heldout5": (6, 12, 4, ALL_CLASSES),
    # heldout6 stresses sentence- and text-level classes; one credit and one punct label only
    "heldout6": (6, 12, 9, ("fragment", "capital", "unterminated", "repeat", "script")),
    "heldout7": (6, 12, 3, ALL_CLASSES),
    # heldout8 was written blind as a measurement set; after its round it is held like the others
    "heldout8": (5, 12, 5, ALL_CLASSES),
}

# Clean texts that still draw an alarm from a rule outside this round's packs, named so the
# test flips (strict xfail) the day the rule is fixed and the entry can go.
KNOWN_CLEAN_ALARMS: dict[str, str] = {}


def _files(name):
    files = accuracy.gold_files(ROOT / "tests" / name)
    return ([p for p in files if p.name.startswith("clean-")],
            [p for p in files if p.name.startswith("mt-")])


@pytest.mark.parametrize("name", SETS)
def test_heldout_set_is_all_there(name):
    clean, mt = _files(name)
    least_clean, least_mt, _, _ = SETS[name]
    assert len(clean) >= least_clean and len(mt) >= least_mt
    # clean texts carry no labels; every MT text carries some
    assert all(not p.with_suffix(".gold").read_text(encoding="utf-8").strip() for p in clean)
    assert all(p.with_suffix(".gold").read_text(encoding="utf-8").strip() for p in mt)


def _clean_params():
    for name in SETS:
        for p in _files(name)[0]:
            key = f"{p.parent.name}/{p.name}"
            marks = ([pytest.mark.xfail(strict=True, reason=KNOWN_CLEAN_ALARMS[key])]
                     if key in KNOWN_CLEAN_ALARMS else [])
            yield pytest.param(p, id=key, marks=marks)


@pytest.mark.parametrize("path", list(_clean_params()))
def test_clean_article_draws_no_error_or_warning(path):
    assert accuracy.score([path]).alarms == []


@pytest.mark.parametrize("name", SETS)
def test_mt_articles_recall_and_precision(name):
    score = accuracy.score(_files(name)[1])
    assert score.recall >= 0.9, score.misses
    assert score.precision >= 0.9, score.alarms


@pytest.mark.parametrize("name,category", [(n, c) for n in SETS for c in SETS[n][3]])
def test_every_artifact_class_is_labelled_and_mostly_found(name, category):
    score = accuracy.score(_files(name)[1])
    assert score.total[category] >= SETS[name][2]
    assert score.found[category] / score.total[category] >= 0.8, score.misses


def test_accuracy_script_without_tlints_dependencies_says_so_in_one_line(tmp_path):
    """Run by a Python that lacks them (-S: no site-packages), the script names what is
    missing and how to install it, instead of a traceback from deep inside a rule."""
    import subprocess

    done = subprocess.run([sys.executable, "-S", str(ROOT / "bench" / "accuracy.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "lemminflect" in lines[0] and "pip install ." in lines[0]
