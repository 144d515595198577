"""The default packs on a second held-out set (tests/heldout2), written after the packs were
tuned and measured blind before any rule change: clean texts in styles the first set lacks
(explainer, long read, AP sports, press release, court report, science with units, Q&A,
travel with diacritics, liveblog, Markdown newsletter) must draw no error or warning;
Turkish/Persian/Arabic machine-translation-style texts and forum reposts must have their
labelled artifacts found. Scored by bench/accuracy.py, like the shared corpus."""
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT2 = ROOT / "tests" / "heldout2"


def _accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy()
FILES = accuracy.gold_files(HELDOUT2)
CLEAN = [p for p in FILES if p.name.startswith("clean-")]
MT = [p for p in FILES if p.name.startswith("mt-")]


def test_second_heldout_set_is_all_there():
    assert len(CLEAN) >= 10 and len(MT) >= 10
    assert all(not p.with_suffix(".gold").read_text(encoding="utf-8").strip() for p in CLEAN)
    assert all(p.with_suffix(".gold").read_text(encoding="utf-8").strip() for p in MT)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_article_draws_no_error_or_warning(path):
    assert accuracy.score([path]).alarms == []


def test_mt_articles_recall_and_precision():
    score = accuracy.score(MT)
    assert score.recall >= 0.9, score.misses
    assert score.precision >= 0.9, score.alarms


@pytest.mark.parametrize("category", ["credit", "punct", "fragment", "capital", "glued",
                                      "script", "encoding", "repeat", "chrome"])
def test_every_artifact_class_is_labelled_and_mostly_found(category):
    score = accuracy.score(MT)
    assert score.total[category] >= 4
    assert score.found[category] / score.total[category] >= 0.8, score.misses
