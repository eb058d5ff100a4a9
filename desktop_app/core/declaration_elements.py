"""申报要素: the pipe-separated declaration elements of a SKU, parsed, checked and written back.

For exports the first two elements are the 品牌类型 (brand type, 0–4) and the 出口享惠情况
(export preference, 0–3); the rest follow the tariff line's element list, often written as
"label:value" (材质:TPU). Empty elements keep their place: customs reads them by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop_app.core.errors import BadInput

SEPARATOR = "|"
BRAND_TYPES: dict[int, str] = {
    0: "无品牌",
    1: "境内自主品牌",
    2: "境内收购品牌",
    3: "境外品牌(贴牌生产)",
    4: "境外品牌(其他)",
}
PREFERENCES: dict[int, str] = {
    0: "出口货物在最终目的国(地区)不享受优惠关税",
    1: "出口货物在最终目的国(地区)享受优惠关税",
    2: "出口货物不能确定在最终目的国(地区)享受优惠关税",
    3: "不适用于进口报关单",
}
# Full-width colons come from Chinese input methods as often as ASCII ones.
_LABEL = re.compile(r"^([^:：]{1,30})[:：](.*)$", re.DOTALL)


def parse(text: str | None) -> list[str]:
    """'0|0|材质:TPU|' → ['0', '0', '材质:TPU', '']; empty text has no elements."""
    if text is None or not text.strip():
        return []
    return [part.strip() for part in text.split(SEPARATOR)]


def format(elements: Sequence[str]) -> str:
    """The pipe-separated text of the elements; an element holding '|' is refused."""
    cleaned = []
    for position, element in enumerate(elements, start=1):
        element = (element or "").strip()
        if SEPARATOR in element:
            raise BadInput(f"申报要素 element {position} {element!r} must not contain '|'")
        if "\n" in element or "\r" in element:
            raise BadInput(f"申报要素 element {position} {element!r} must be one line")
        cleaned.append(element)
    return SEPARATOR.join(cleaned)


def labelled(elements: Sequence[str]) -> list[tuple[str, str]]:
    """('材质', 'TPU') for '材质:TPU'; ('', text) for an element without a label."""
    pairs = []
    for element in elements:
        match = _LABEL.match(element)
        if match and match.group(1).strip():
            pairs.append((match.group(1).strip(), match.group(2).strip()))
        else:
            pairs.append(("", element))
    return pairs


def leading_codes(elements: Sequence[str]) -> tuple[str | None, str | None]:
    """The first two elements as written (brand type, 享惠), None where missing."""
    first = elements[0] if len(elements) > 0 else None
    second = elements[1] if len(elements) > 1 else None
    return first, second


def with_leading_codes(elements: Sequence[str], brand_type: int, preference: int) -> list[str]:
    """The elements with the first two set to brand type | 享惠 (added if missing).

    An old text that starts with a labelled element (材质:TPU) has no leading codes; they are
    put in front of it rather than written over it.
    """
    rest = list(elements)
    first, second = leading_codes(rest)
    if _is_code(first) and _is_code(second):
        rest = rest[2:]
    elif _is_code(first):
        rest = rest[1:]
    return [str(brand_type), str(preference), *rest]


def check_leading_codes(text: str | None, brand_type: int, preference: int) -> str | None:
    """None when the text is empty or starts with brand type | 享惠; else why not."""
    elements = parse(text)
    if not elements:
        return None
    expected = f"{brand_type}|{preference}"
    first, second = leading_codes(elements)
    if first != str(brand_type) or second != str(preference):
        shown = SEPARATOR.join(e for e in (first, second) if e is not None)
        return (
            f"must start with 品牌类型|享惠 {expected} (brand type | export preference), "
            f"not {shown!r}"
        )
    return None


def _is_code(element: str | None) -> bool:
    return element is not None and len(element) == 1 and element.isdigit()
