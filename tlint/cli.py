"""Command-line interface: click commands only, no linting logic."""
from __future__ import annotations

import os
import sys

import click

from tlint import config as cfg
from tlint.diagnostic import LEVEL_RANK, LEVELS
from tlint.formats import FORMATS, auto_format, renderer
from tlint.packs import PackError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_GRAMMAR = 3  # the grammar pack was asked for but LanguageTool could not be used


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)"""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(message: str) -> None:
    click.echo(f"tlint: {message}", err=True)
    sys.exit(EXIT_ERROR)


class _Group(click.Group):
    """Turns the errors users can cause (a broken pack or config) into one line, exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if isinstance(exc, _user_errors()):
                _fail(str(exc))
            raise


def _user_errors() -> tuple[type[Exception], ...]:
    """Imported only once something went wrong: a clean one-article run (a pre-commit hook)
    does not pay for loading the git, baseline and readability helpers."""
    from tlint.baseline import BaselineError
    from tlint.changes import ChangesError
    from tlint.readability import ReadabilityUnavailable

    return PackError, cfg.ConfigError, ChangesError, BaselineError, ReadabilityUnavailable


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tlint")
def main() -> None:
    """tlint: find and fix machine-translation artifacts in articles."""


def _overrides(select, ignore, config_path, fail_on) -> tuple[dict, cfg.Config | None]:
    overrides = {}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if fail_on:
        overrides["fail_on"] = fail_on
    fixed = cfg.load_file(config_path) if config_path else None
    return overrides, fixed


def _options(*decorators):
    """Stack click options once so `check` and `fix` share them instead of copying."""

    def apply(f):
        for d in reversed(decorators):
            f = d(f)
        return f

    return apply


lint_options = _options(
    click.argument("paths", nargs=-1, type=click.Path()),
    click.option("--select", multiple=True, help="Only these rules (ids, packs or globs; comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rules (ids, packs or globs)."),
    click.option("--config", "config_path", type=click.Path(dir_okay=False),
                 help="Use this config file instead of discovering .tlint.yaml / pyproject.toml."),
    click.option("--fail-on", type=click.Choice(LEVELS),
                 help="Lowest level that makes the exit code 1 [default: warning]."),
    click.option("--stdin-filename", help="With '-': the file name to report (its suffix picks Markdown)."),
    click.option("--force-exclude", is_flag=True,
                 help="Apply `exclude` and .gitignore to files named on the command line too (pre-commit)."),
    click.option("--no-cache", is_flag=True,
                 help="Lint every file again instead of reusing results cached in .tlint_cache/ ($TLINT_CACHE_DIR)."),
    click.option("-j", "--jobs", type=click.IntRange(min=1),
                 help="Worker processes for many files [default: all cores; $TLINT_JOBS]."),
)

fix_options = _options(
    click.option("--unsafe", is_flag=True, help="Also apply unsafe fixes (sentence joins, ambiguous case)."),
    click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing; exit 1 if any."),
)


def _threshold(overrides, fixed) -> str:
    from tlint import engine

    return engine.effective_config(os.path.join(os.getcwd(), "x"), overrides, fixed).fail_on


# Below this many files no progress bar: it would only flicker.
PROGRESS_MIN_FILES = 20


def _lint(paths, overrides, fixed, stdin_filename, force_exclude, progress, use_cache=True, jobs=None):
    """Lint PATHS (and stdin for '-'): (results, {path: text} of stdin inputs)."""
    from tlint import engine, runner

    items: list = []
    texts: dict[str, str] = {}
    for p in paths:
        if p == "-":
            name = stdin_filename or "<stdin>"
            texts[name] = sys.stdin.read()
            config = engine.effective_config(name, overrides, fixed)
            items.append(engine.FileResult(name, engine.lint_text(texts[name], name, config)))
        else:
            items.extend(engine.discover_files([p], overrides, fixed, force_exclude))

    results = runner.lint_items(items, overrides, fixed, use_cache, jobs)
    if progress and sys.stderr.isatty() and len(items) >= PROGRESS_MIN_FILES:
        with click.progressbar(results, length=len(items), label="tlint", file=sys.stderr,
                               show_pos=True) as bar:
            return list(bar), texts
    return list(results), texts


