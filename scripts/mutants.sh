#!/usr/bin/env bash
# Mutation testing of the core's rule files with cargo-mutants (docs/testing.md, "Mutation score").
#
# Usage: scripts/mutants.sh [FILE...]      (default: every rule file below)
#   e.g. scripts/mutants.sh core/src/trust.rs core/src/access.rs
# Environment: MUTANTS_TIMEOUT (seconds per test run, default 60), MUTANTS_JOBS (default 1),
#              MUTANTS_OUT (output directory, default target/mutants; each file gets its own
#              sub-directory with cargo-mutants' outcomes.json, caught.txt, missed.txt, ...).
#
# Only the fast test targets that can kill a rule mutant are run: the unit tests, the vector
# suites, the verifier and rule tests; the Reed-Solomon files add the identity-code suites. The
# slow property and external suites (parser_properties, ed25519_external, batch_equivalence) are
# left out: they test parsing and batching, not the rules, and they would triple the time of a run.
# The core is built at opt-level 0 for the rule files (the dev profile builds it at 3 for the
# identity-code and signature suites, which would triple the build time of every mutant; the
# Reed-Solomon files keep 3, as their suites need it), and without debug info
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
  --test=passport_example --test=status_feed --test=limits --test=rules_pinned)
code_tests=(--test=code_detection --test=code_properties --test=code_reliability)

out_root="${MUTANTS_OUT:-target/mutants}"
export CARGO_PROFILE_DEV_DEBUG=0
for file in "${files[@]}"; do
  tests=("${rule_tests[@]}")
  opt=0
  case "$file" in core/src/code/*) tests+=("${code_tests[@]}"); opt=3 ;; esac
  cargo_args=(--cargo-arg="--config=profile.dev.package.hrid.opt-level=$opt")
  for t in "${tests[@]}"; do cargo_args+=(--cargo-arg="$t"); done
  out="$out_root/$(echo "$file" | tr / _)"
  mkdir -p "$out"
  echo "==> $file"
  start=$(date +%s)
  cargo mutants --package hrid --file "$file" --jobs "${MUTANTS_JOBS:-1}" \
    --timeout "${MUTANTS_TIMEOUT:-60}" --baseline skip --output "$out" --no-shuffle \
    "${cargo_args[@]}" || true
  echo "==> $file: $(( $(date +%s) - start )) s"
  (cd "$out/mutants.out" && for k in caught missed unviable timeout; do
     printf '%s %s  ' "$k" "$(wc -l < "$k.txt")"; done; echo)
done
