"""``evalkit experts``: questionnaires out to experts as Excel workbooks, answers back in.

``questionnaire`` writes one workbook per expert (or re-issues one with ``--revise``);
``collect`` reads them back, prints each expert's consistency per node with a message to send
back, and writes the weights YAML (``experts:`` blocks, AIJ) and the ``ratings`` table.
Exit status: 0 written, 2 invalid input (every bad answer named by its cell; nothing written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evalkit.experts.output import Group
    from evalkit.spec.model import Spec


def _load(spec_path: Path) -> Spec:
    from evalkit.compute.headers import read_headers
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import
    from evalkit.spec.load import load_spec

    return load_spec(
        spec_path, open_session().context, headers=read_headers, inconsistent_weights="warn"
    )


@click.group()
def experts() -> None:
    """AHP questionnaires and rating sheets for experts, as Excel workbooks."""


@experts.command()
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--experts",
    "panel",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with columns name, role, weight (one expert a row).",
)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--locale",
    type=click.Choice(["zh-CN", "en"]),
    help="Language of the workbooks (default: the spec's evaluation.locale).",
)
@click.option(
    "--revise",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Re-issue this returned workbook with its answers and the judgments to revisit "
    "highlighted.",
)
def questionnaire(
    spec_path: Path, panel: Path | None, out_dir: Path, locale: str | None, revise: Path | None
) -> None:
    """Write OUT/<expert>.xlsx for every expert of --experts (or re-issue --revise)."""
    from evalkit.errors import InputError
    from evalkit.experts.collect import read_workbooks
    from evalkit.experts.feedback import all_feedback
    from evalkit.experts.layout import file_name
    from evalkit.experts.plan import plan_for, read_panel
    from evalkit.experts.questionnaire import Prefill, workbook_bytes

    if (panel is None) == (revise is None):
        raise InputError("give --experts experts.csv, or --revise a returned workbook")
    members = read_panel(panel) if panel is not None else ()
    spec = _load(spec_path)
    plan = plan_for(spec, locale or spec.evaluation.locale)
    files: dict[str, bytes] = {}
    if revise is not None:
        (returned,) = read_workbooks([revise], plan)
        notes = all_feedback([returned], plan.nodes, spec.weights, plan.locale)
        flagged = {
            (f.node, f.worst.a, f.worst.b): f.message
            for f in notes
            if f.worst is not None and not f.consistent
        }
        prefill = Prefill(returned.prefill.judgments, returned.prefill.scores, flagged)
        files[file_name(returned.member.name)] = workbook_bytes(plan, returned.member, prefill)
        for note in notes:
            click.echo(note.message)
    else:
        for member in members:
            files[file_name(member.name)] = workbook_bytes(plan, member)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
        click.echo(f"wrote {out_dir / name}")
    pairs = sum(len(node.pairs()) for node in plan.nodes)
    click.echo(f"{len(plan.nodes)} nodes ({pairs} pairs), {len(plan.rated)} rated indicators")


@experts.command()
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--out",
    "out_path",
    default=Path("expert-weights.yaml"),
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The weights YAML (experts: blocks) for the spec's extends:.",
)
@click.option(
    "--ratings",
    "ratings_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the ratings table (CSV) here; default: ratings.csv next to --out.",
)
@click.option(
    "--drop-inconsistent",
    is_flag=True,
    help="Leave out of a node's group every expert whose CR there is above the threshold "
    "(default: keep them).",
)
@click.option(
    "--locale",
    type=click.Choice(["zh-CN", "en"]),
    help="Language of the messages (default: the spec's evaluation.locale).",
)
def collect(
    spec_path: Path,
    files: tuple[Path, ...],
    out_path: Path,
    ratings_path: Path | None,
    drop_inconsistent: bool,
    locale: str | None,
) -> None:
    """Read the returned FILES, print each expert's consistency, write weights and ratings."""
    from evalkit.experts.collect import read_workbooks
    from evalkit.experts.feedback import all_feedback
    from evalkit.experts.output import collected_at, groups, ratings_csv, weights_yaml
    from evalkit.experts.plan import plan_for

    spec = _load(spec_path)
    plan = plan_for(spec, locale or spec.evaluation.locale)
    returned = read_workbooks(files, plan)
    notes = all_feedback(returned, plan.nodes, spec.weights, plan.locale)
    at = collected_at()
    built = groups(plan, returned, notes, spec.weights, drop_inconsistent=drop_inconsistent, at=at)
    weights_text = weights_yaml(plan, returned, built, drop_inconsistent, at)
    ratings_text = ratings_csv(plan, returned, {p.name: p for p in files})
    for note in notes:
        click.echo(note.message)
    for group in built:
        _print_group(group)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(weights_text, encoding="utf-8")
    click.echo(f"wrote {out_path}")
    if plan.rated:
        target = ratings_path or out_path.parent / "ratings.csv"
        target.write_text(ratings_text, encoding="utf-8")
        click.echo(f"wrote {target}")


def _print_group(group: Group) -> None:
    result = group.result
    if result is None:
        click.echo(f"{group.node.id}: no expert left in the group; the spec's weights stay")
        return
    shares = ", ".join(f"{item} {w:.4f}" for item, w in result.weights.items())
    dropped = f"; left out: {', '.join(group.dropped)}" if group.dropped else ""
    click.echo(
        f"{group.node.id}: group of {len(group.members)} (AIJ), CR {result.cr:.3f}: "
        f"{shares}{dropped}"
    )
    if not result.consistent:
        click.echo(
            f"warning: {group.node.id}: the group's CR is above {result.threshold:g}; a run "
            "stops at this node (unless scoring.ahp_inconsistency is warn): re-issue the "
            "inconsistent questionnaires with --revise, or collect with --drop-inconsistent",
            err=True,
        )