@main.command()
@lint_options
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS) + ["auto"]), default="text",
              show_default=True, help="Output format; auto: github under GitHub Actions, else text.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (unreadable input still exits 2).")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them (a JSON list with --format json).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary, notes or progress bar.")
@click.option("--diff-from", metavar="REV", help="Only report findings on lines changed since git revision REV.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Skip findings recorded in this baseline file (written by `tlint baseline`).")
@click.option("--grammar", is_flag=True, help="Add the grammar pack (needs a LanguageTool server).")
@click.option("--fix", "do_fix", is_flag=True, help="Apply fixes: the same as `tlint fix`.")
@fix_options
def check(paths, select, ignore, config_path, fail_on, stdin_filename, force_exclude, no_cache, jobs, fmt,
          exit_zero, statistics, quiet, diff_from, baseline_path, grammar, do_fix, unsafe, diff) -> None:
    """Report artifacts in PATHS (files, folders, or - for stdin)."""
    from tlint import engine

    overrides, fixed = _overrides(select, ignore, config_path, fail_on)
    if grammar:
        overrides["add_packs"] = ("grammar",)
    here = engine.effective_config(os.path.join(os.getcwd(), "x"), overrides, fixed)
    languagetool = None  # the client (and urllib) loads only when a grammar pack runs
    if here.languagetool or any(rule.kind == "languagetool" for rule in engine.ruleset(here).rules):
        from tlint import languagetool

        languagetool.configure(dict(here.languagetool))
        # one LanguageTool server for the run lives in this process, and its answers depend
        # on a server being up: no worker processes, no cached results
        no_cache, jobs = True, 1
    if do_fix or diff:
        if fmt != "text":
            raise click.UsageError("--fix and --diff print a fix summary; --format is for reports")
        _fix(paths, overrides, fixed, stdin_filename, unsafe, diff, force_exclude, not no_cache, jobs)
    if unsafe:
        raise click.UsageError("--unsafe needs --fix or --diff")
    paths = paths or (".",)
    changed = None
    if diff_from:
        from tlint.changes import ChangedLines

        changed = ChangedLines(diff_from)
    baseline = None
    if baseline_path:
        from tlint.baseline import Baseline

        baseline = Baseline(baseline_path)
    results, texts = _lint(paths, overrides, fixed, stdin_filename, force_exclude, not quiet,
                           not no_cache, jobs)
    if changed is not None:
        for r in results:
            r.diagnostics = [d for d in r.diagnostics if changed.keep(d)]
    if baseline is not None:
        baseline.filter(results, texts)
    for r in results:
        if r.error:
            click.echo(f"tlint: {r.error}", err=True)
        elif r.skipped and not quiet:
            click.echo(f"tlint: {r.skipped}", err=True)
    out = sys.stdout
    if fmt == "auto":
        fmt = auto_format()
    if statistics:
        from tlint import statistics as stats

        stats.render(results, out, as_json=fmt == "json")
    else:
        rules = engine.enabled_rules([r.path for r in results], overrides, fixed) if fmt == "sarif" else None
        renderer(fmt)(results, out, color=fmt == "text" and out.isatty() and "NO_COLOR" not in os.environ,
                      rules=rules, quiet=quiet)
    threshold = _threshold(overrides, fixed)
    worst = max((LEVEL_RANK[d.severity] for r in results for d in r.diagnostics), default=-1)
    grammar_missing = None
    if languagetool is not None:
        grammar_missing = languagetool.session().unavailable
        languagetool.configure({})  # stop a local server; a failure does not outlive the run
    if grammar_missing:
        click.echo(f"tlint: grammar pack not run: {grammar_missing}", err=True)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if grammar_missing:
        sys.exit(EXIT_GRAMMAR)
    if exit_zero:
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if worst >= LEVEL_RANK[threshold] else EXIT_CLEAN)


