"""Issue 28: a team target as the connect dialog builds it (never a password), and opening one
in a build without the PostgreSQL store (one clear message, naming the server)."""

from __future__ import annotations

import pytest

from gik_desk import services
from gik_desk.services import ReviewSession, WorkspaceError


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
    assert "s3cret" not in services.shown_target(url)
    assert services.is_team_target(" postgresql://li@db/gik")
    assert not services.is_team_target("/home/li/审核.gikdb")


def test_opening_a_team_target_says_this_build_lacks_it(tmp_path: object) -> None:
    session = ReviewSession("李审核")
    with pytest.raises(WorkspaceError) as refused:
        session.open("postgresql://li@db.office.lan:5433/gik")
    assert refused.value.code == "team-unavailable"
    assert "db.office.lan:5433/gik" in refused.value.message
    assert "不含 PostgreSQL 团队工作区支持" in refused.value.message
    assert session.workspace is None


def test_a_password_in_a_target_is_refused_before_any_connection() -> None:
    session = ReviewSession("李审核")
    for url in ("postgresql://li:s3cret@db/gik", "postgresql://li@db/gik?password=s3cret"):
        with pytest.raises(WorkspaceError) as refused:
            session.open(url)
        assert refused.value.code == "team-target"
        assert "s3cret" not in refused.value.message
        assert "pgpass" in refused.value.message
