"""``pretty`` writes exactly what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes
(the audit file's bytes do not change with the faster writer), and falls back to it for the
values it does not handle itself, errors included."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from gik_desk.export.json import pretty


def _stdlib(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)


class _Kind(StrEnum):
    A = "甲"


@pytest.mark.parametrize(
    "doc",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"span": [12, 15], "raw": "7710(次)", "derived": False, "fill": "number", "x": None},
        {"values": [0, -3, 10**20, 1.5, -0.0, 1e16, 1e-7, 104367.118823, True, False]},
        {"text": '引号"与\\反斜杠\n换行\t制表\u0001控制\u2028分隔 —— 天桥区'},
        ("元组", ("嵌套", 1)),
        [[[[[[["深"]]]]]]],
        {"enum": _Kind.A, "tuple_key_free": 1},
        "只有一个字符串",
        42,
        None,
    ],
)
def test_pretty_is_byte_identical_to_json_dumps(doc: object) -> None:
    assert pretty(doc) == _stdlib(doc)


def test_pretty_non_str_keys_and_deep_nesting_fall_back_to_the_stdlib() -> None:
    assert pretty({1: "一", 2.5: "二", None: "三"}) == _stdlib({1: "一", 2.5: "二", None: "三"})
    deep: list[object] = []
    node = deep
    for _ in range(100):
        child: list[object] = []
        node.append(child)
        node = child
    assert pretty(deep) == _stdlib(deep)


def test_pretty_refuses_nan_like_the_stdlib() -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        pretty({"v": float("nan")})
    with pytest.raises(TypeError):
        pretty({"v": object()})


@pytest.mark.parametrize(
    "doc",
    [
        # the format-string path (issue 26): a "%" in a key, one key tuple at two depths,
        # flat lists and tuples inside a leaf dict, an empty list beside scalars
        {"100%": 1, "%s": "%d", "a%%b": [1, "%"]},
        {"k": {"k": 1}, "list": [{"k": 1}, {"k": 2}], "deep": [[{"k": 1}]]},
        {"span": (3, 4), "alternatives": [1.5, None, True], "unit": "件", "empty": []},
        [{"x": [1, [2]]}, {"x": [1, {"y": 2}]}],
    ],
)
def test_pretty_leaf_dicts_are_byte_identical_to_json_dumps(doc: object) -> None:
    assert pretty(doc) == _stdlib(doc)


def test_a_leaf_dict_holding_nan_raises_as_the_stdlib_does() -> None:
    with pytest.raises(ValueError, match="Out of range float values"):
        pretty({"value": float("nan"), "raw": "x"})


@pytest.mark.parametrize(
    "cell_args",
    [
        {"value": 7710, "raw": "7710(次)", "span": (12, 16)},
        {"value": None, "raw": "—", "span": None, "fill": "dash"},
        {"value": 1.5, "raw": '1.5"万"', "span": (0, 3), "unit": "万件", "derived": True},
        {"value": 12, "raw": "1 2", "span": (3, 6), "alternatives": (12, 3.25, -0.0)},
    ],
)
def test_a_cell_info_written_straight_to_text_equals_the_general_writer(
    cell_args: dict[str, object],
) -> None:
    """``dumps`` writes each cell's info as text at its depth (issue 26): same bytes."""
    from gik_desk.export.json import _cell_info_text, cell_info
    from gik_desk.model import Cell, Fill, Span

    args = dict(cell_args)
    span = args.pop("span")
    fill = Fill(args.pop("fill", "number"))
    cell = Cell("表二", "r1", "c1", span=Span(*span) if span else None, fill=fill, **args)  # type: ignore[arg-type]
    plain = {"reports": [{"cell_info": {"表二/r1/c1": cell_info(cell), "x": 1}}]}
    text = {"reports": [{"cell_info": {"表二/r1/c1": _cell_info_text(cell), "x": 1}}]}
    out: list[str] = []
    from gik_desk.export.json import _infos_text, _pretty

    _pretty(text, out, 0)
    assert "".join(out) == _stdlib(plain)
    whole = {"reports": [{"cell_info": _infos_text({"表二/r1/c1": _cell_info_text(cell)})}]}
    out = []
    _pretty(whole, out, 0)
    assert "".join(out) == _stdlib({"reports": [{"cell_info": {"表二/r1/c1": cell_info(cell)}}]})