@main.command()
@lint_options
@fix_options
def fix(paths, select, ignore, config_path, fail_on, stdin_filename, force_exclude, no_cache, jobs, unsafe,
        diff) -> None:
    """Apply safe fixes in PATHS in place (- : stdin to stdout).

    Exit 0 when nothing at or above --fail-on is left, 1 when problems remain (with
    --diff: when something would change), 2 on errors."""
    overrides, fixed = _overrides(select, ignore, config_path, fail_on)
    _fix(paths, overrides, fixed, stdin_filename, unsafe, diff, force_exclude, not no_cache, jobs)


def _note(result, out) -> None:
    """A file's error or skip reason: one line on stderr, as it happens."""
    if result.error or result.skipped:
        out.flush()
        click.echo(f"tlint: {result.error or result.skipped}", err=True)


def _fix(paths, overrides, fixed, stdin_filename, unsafe, diff, force_exclude=False, use_cache=True,
         jobs=None) -> None:
    """`tlint fix` and `tlint check --fix`: plan each file, then diff or write it, then sum up."""
    from tlint import engine, fixes, runner

    paths = paths or (".",)
    if "-" in paths and len(paths) > 1:
        raise click.UsageError("'-' (stdin) cannot be combined with other paths")
    out = sys.stdout.buffer  # bytes: the text goes back exactly, CRLF and all
    results: list[fixes.FileFix] = []
    if paths == ("-",):
        raw = sys.stdin.buffer.read()
        name = stdin_filename or "-"
        plan = fixes.plan_bytes(raw, name, engine.effective_config(name, overrides, fixed), unsafe)
        if diff:
            out.write(plan.diff().encode("utf-8"))
        else:  # the fixed text, or the input unchanged when it could not be fixed
            out.write(plan.new_bytes if plan.changed else raw)
            plan.written = plan.changed
        results.append(plan)
        _note(plan, out)
    else:
        items = engine.discover_files(paths, overrides, fixed, force_exclude)
        for plan in runner.plan_items(items, overrides, fixed, unsafe, use_cache, jobs):
            if isinstance(plan, engine.FileResult):  # a missing path: its message names it
                results.append(fixes.FileFix(plan.path, error=plan.error))
            else:
                if diff:
                    out.write(plan.diff().encode("utf-8"))
                else:
                    fixes.write_file(plan)
                results.append(plan)
            _note(results[-1], out)
    out.flush()
    # the report goes to stderr when stdout carries the fixed text or the diff
    to_err = diff or paths == ("-",)
    for line in fixes.summary(results, unsafe, diff):
        click.echo(line, err=to_err)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if any(r.changed for r in results) else EXIT_CLEAN)
    threshold = LEVEL_RANK[_threshold(overrides, fixed)]
    left = any(LEVEL_RANK[d.severity] >= threshold for r in results for d in r.remaining)
    sys.exit(EXIT_FINDINGS if left else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default=".tlint-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
@click.option("--select", multiple=True, help="Only these rules (ids, packs or globs; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, packs or globs).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
def baseline(paths, output, select, ignore, config_path) -> None:
    """Record today's findings in PATHS so `check --baseline FILE` reports only new ones."""
    from tlint.baseline import write

    overrides, fixed = _overrides(select, ignore, config_path, None)
    results, texts = _lint(paths or (".",), overrides, fixed, None, False, True)
    for r in results:
        if r.error:
            click.echo(f"tlint: {r.error}", err=True)
    n = write(output, results, texts)
    files = len({d.path for r in results for d in r.diagnostics})
    click.echo(f"Recorded {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''} to {output}.")
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .tlint.yaml.")
def init(folder, force) -> None:
    """Write a commented starter .tlint.yaml into FOLDER."""
    from pathlib import Path

    from tlint.starter import FILE_NAME, starter_config

    target = Path(folder) / FILE_NAME
    if target.exists() and not force:
        _fail(f"{target}: already exists (use --force to overwrite)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter_config(), encoding="utf-8")
    click.echo(f"Wrote {target}")


@main.command()
@click.option("--pack", "pack_name", help="Only this pack.")
@click.option("--test", "test_file", type=click.Path(), help="Run a pack file's examples.")
def rules(pack_name, test_file) -> None:
    """List packs and rules, or test a pack's examples."""
    from tlint.packs import builtin_names, example_failures, load_pack, resolve

    if test_file:
        pack = load_pack(resolve(test_file))
        problems = example_failures(pack)
        for p in problems:
            click.echo(p)
        total = sum(len(r.examples.get("flag", [])) + len(r.examples.get("pass", [])) for r in pack.rules)
        click.echo(f"{pack.name}: {len(pack.rules)} rules, {total - len(problems)} passed, {len(problems)} failed")
        sys.exit(EXIT_FINDINGS if problems else EXIT_CLEAN)
    names = [pack_name] if pack_name else builtin_names()
    for name in names:
        pack = load_pack(resolve(name))
        flag = "" if pack.default else "  (opt-in)"
        click.echo(f"{pack.name}: {pack.description}{flag}")
        for rule in pack.rules:
            fix = " [*]" if rule.has_fix and rule.fix_safe else (" [~]" if rule.has_fix else "")
            click.echo(f"  {rule.id:<36} {rule.level:<8} {rule.kind:<11}{fix}")


@main.command()
@click.argument("rule_id")
def explain(rule_id) -> None:
    """Show a rule's message, level, examples and fix."""
    from tlint.packs import builtin_names, load_pack, resolve

    pack_name = rule_id.split(".")[0]
    if pack_name not in builtin_names():
        _fail(f"unknown rule {rule_id!r} (see `tlint rules`)")
    pack = load_pack(resolve(pack_name))
    rule = next((r for r in pack.rules if r.id == rule_id), None)
    if rule is None:
        _fail(f"unknown rule {rule_id!r} in pack {pack_name} (see `tlint rules --pack {pack_name}`)")
    click.echo(f"{rule.id} ({rule.kind}, {rule.level})")
    if rule.description:
        click.echo(f"\n{rule.description.strip()}")
    click.echo(f"\nMessage: {rule.message}")
    click.echo(f"Scope: {', '.join(sorted(rule.scope))}")
    if rule.has_fix:
        what = "a safe fix, applied by `tlint fix`" if rule.fix_safe else "an unsafe fix, applied by `tlint fix --unsafe`"
        repl = f" (replace with {rule.fix_replace!r})" if rule.fix_replace is not None else ""
        click.echo(f"Fix: {what}{repl}")
    else:
        click.echo("Fix: none (needs a human look)")
    click.echo("\nFlags:")
    for ex in rule.examples.get("flag", []):
        click.echo(f"  {ex if isinstance(ex, str) else ex.get('text')}")
    click.echo("Leaves alone:")
    for ex in rule.examples.get("pass", []):
        click.echo(f"  {ex if isinstance(ex, str) else ex.get('text')}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Count only these rules' findings.")
@click.option("--ignore", multiple=True, help="Do not count these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this config file instead of discovering one.")
def stats(paths, fmt, select, ignore, config_path) -> None:
    """Words, sentences, reading ease, grade and findings per rule, per file and in total."""
    from tlint import engine
    from tlint import stats as st

    overrides, fixed = _overrides(select, ignore, config_path, None)
    results = engine.lint_paths(paths or (".",), overrides, fixed)
    for r in results:
        if r.error or r.skipped:
            click.echo(f"tlint: {r.error or r.skipped}", err=True)
    files, total = st.collect(results)
    (st.render_json if fmt == "json" else st.render_text)(files, total, sys.stdout)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)


if __name__ == "__main__":  # pragma: no cover
    main()
