from evalkit.spec.merge import merge_documents
from evalkit.yamldoc import load_yaml_text

BASE = """\
evaluation:
  title: {en: Base, zh: 基础}
  locale: zh-CN
metrics:
  csat: {target: {goal: 0.95, red_flag: 0.8}}
  nps: {target: {goal: 50, red_flag: 0}}
report:
  formats: [json, pdf]
"""
OVER = """\
evaluation:
  title: {en: Client}
metrics:
  nps: null
  csat: {target: {goal: 0.9}}
report:
  formats: [json]
"""


def test_mappings_merge_lists_replace_null_removes() -> None:
    merged = merge_documents(load_yaml_text(BASE, "base.yaml"), load_yaml_text(OVER, "spec.yaml"))
    assert merged.data == {
        "evaluation": {"title": {"en": "Client", "zh": "基础"}, "locale": "zh-CN"},
        "metrics": {"csat": {"target": {"goal": 0.9, "red_flag": 0.8}}},
        "report": {"formats": ["json"]},
    }


def test_values_keep_the_location_of_the_file_they_came_from() -> None:
    merged = merge_documents(load_yaml_text(BASE, "base.yaml"), load_yaml_text(OVER, "spec.yaml"))
    assert str(merged.where(("metrics", "csat", "target", "goal"))) == "spec.yaml:5:25"
    assert str(merged.where(("metrics", "csat", "target", "red_flag"))) == "base.yaml:5:41"
    assert str(merged.where(("evaluation", "locale"))) == "base.yaml:3:11"
    assert str(merged.where(("report", "formats", 0))) == "spec.yaml:7:13"
