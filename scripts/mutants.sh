#!/usr/bin/env bash
# Mutation testing of the core's rule files with cargo-mutants (docs/testing.md, "Mutation score").
#
# Usage: scripts/mutants.sh [FILE...]      (default: every rule file below)
#   e.g. scripts/mutants.sh core/src/trust.rs core/src/access.rs
# Environment: MUTANTS_TIMEOUT (seconds per test run, default 60), MUTANTS_JOBS (default 1),
#              MUTANTS_OUT (output directory, default target/mutants; each file gets its own
#              sub-directory with cargo-mutants' outcomes.json, caught.txt, missed.txt, ...),
#              MUTANTS_ITERATE=1 (test again only the mutants a previous run did not catch, and
#              add up: cargo-mutants --iterate; for checking new tests against the survivors).
#
# Only the fast test targets that can kill a rule mutant are run: the unit tests, the vector
# suites, the verifier and rule tests; the Reed-Solomon files add the identity-code suites. The
# slow property and external suites (parser_properties, ed25519_external, batch_equivalence) are
# left out: they test parsing and batching, not the rules, and they would triple the time of a run;
# so are the statistical identity-code suites unless MUTANTS_SLOW=1 (below).
# The core is built at opt-level 0 (the dev profile builds it at 3 for the identity-code and
# signature suites, which would triple the build time of every mutant; only MUTANTS_SLOW keeps 3,
# for the statistical identity-code suites), and without debug info
# (CARGO_PROFILE_DEV_DEBUG=0). The test targets are given to the build as well as to the test
# run (--cargo-arg), so a mutant builds only them.
set -euo pipefail
cd "$(dirname "$0")/.."

rule_files=(
  core/src/access.rs
  core/src/passport.rs
  core/src/history/rules.rs
  core/src/recall.rs
  core/src/history/custody.rs
  core/src/trust.rs
  core/src/envelope.rs
  core/src/attestation.rs
  core/src/verify/attestation.rs
  core/src/verify/authenticate.rs
  core/src/code/mod.rs
  core/src/code/rs.rs
)
files=("$@")
[ ${#files[@]} -eq 0 ] && files=("${rule_files[@]}")

rule_tests=(--lib --test=vectors --test=vectors_signed --test=history_vectors --test=verifier
  --test=passport_example --test=status_feed --test=limits --test=rules_pinned
  --test=seller_cannot_hide)
code_tests=(--test=code_properties)
# MUTANTS_SLOW=1: for code/ also the statistical suites (a minute a mutant at opt-level 0, half at
# 3): for the survivors of a first run (with MUTANTS_ITERATE=1).
slow_code_tests=(--test=code_detection --test=code_reliability)

out_root="${MUTANTS_OUT:-target/mutants}"
export CARGO_PROFILE_DEV_DEBUG=0
# A target directory of its own: cargo records the core's sources by paths relative to the
# package, so a mutant built from cargo-mutants' copy of the tree would otherwise look fresh to a
# later `cargo test` in the tree itself, which would then test the last mutant.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/mutants-build"
for file in "${files[@]}"; do
  tests=("${rule_tests[@]}")
  opt=0
  case "$file" in core/src/code/*)
    tests+=("${code_tests[@]}")
    [ "${MUTANTS_SLOW:-0}" = 1 ] && tests+=("${slow_code_tests[@]}") && opt=3 ;;
  esac
  cargo_args=(--cargo-arg="--config=profile.dev.package.hrid.opt-level=$opt")
  for t in "${tests[@]}"; do cargo_args+=(--cargo-arg="$t"); done
  out="$out_root/$(echo "$file" | tr / _)"
  mkdir -p "$out"
  echo "==> $file"
  start=$(date +%s)
  iterate=()
  [ "${MUTANTS_ITERATE:-0}" = 1 ] && iterate=(--iterate)
  cargo mutants "${iterate[@]}" --package hrid --file "$file" --jobs "${MUTANTS_JOBS:-1}" \
    --timeout "${MUTANTS_TIMEOUT:-60}" --baseline skip --output "$out" --no-shuffle \
    "${cargo_args[@]}" || true
  echo "==> $file: $(( $(date +%s) - start )) s"
  # The figures of docs/testing.md. With --iterate, cargo-mutants lists the mutants caught or
  # unviable before in previously_caught.txt: unviable ones are kept in unviable-all.txt to tell
  # them apart.
  # A fresh run starts its unviable list afresh (an earlier run's, kept only by --iterate, would
  # make this run's caught mutants look unviable).
  [ "${MUTANTS_ITERATE:-0}" = 1 ] || rm -f "$out/unviable-all.txt"
  (cd "$out" && touch unviable-all.txt && sort -u unviable-all.txt mutants.out/unviable.txt -o unviable-all.txt
     count() { cat "$@" 2>/dev/null | sort -u | grep -cvxFf unviable-all.txt || true; }
     caught=$(count mutants.out/caught.txt mutants.out/previously_caught.txt)
     missed=$(count mutants.out/missed.txt) timeout=$(count mutants.out/timeout.txt)
     echo "$file: caught $caught, missed $missed, unviable $(wc -l < unviable-all.txt)," \
       "timeout $timeout; score $(( 100 * caught / (caught + missed) ))% (caught / viable)")
done
