"""The type stubs match the built binary (mypy.stubtest), and the package type-checks."""

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def test_stubtest_agrees_with_the_binary():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "hrid",
            "--allowlist",
            str(HERE / "stubtest-allowlist.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=HERE.parent.parent,  # not bindings-python: import the installed package
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_type_checks_strictly():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "-p", "hrid"],
        capture_output=True,
        text=True,
        cwd=HERE.parent.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
