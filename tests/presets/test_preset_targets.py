"""Every target of every preset fits its metric: scored through the real scoring function (with
the metric's direction and the instance's unit) a value at the goal gives 100 and one at the red
flag gives 0 — on both sides of the goal for a two-sided (``target``) metric."""

from __future__ import annotations

import pytest
import yaml

from evalkit.demo.generate import DemoData, generate_demo
from evalkit.pipeline import open_session
from evalkit.scoring.evaluate import display_value, score_instance
from evalkit.spec.instances import DURATION_UNITS
from evalkit.spec.load import load_spec
from evalkit.spec.model import MetricInstance, Spec

PRESETS = (
    ["base/post-go-live"],
    ["market/b2b"],
    ["market/b2c"],
    ["industry/manufacturing"],
    ["market/b2b", "industry/manufacturing"],
    ["market/b2c", "industry/manufacturing"],
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    return generate_demo(tmp_path_factory.mktemp("demo"))


def preset_spec(demo: DemoData, names: list[str]) -> Spec:
    demo_spec = yaml.safe_load(demo.spec.read_text("utf-8"))
    body = {"version": 1, "extends": names, "evaluation": demo_spec["evaluation"]}
    body["data"] = demo_spec["data"]
    path = demo.spec.parent / f"targets-{'-'.join(n.replace('/', '_') for n in names)}.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return load_spec(path, open_session().context)


def score_at(spec: Spec, instance: MetricInstance, shown: float) -> float | None:
    """The score of a computed value that reads ``shown`` in the instance's unit."""
    computed = shown * DURATION_UNITS.get(instance.unit, 1.0)  # metrics compute in minutes
    return score_instance(spec, instance, display_value(computed, instance)).score


def check_targets(spec: Spec) -> int:
    """Assert every goal/red-flag target of ``spec`` fits its metric; how many there are."""
    targeted = [i for i in spec.metrics.values() if i.target and i.target.goal is not None]
    for instance in targeted:
        target = instance.target
        assert target is not None and target.goal is not None and target.red_flag is not None
        direction = instance.definition.direction
        assert direction != "none", f"{instance.id}: a target on a context metric"
        goal, red = target.goal, target.red_flag
        assert score_at(spec, instance, goal) == 100.0, instance.id
        assert score_at(spec, instance, red) == 0.0, instance.id
        if direction == "target":
            assert score_at(spec, instance, 2 * goal - red) == 0.0, instance.id
        if instance.unit == "fraction":
            assert -1.0 <= red <= 1.0 and -1.0 <= goal <= 1.0, f"{instance.id}: not a fraction"
    return len(targeted)


@pytest.mark.parametrize("names", PRESETS, ids=str)
def test_each_target_scores_100_at_its_goal_and_0_at_its_red_flag(
    demo: DemoData, names: list[str]
) -> None:
    assert check_targets(preset_spec(demo, names)) >= 15


def test_the_demo_specs_targets_fit_their_metrics(demo: DemoData) -> None:
    assert check_targets(load_spec(demo.spec, open_session().context)) >= 30


def test_two_sided_presets_mark_both_sides(demo: DemoData) -> None:
    spec = preset_spec(demo, ["base/post-go-live"])
    budget = spec.metrics["budget_variance"]
    # Goal 0, tolerance 2 %, red flag 10 %: −12.2 % (the demo's under-spend) is a red flag,
    # −6 % lies halfway between the tolerance (2 %) and the red flag (10 %): 50.
    assert score_at(spec, budget, -0.122) == 0.0
    assert score_at(spec, budget, -0.06) == pytest.approx(50.0)
    assert score_at(spec, budget, 0.015) == 100.0
    utilization = spec.metrics["agent_utilization"]
    # Goal 80 % ± 5 %, red flag 60 % (and so 100 %): 95 % is 15 points from the goal, 10 past
    # the tolerance on a 15-point slope from 85 % to 100 % → 100 · (20 − 15) / (20 − 5) = 33.3.
    assert score_at(spec, utilization, 0.95) == pytest.approx(100 / 3)
    assert score_at(spec, utilization, 1.0) == 0.0
