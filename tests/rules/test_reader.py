"""Reading the spec's ``rules:`` list: rules built, every problem located in the spec."""

from __future__ import annotations

import textwrap

import pytest

from evalkit.errors import SpecError
from evalkit.rules.functions import Param, RuleFunction
from evalkit.rules.model import Effects, Rule
from evalkit.rules.nodes import Comparison
from evalkit.rules.reader import parse_rules
from evalkit.yamldoc import load_yaml_text

from .fakes import CRITERIA, METRICS

ISSUE_RULES = """\
rules:
  - id: csat-veto
    when: "value('csat') < 0.70"
    then:
      cap_grade: D
      finding:
        severity: critical
        text:
          zh: "客户满意度 {value('csat'):.0%} 低于 70%，一票否决"
          en: "CSAT {value('csat'):.0%} is below 70%: veto"
  - id: fcr-improved
    when: "change('fcr', 'baseline') >= 0.10"
    then: {bonus: 2, finding: {severity: info, text: "FCR +{change('fcr', 'baseline'):.0%}"}}
  - id: complaints-up
    when: "value('complaint_rate') > previous('complaint_rate') * 1.2"
    then: {penalty: 3, recommendation: {zh: "排查投诉原因", en: "Find the causes of complaints"}}
  - id: quarterly-gate
    when: "overall_score() < 60 or status('sla_response_compliance') == 'red'"
    then: {gate: true}
"""


def read(
    text: str, *, with_source: bool = True, grades: tuple[str, ...] | None = None
) -> tuple[Rule, ...]:
    doc = load_yaml_text(textwrap.dedent(text), "spec.yaml")
    sources = {"spec.yaml": textwrap.dedent(text)} if with_source else None
    return parse_rules(doc, ("rules",), METRICS, CRITERIA, grades=grades, sources=sources)


def problems(
    text: str, *, with_source: bool = True, grades: tuple[str, ...] | None = None
) -> list[str]:
    with pytest.raises(SpecError) as caught:
        read(text, with_source=with_source, grades=grades)
    return caught.value.lines()


def test_the_issue_rules_are_read() -> None:
    rules = read(ISSUE_RULES)
    assert [rule.id for rule in rules] == [
        "csat-veto",
        "fcr-improved",
        "complaints-up",
        "quarterly-gate",
    ]
    veto, improved, complaints, gate = rules
    assert isinstance(veto.when, Comparison)
    assert veto.source == "value('csat') < 0.70"
    assert str(veto.location) == "spec.yaml:3:11"
    assert veto.effects.cap_grade == "D"
    assert veto.effects.finding is not None
    assert veto.effects.finding.severity == "critical"
    assert veto.effects.finding.text.en.source == "CSAT {value('csat'):.0%} is below 70%: veto"
    assert improved.effects.finding is not None
    assert improved.effects.finding.text.zh is improved.effects.finding.text.en
    assert improved.effects.bonus == 2.0
    recommendation = complaints.effects.recommendation
    assert recommendation is not None and recommendation.text.zh.source == "排查投诉原因"
    assert recommendation.priority == "medium"
    assert complaints.effects == Effects(penalty=3.0, recommendation=recommendation)
    assert gate.effects == Effects(gate=True)


def test_no_rules_key_means_no_rules() -> None:
    assert read("scoring: {}\n") == ()


def test_unknown_metric_is_located_at_its_column_inside_the_quotes() -> None:
    text = """\
    rules:
      - id: csat-veto
        when: "value('csta') < 0.70"
        then: {cap_grade: D}
    """
    # `when: "` puts the expression at column 12; 'csta' is 6 characters into it
    assert problems(text) == [
        "spec.yaml:3:18: unknown metric 'csta' in rule 'csat-veto' (did you mean 'csat'?)"
    ]


