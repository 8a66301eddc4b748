"""The door loads its names on first use (issue 26): each public name is the object its home
module defines, the package imports only ``jobs`` with it, and a submodule imported first never
hides the function of its name (``rectification``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import gik_desk.services as services


def _fresh(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_every_public_name_resolves_to_its_home_object() -> None:
    from gik_desk.jobs import CancelToken
    from gik_desk.services.keying import CHANGED
    from gik_desk.services.review import ReviewSession
    from gik_desk.workspace.actions import Touched
    from gik_desk.workspace.errors import WorkspaceError

    for name in services.__all__:
        assert getattr(services, name) is not None, name
    assert services.ReviewSession is ReviewSession
    assert services.WorkspaceError is WorkspaceError
    assert services.CancelToken is CancelToken
    assert services.KEYED_CHANGED == CHANGED == "已变化"
    assert services.Changed is Touched
    assert sorted(dir(services)) == sorted(services.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        services.no_such_name  # noqa: B018


def test_importing_the_package_loads_no_workspace_pool_or_reader() -> None:
    code = (
        "import json, sys\n"
        "import gik_desk.services\n"
        "heavy = ('gik_desk.workspace', 'gik_desk.pool', 'gik_desk.original', "
        "'gik_desk.services.review', 'gik_desk.services.batch', 'multiprocessing')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    assert _fresh(code) == []


def test_a_submodule_imported_first_keeps_the_function_of_its_name() -> None:
    code = (
        "import json\n"
        "import gik_desk.services.rectification\n"  # binds the module on the package first
        "from gik_desk import services\n"
        "print(json.dumps([callable(services.rectification), "
        "type(services.rectification).__name__]))\n"
    )
    assert _fresh(code) == [True, "function"]
