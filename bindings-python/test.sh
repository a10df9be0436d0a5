#!/usr/bin/env bash
# Build and test the Python binding from a fresh machine:
#   1. create (or reuse) the repository's .venv with python3 -m venv;
#   2. install the pinned tools (requirements-dev.txt);
#   3. regenerate python/hrid/_types.py from docs/schema and test-vectors/reason-codes.json and
#      fail when it differs from the committed file (git diff --exit-code);
#   4. build and install the package exactly as users do: pip install ./bindings-python
#      (maturin is the PEP 517 backend; a release build of the Rust extension);
#   5. mypy --strict over the installed package and stubtest of the extension against its stubs;
#   6. run pytest (test vectors, external Ed25519 vectors, error paths, typed usage, and stubtest
#      and mypy --strict again as tests).
# Usage: bindings-python/test.sh [pytest args]   (CI=true: missing vector files are failures)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
export HRID_SHARED_VECTORS="${HRID_SHARED_VECTORS:-$root/../shared/vectors}"

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
py=.venv/bin/python
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet -r bindings-python/requirements-dev.txt

echo "==> generated types: bindings-python/scripts/generate_types.py, then git diff --exit-code"
"$py" bindings-python/scripts/generate_types.py
git diff --exit-code -- bindings-python/python/hrid/_types.py

echo "==> pip install ./bindings-python"
"$py" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
"$py" -c 'import hrid; print("hrid", hrid.__version__, "from", hrid.__file__)'

echo "==> mypy --strict -p hrid; mypy.stubtest hrid (the installed package)"
"$py" -m mypy --strict -p hrid
"$py" -m mypy.stubtest hrid --allowlist bindings-python/tests/stubtest-allowlist.txt

echo "==> pytest bindings-python"
# Run from the repository root so that `hrid` is the installed package. pytest exits 5 when it
# collects no test: treat that as the failure it is, never as a pass.
status=0
"$py" -m pytest bindings-python -q -rs "$@" || status=$?  # -rs: skipped tests listed by name
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
