"""Issue 28: a team target as the connect dialog builds it (never a password). Opening one is
the team store's (tests/unit/workspace/team: an unreachable server named, a password stripped)."""

from __future__ import annotations

import pytest

from gik_desk import services


def test_the_fields_build_a_target_without_a_password() -> None:
    target = services.team_target(" db.office.lan ", "5433", "gik_2024", "li_shen")
    assert target.url == "postgresql://li_shen@db.office.lan:5433/gik_2024"
    assert services.team_target("10.0.0.5", "", "gik", "wang").url == (
        "postgresql://wang@10.0.0.5:5432/gik"
    )
    assert services.parse_target(target.url) == target


@pytest.mark.parametrize(
    ("host", "port", "db", "role", "said"),
    [
        ("", "5432", "gik", "li", "请填写服务器地址"),
        ("db lan", "5432", "gik", "li", "服务器地址「db lan」含有不能用的字符"),
        ("db", "54x", "gik", "li", "端口「54x」不是数字"),
        ("db", "70000", "gik", "li", "端口 70000 不在 1–65535 之间"),
        ("db", "5432", "", "li", "请填写数据库名称"),
        ("db", "5432", "gik;drop", "li", "数据库名称「gik;drop」含有不能用的字符"),
        ("db", "5432", "gik", "", "请填写用户名"),
        ("db", "5432", "gik", "li:pw", "用户名「li:pw」含有不能用的字符"),
    ],
)
def test_a_wrong_field_is_named(host: str, port: str, db: str, role: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        services.team_target(host, port, db, role)


def test_a_target_carrying_a_password_is_refused_and_never_shown() -> None:
    url = "postgresql://li:s3cret@db:5432/gik"
    with pytest.raises(ValueError, match="密码"):
        services.parse_target(url)
    assert "s3cret" not in services.safe_url(url)
    assert services.is_team_url("postgresql://li@db/gik")
    assert not services.is_team_url("/home/li/审核.gikdb")
