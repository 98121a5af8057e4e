"""Install lines and the version: one version (claimlint.__version__), one distribution name
(claimlint-health: `claimlint` on PyPI is another project), and every install line in the README
and the examples agrees with both, so the instructions work as written once the tag exists."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from claimlint import __version__

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTION = "claimlint-health"


def test_distribution_name_is_not_the_other_projects_and_version_lives_in_one_place():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION
    assert "version" not in project and "version" in project["dynamic"]
    assert project["scripts"] == {"claimlint": "claimlint.cli:main"}


def test_readme_pre_commit_rev_is_the_release_tag():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme[readme.index(".pre-commit-config.yaml"):]
    rev = re.search(r"^\s*rev:\s*(\S+)", snippet, re.M)
    assert rev and rev.group(1) == f"v{__version__}"


def test_every_install_line_uses_the_distribution_name_and_this_version():
    lines = []
    for path in (ROOT / "README.md", *sorted((ROOT / "examples").iterdir())):
        lines += [(path.name, line) for line in path.read_text(encoding="utf-8").splitlines()
                  if "pip install" in line]
    assert lines
    for name, line in lines:
        if re.search(r"pip install -e ", line):  # the developer's checkout
            continue
        assert (f'"{DISTRIBUTION}=={__version__}"' in line
                or re.search(rf"git\+https://\S+@v{re.escape(__version__)}\b", line)), (name, line)
