"""result.xlsx read back: sheets, values as numbers, the report's language."""

from __future__ import annotations

import openpyxl

from tests.report.conftest import Rendered


def test_workbook_sheets_and_values(rendered: Rendered) -> None:
    book = openpyxl.load_workbook(rendered.path("xlsx"))
    if rendered.locale == "en":
        assert book.sheetnames == [
            "Metrics", "Segments", "Criteria and weights", "AHP", "Findings", "Data quality"
        ]  # fmt: skip
    else:
        assert book.sheetnames == ["指标", "细分", "维度与权重", "AHP", "发现与建议", "数据质量"]
    metrics = list(book.worksheets[0].iter_rows(values_only=True))
    rows = {r[0]: r for r in metrics[1:]}
    assert len(rows) == 12
    csat = rows["csat"]
    assert csat[1] == ("客户满意度" if rendered.locale == "zh-CN" else "Customer satisfaction")
    assert csat[5] == 0.912 and csat[6] == 0.95 and csat[7] == 0.8
    assert rows["iot_monitoring_coverage"][16].startswith("division by zero")
    segments = list(book.worksheets[1].iter_rows(values_only=True))[1:]
    assert ("csat", csat[1], "segment", "B2B", 0.935, 90) in segments
    criteria = {r[0]: r for r in book.worksheets[2].iter_rows(values_only=True)}
    assert criteria["service_quality"][3] == 0.352 and criteria["service_quality"][5] == 81.4
    ahp = [r for r in book.worksheets[3].iter_rows(values_only=True) if any(r)]
    assert any(0.1641 in r for r in ahp)
    assert len(list(book.worksheets[4].iter_rows())) == 1 + 5
    quality = list(book.worksheets[5].iter_rows(values_only=True))
    assert quality[1] == (
        "tickets",
        "first_response_time",
        "first_response_at before created_at",
        37,
    )