def test_without_the_source_plain_scalars_are_still_exact() -> None:
    text = """\
    rules:
      - id: r
        when: value('csta') < 0.70
        then: {gate: true}
    """
    assert problems(text, with_source=False) == [
        "spec.yaml:3:17: unknown metric 'csta' in rule 'r' (did you mean 'csat'?)"
    ]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("__import__('os')", "3:12: unknown function '__import__' in rule 'r'"),
        ("().__class__", "3:14: attribute access is not allowed in rule 'r'"),
        ("value('x').__dict__", "3:22: attribute access is not allowed in rule 'r'"),
        ("lambda: 1", "3:12: 'lambda' is not part of the rule language"),
        ("9 ** 9 ** 9", "3:14: '**' is not supported: there is no power operator in rule 'r'"),
        ("1" * 10_000, "3:1012: expression is 10000 characters long; the limit is 1000"),
        ("(" * 100 + "1" + ")" * 100, "3:62: expression is nested more than 50 levels deep"),
    ],
)
def test_hostile_expressions_are_rejected_with_location(when: str, message: str) -> None:
    text = f'rules:\n  - id: r\n    when: "{when}"\n    then: {{gate: true}}\n'
    [line] = problems(text)
    assert line.startswith(f"spec.yaml:{message}")


def test_every_problem_of_every_rule_is_reported() -> None:
    text = """\
    rules:
      - id: a
        when: "valeu('csat') > 1"
        then: {bonus: -1, cap_grade: E, gate: yes please}
      - id: a
        when: "grade() == 'A'"
        then: {finding: {severity: severe, text: "x"}, recommendaton: "y"}
      - id: c
        when: "true"
        then: {}
      - id: d
        when: "1 > 0"
        then: {recommendation: {zh: "{value('cst')}", en: "ok }"}}
      - {id: e, when: "true", then: {finding: {text: "{value('csat'):.0%}"}}, note: x}
      - just a string
      - {when: "true", then: {gate: true}}
    """
    assert problems(text, grades=("A", "B", "C", "D")) == [
        "spec.yaml:3:12: unknown function 'valeu' in rule 'a' (did you mean 'value'?)",
        "spec.yaml:4:34: unknown grade 'E' in rule 'a' (grades: A, B, C, D)",
        "spec.yaml:4:19: 'bonus' in rule 'a' must be from 0 to 100",
        "spec.yaml:4:43: 'gate' in rule 'a' must be true or false",
        "spec.yaml:5:9: rule id 'a' is used twice",
        "spec.yaml:7:52: unknown effect 'recommendaton' in rule 'a' "
        "(did you mean 'recommendation'?)",
        "spec.yaml:7:32: severity 'severe' in rule 'a' is not one of info, warning, critical",
        "spec.yaml:10:11: rule 'c' needs 'then' with at least one of cap_grade, bonus, penalty, "
        "finding, recommendation, gate",
        "spec.yaml:13:41: unknown metric 'cst' in the recommendation (zh) of rule 'd' "
        "(did you mean 'csat'?)",
        "spec.yaml:13:59: single '}' in text; write '}}' for a literal brace in the "
        "recommendation (en) of rule 'd'",
        "spec.yaml:14:75: unknown key 'note' in rule 'e'",
        "spec.yaml:15:5: a rule must be a mapping with 'id', 'when' and 'then'",
        "spec.yaml:16:5: rule #7 needs an 'id' of letters, digits, '_', '.' or '-'",
    ]


def test_rules_must_be_a_list() -> None:
    assert problems("rules: {id: x}\n") == ["spec.yaml:1:8: 'rules' must be a list"]


def test_plugin_functions_are_known_to_the_checker() -> None:
    trend = RuleFunction(
        "trend", (Param("metric", "metric"),), "number", "Slope.", lambda view, metric: 0.0
    )
    text = "rules:\n  - {id: t, when: \"trend('csat') < 0\", then: {gate: true}}\n"
    doc = load_yaml_text(text, "spec.yaml")
    [rule] = parse_rules(doc, ("rules",), METRICS, CRITERIA, (trend,))
    assert trend in rule.functions


def test_a_block_scalar_is_located_at_its_start() -> None:
    text = """\
    rules:
      - id: r
        when: >-
          value('csta') < 1
        then: {gate: true}
    """
    assert problems(text) == [
        "spec.yaml:3:11: unknown metric 'csta' in rule 'r' (did you mean 'csat'?)"
    ]
