"""申报要素: parse and format the pipe-separated elements, labels, the leading codes."""

from __future__ import annotations

import pytest

from desktop_app.core import declaration_elements as de
from desktop_app.core.errors import BadInput


def test_parse_trims_and_keeps_empty_elements():
    assert de.parse(" 1 | 0 |用途:手机保护| 材质:TPU ||") == [
        "1",
        "0",
        "用途:手机保护",
        "材质:TPU",
        "",
        "",
    ]
    assert de.parse("") == [] and de.parse("   ") == [] and de.parse(None) == []


def test_format_is_the_inverse_of_parse():
    text = "0|0|用途:厨房用|材质:不锈钢||GTIN:6901234567892"
    assert de.format(de.parse(text)) == text
    assert de.format([" 1", "0 ", ""]) == "1|0|"


@pytest.mark.parametrize("bad", ["a|b", "line\nbreak"])
def test_format_refuses_a_separator_inside_an_element(bad):
    with pytest.raises(BadInput, match="element 3"):
        de.format(["0", "0", bad])


def test_labelled_splits_label_and_value():
    pairs = de.labelled(["0", "材质:TPU", "品牌：NUVELO", "型号:A:1", "无标签"])
    assert pairs == [
        ("", "0"),
        ("材质", "TPU"),
        ("品牌", "NUVELO"),
        ("型号", "A:1"),
        ("", "无标签"),
    ]


def test_leading_codes_checks_and_rewrites():
    assert de.check_leading_codes("1|0|材质:TPU", 1, 0) is None
    assert de.check_leading_codes("", 3, 2) is None
    reason = de.check_leading_codes("0|0|材质:TPU", 1, 0)
    assert reason is not None and "1|0" in reason and "'0|0'" in reason
    assert de.check_leading_codes("1", 1, 0) is not None, "the 享惠 element is missing"
    assert de.with_leading_codes(["0", "0", "材质:TPU"], 3, 1) == ["3", "1", "材质:TPU"]
    assert de.with_leading_codes(["材质:TPU"], 0, 2) == ["0", "2", "材质:TPU"]
    assert de.leading_codes(["1"]) == ("1", None)
