"""tlint/fixes.py: edits, passes to a fixpoint, safety levels, and safe writing of files."""
import os
import stat
import textwrap

import pytest

from tlint import config as cfg
from tlint import fixes
from tlint.diagnostic import Diagnostic, Fix
from tlint.fixes import NotConverged, apply_edits, fix_text, plan_file, write_file


def pack_config(tmp_path, rules_yaml: str) -> cfg.Config:
    """A config running only a one-off pack of ours (its examples run when it loads)."""
    pack = tmp_path / "t.yaml"
    pack.write_text("pack: t\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "))
    return cfg.Config(packs=(str(pack),))


def diag(start, end, replacement, rule="t.r", safe=True):
    return Diagnostic("x", start, end, 1, start + 1, 1, end + 1, rule, "error", "m",
                      Fix(replacement, safe, start, end))


# ---------------------------------------------------------------- one pass


def test_apply_edits_in_order_and_defers_overlaps():
    text = "abcdefgh"
    a, b, c = diag(6, 8, "GH"), diag(0, 3, "X"), diag(2, 5, "Y")  # c overlaps b
    new, applied, deferred = apply_edits(text, [a, b, c])
    assert new == "XdefGH"
    assert applied == [b, a] and deferred == [c]


def test_apply_edits_same_fix_from_two_rules_is_applied_once():
    one, two = diag(3, 4, "", rule="t.a"), diag(3, 4, "", rule="t.b")
    new, applied, deferred = apply_edits("It.. ok", [one, two])
    assert new == "It. ok" and len(applied) == 2 and not deferred


def test_apply_edits_ignores_an_edit_that_changes_nothing():
    new, applied, _ = apply_edits("same", [diag(0, 4, "same")])
    assert new == "same" and applied == []


def test_two_insertions_at_one_point_are_not_both_applied_blindly():
    new, applied, deferred = apply_edits("ab", [diag(1, 1, "X", rule="t.a"), diag(1, 1, "Y", rule="t.b")])
    assert new == "aXb" and len(deferred) == 1


# ---------------------------------------------------------------- passes


def test_relints_until_nothing_changes(tmp_path):
    conf = pack_config(tmp_path, """
        bang:
          kind: pattern
          message: doubled '{match}'
          pattern: '!!'
          fix: {replace: '!', safe: true}
          examples: {flag: ["Wow!!"], pass: ["Wow!"]}
    """)
    new, applied, remaining = fix_text("Wow!!!! Yes!!!", "a.txt", conf)
    # "!!!!" -> "!!" -> "!" takes a second pass; "!!!" likewise
    assert new == "Wow! Yes!"
    assert len(applied) == 5 and remaining == []


def test_overlapping_fix_is_deferred_to_the_next_pass(tmp_path):
    conf = pack_config(tmp_path, """
        spelling:
          kind: terms
          message: "US spelling for '{match}'"
          swap: {colour: color}
          fix: {safe: true}
          examples: {flag: ["a colour"], pass: ["a color"]}
        doubled:
          kind: pattern
          message: "doubled word '{match}'"
          pattern: '\\b(\\w+) \\1\\b'
          fix: {replace: '\\1', safe: true}
          examples: {flag: ["the the end"], pass: ["the end"]}
    """)
    new, applied, remaining = fix_text("A colour colour scheme.", "a.txt", conf)
    assert new == "A color scheme."
    assert [d.rule for d in applied] == ["t.spelling", "t.spelling", "t.doubled"]
    assert remaining == []


def test_a_text_that_never_settles_raises_and_names_the_rule(tmp_path):
    conf = pack_config(tmp_path, """
        grow:
          kind: pattern
          message: grows
          pattern: '(x+)'
          fix: {replace: '\\1x', safe: true}
          examples: {flag: ["x"], pass: ["y"]}
    """)
    with pytest.raises(NotConverged, match=r"after 10 passes \(rules t.grow"):
        fix_text("a x b", "a.txt", conf)


