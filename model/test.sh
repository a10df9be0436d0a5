#!/usr/bin/env bash
# The reference model's tests, from a fresh machine:
#   1. create (or reuse) the repository's .venv;
#   2. install the pinned tools (model/requirements.txt);
#   3. build and install the binding from ./bindings-python (a release build of the core;
#      CARGO_TARGET_DIR is honoured, so a shared target directory builds once);
#   4. mypy --strict over model/, then pytest model/ (HYPOTHESIS_PROFILE=ci: a bounded number of
#      worlds; HYPOTHESIS_PROFILE=deep or model/run_deep.sh for many more).
# Exits non-zero on a failure, and when pytest collected no test.
# Usage: model/test.sh [pytest args]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
py=.venv/bin/python
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet -r model/requirements.txt
echo "==> pip install ./bindings-python"
"$py" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
echo "==> mypy --strict model"
(cd model && "../$py" -m mypy --strict --no-error-summary hrid_model tests conftest.py)
echo "==> pytest model"
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
status=0
(cd model && "../$py" -m pytest -q -rs -p no:cacheprovider "$@") || status=$?  # -rs: skips named
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
