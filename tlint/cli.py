"""Command-line interface: click commands only, no linting logic."""
from __future__ import annotations

import os
import sys

import click

from tlint import config as cfg
from tlint.diagnostic import LEVEL_RANK, LEVELS
from tlint.formats import FORMATS, renderer
from tlint.packs import PackError
from tlint.readability import ReadabilityUnavailable

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
        except (PackError, cfg.ConfigError, ReadabilityUnavailable) as exc:
            _fail(str(exc))


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rules (ids, packs or globs; comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, packs or globs).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this config file instead of discovering .tlint.yaml / pyproject.toml.")
@click.option("--fail-on", type=click.Choice(LEVELS), help="Lowest level that makes the exit code 1 [default: warning].")
@click.option("--stdin-filename", help="With '-': the file name to report (its suffix picks Markdown).")
@click.option("--grammar", is_flag=True, help="Add the grammar pack (needs a LanguageTool server).")
def check(paths, fmt, select, ignore, config_path, fail_on, stdin_filename, grammar) -> None:
    """Report artifacts in PATHS (files, folders, or - for stdin)."""
    from tlint import engine
    from tlint import languagetool

    overrides, fixed = _overrides(select, ignore, config_path, fail_on)
    if grammar:
        overrides["add_packs"] = ("grammar",)
    here = engine.effective_config(os.path.join(os.getcwd(), "x"), overrides, fixed)
    languagetool.configure(dict(here.languagetool))
    paths = paths or (".",)
    results = []
    for p in paths:
        if p == "-":
            name = stdin_filename or "<stdin>"
            text = sys.stdin.read()
            config = engine.effective_config(name, overrides, fixed)
            results.append(engine.FileResult(name, engine.lint_text(text, name, config)))
        else:
            results.extend(engine.lint_paths([p], overrides, fixed))
    for r in results:
        if r.error:
            click.echo(f"tlint: {r.error}", err=True)
        elif r.skipped:
            click.echo(f"tlint: {r.skipped}", err=True)
    out = sys.stdout
    renderer(fmt)(results, out, color=fmt == "text" and out.isatty() and "NO_COLOR" not in os.environ)
    threshold = engine.effective_config(os.path.join(os.getcwd(), "x"), overrides, fixed).fail_on
    worst = max((LEVEL_RANK[d.severity] for r in results for d in r.diagnostics), default=-1)
    grammar_missing = languagetool.session().unavailable
    languagetool.configure({})  # stop a local server; a failure does not outlive the run
    if grammar_missing:
        click.echo(f"tlint: grammar pack not run: {grammar_missing}", err=True)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if grammar_missing:
        sys.exit(EXIT_GRAMMAR)
    sys.exit(EXIT_FINDINGS if worst >= LEVEL_RANK[threshold] else EXIT_CLEAN)


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
