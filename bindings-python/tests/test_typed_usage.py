"""Results are typed: tests/typed_usage.py (reports, their fields, the generated TypedDicts of
hrid._types) passes ``mypy --strict``, whose unused-ignore check also proves that each
deliberate mistake there is caught."""

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def test_typed_usage_passes_mypy_strict():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(HERE / "typed_usage.py")],
        capture_output=True,
        text=True,
        cwd=HERE.parent.parent,  # not bindings-python: type-check against the installed package
    )
    assert result.returncode == 0, result.stdout + result.stderr
