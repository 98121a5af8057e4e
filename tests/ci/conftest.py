import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pre_commit: runs `pre-commit try-repo` (slow, installs from the package index); "
        "in the default run, deselect with -m 'not pre_commit'")
