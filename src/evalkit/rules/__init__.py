"""Rules: a small, safe expression language and the effects of rules on an evaluation.

Reading a spec: ``parse_rules`` turns the ``rules:`` list into checked ``Rule`` objects (every
problem located, all reported at once). Running: ``apply_rules`` evaluates them against an
``EvaluationView`` and returns a ``RulesOutcome``; ``automatic_findings`` adds the findings
every report gets. The language is described in docs/rules.md; nothing in it reaches Python's
``eval``, attributes or imports.
"""

from evalkit.rules.auto_findings import automatic_findings
from evalkit.rules.checker import ExpressionProblem, Names, check_expression
from evalkit.rules.effects import apply_rules
from evalkit.rules.errors import ExpressionError, RuleFailed, RuleSkipped
from evalkit.rules.evaluator import evaluate
from evalkit.rules.functions import BUILTIN_FUNCTIONS, Param, RuleFunction, function_table
from evalkit.rules.model import (
    AppliedEffects,
    Effects,
    Finding,
    FindingTemplate,
    LocalizedTemplate,
    Rule,
    RuleRecord,
    RulesOutcome,
)
from evalkit.rules.nodes import Node, Value, ValueType
from evalkit.rules.parser import parse_expression
from evalkit.rules.reader import parse_rules
from evalkit.rules.schema import RULES_SCHEMA
from evalkit.rules.templates import Template, parse_template, render_template
from evalkit.rules.view import STATUSES, EvaluationView

__all__ = [
    "BUILTIN_FUNCTIONS",
    "RULES_SCHEMA",
    "STATUSES",
    "AppliedEffects",
    "Effects",
    "EvaluationView",
    "ExpressionError",
    "ExpressionProblem",
    "Finding",
    "FindingTemplate",
    "LocalizedTemplate",
    "Names",
    "Node",
    "Param",
    "Rule",
    "RuleFailed",
    "RuleFunction",
    "RuleRecord",
    "RuleSkipped",
    "RulesOutcome",
    "Template",
    "Value",
    "ValueType",
    "apply_rules",
    "automatic_findings",
    "check_expression",
    "evaluate",
    "function_table",
    "parse_expression",
    "parse_rules",
    "parse_template",
    "render_template",
]
