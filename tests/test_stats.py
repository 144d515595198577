"""`tlint stats`: figures per file and in total, as text and JSON."""
import json


def _write(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The cat sat on the mat. The dog ran home.\n\nIt rained on Monday. . Then it stopped.\n",
        encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "# A heading is not counted\n\nShort words win. Long ones lose.\n\n```\ncode is not prose here\n```\n",
        encoding="utf-8")


def test_stats_json_per_file_and_total(tmp_path, cli):
    _write(tmp_path)
    code, out, err = cli("stats", str(tmp_path), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    a, b = by_name["a.txt"], by_name["b.md"]
    assert (a["words"], a["sentences"]) == (17, 4)
    assert (b["words"], b["sentences"]) == (6, 2)   # heading and code left out
    assert a["findings"] == {"punctuation.doubled-stop": 1}
    assert b["findings"] == {}
    total = data["total"]
    assert (total["words"], total["sentences"], total["files"]) == (23, 6, 2)
    assert total["findings"] == {"punctuation.doubled-stop": 1}
    # plain short words read easily: high ease, low grade
    assert a["reading_ease"] > 80 and a["grade"] < 5
    assert set(total) >= {"reading_ease", "grade"}


def test_stats_text_has_a_row_per_file_and_a_total(tmp_path, cli):
    _write(tmp_path)
    code, out, err = cli("stats", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["file", "words", "sentences", "ease", "grade"]
    assert lines[-1].split()[:3] == ["total", "23", "6"]
    assert any("a.txt" in l and "punctuation.doubled-stop 1" in l for l in lines)


def test_stats_missing_file_is_one_line_and_exit_2(tmp_path, cli):
    code, out, err = cli("stats", str(tmp_path / "nope.txt"))
    assert code == 2
    assert err.strip().count("\n") == 0 and "nope.txt" in err