def test_unsafe_fixes_only_when_asked(tmp_path):
    conf = pack_config(tmp_path, """
        join:
          kind: pattern
          message: fragment
          pattern: '\\. (From)'
          fix: {replace: ' from', safe: false}
          examples: {flag: ["different. From all."], pass: ["different from all."]}
    """)
    text = "It was different. From all the others."
    new, applied, remaining = fix_text(text, "a.txt", conf)
    assert new == text and applied == [] and [d.rule for d in remaining] == ["t.join"]
    new, applied, remaining = fix_text(text, "a.txt", conf, unsafe=True)
    assert new == "It was different from all the others." and remaining == []


def test_public_api_keeps_bom_and_newlines():
    import tlint

    new, applied, remaining = tlint.fix_text("\ufeffIt ended. .\r\nNext line.\r\n", "a.txt")
    assert new == "\ufeffIt ended.\r\nNext line.\r\n"
    assert [d.rule for d in applied] == ["punctuation.doubled-stop"] and remaining == []


# ---------------------------------------------------------------- files


def test_file_bytes_outside_fixes_are_kept(tmp_path):
    f = tmp_path / "a.md"
    raw = ("\ufeff---\r\ntitle: It ended. .\r\n---\r\n\r\n# Zürich café\r\n\r\n"
           "The mayor met the (Anatolian) crowd. .   \n\n```\nsites only. .\n```\r\n"
           "Trailing words,, here").encode("utf-8")
    f.write_bytes(raw)
    plan = write_file(plan_file(str(f), cfg.Config()))
    assert plan.written and len(plan.applied) == 3
    expected = raw.replace(b"the (Anatolian) crowd. .", b"the crowd.").replace(b"words,, here", b"words, here")
    assert f.read_bytes() == expected


def test_file_mode_is_kept(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n")
    f.chmod(0o640)
    write_file(plan_file(str(f), cfg.Config()))
    assert f.read_text() == "It ended.\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640


def test_symlink_stays_a_link_and_its_target_is_fixed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("It ended. .\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert write_file(plan_file(str(link), cfg.Config())).written
    assert link.is_symlink() and target.read_text() == "It ended.\n"


def test_file_changed_on_disk_after_reading_is_skipped(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n")
    plan = plan_file(str(f), cfg.Config())
    f.write_text("It ended. . An editor typed this meanwhile.\n")
    write_file(plan)
    assert not plan.written and "changed on disk since it was read" in plan.skipped
    assert f.read_text() == "It ended. . An editor typed this meanwhile.\n"


def test_read_only_file_is_an_error_and_left_alone(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n")
    f.chmod(0o444)
    plan = write_file(plan_file(str(f), cfg.Config()))
    assert plan.error == f"{f}: read-only file; not written"
    assert f.read_text() == "It ended. .\n"


@pytest.mark.parametrize("crash", [KeyboardInterrupt, RuntimeError])
def test_interrupted_write_leaves_the_original_intact(tmp_path, monkeypatch, crash):
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n")

    def boom(*args):
        raise crash("killed mid-write")

    monkeypatch.setattr(fixes.os, "replace", boom)
    with pytest.raises(crash):
        write_file(plan_file(str(f), cfg.Config()))
    assert f.read_text() == "It ended. .\n"
    assert os.listdir(tmp_path) == ["a.txt"]  # no temporary file left behind


def test_disk_full_while_writing_is_one_line_and_original_intact(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "fsync", full)
    plan = write_file(plan_file(str(f), cfg.Config()))
    assert plan.error == f"{f}: cannot write: No space left on device"
    assert f.read_text() == "It ended. .\n" and os.listdir(tmp_path) == ["a.txt"]


def test_diff_marks_a_missing_final_newline(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("First line.\n\nIt ended. .")
    d = plan_file(str(f), cfg.Config()).diff()
    assert d.endswith("-It ended. .\n\\ No newline at end of file\n+It ended.\n\\ No newline at end of file\n")
    assert d.startswith(f"--- {f}\n+++ {f}\n@@ ")
