#!/usr/bin/env bash
# Mutation testing of the modules where a defect would lose or misstate the user's work:
# the state file, the export, dates, quote matching, field validation, and the editing
# core's writing of case.json and undo. Each mutant
# (a small change to the code: `<` for `<=`, a deleted `!`, a function body replaced by
# a default) is built and tested; a mutant no test fails on is a gap in the tests, unless
# it behaves exactly as the code does (listed in scripts/mutants-equivalent.md).
#
# Not in CI: a full run takes about an hour on two cores. Run it before changing what
# these files guarantee, and nice it on a shared machine:
#
#   nice -n 10 scripts/mutants.sh                      # everything below
#   nice -n 10 scripts/mutants.sh -f src/case/date.rs  # one file (replaces the list)
#   nice -n 10 scripts/mutants.sh --iterate            # skip mutants caught last time
#   scripts/mutants.sh --list                          # what would be tried
#
# Other options go to cargo-mutants (`cargo install --locked cargo-mutants`). Results:
# target/mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt, outcomes.json).
set -euo pipefail
cd "$(dirname "$0")/.."

# Files to mutate (cargo-mutants globs, matched against the whole path).
FILES=(
  'src/state/**/*.rs'
  'src/export/**/*.rs'
  'src/case/date.rs'
  'src/case/fold.rs'
  'src/case/load/validate/quotes.rs'
  'src/case/load/validate/checks.rs'
  # The editing core: what is written to case.json, and undo.
  'src/case/edit/save.rs'
  'src/case/edit/layout.rs'
  'src/case/edit/document.rs'
  'src/case/edit/apply.rs'
  'src/case/edit/session.rs'
)

# The test targets that cover those files. Only these are built and run for each mutant:
# every other target would add a link and a run to each of several hundred builds.
TESTS=(
  --lib
  --test state_store --test state_unreadable --test state_crash --test state_env
  --test state_lock --test state_props --test state_model
  --test export_golden --test export_output --test export_props
  --test dates --test check_fixtures --test loader_quotes --test loader_events
  --test loader_props --test loader_sources
  --test edit_core --test edit_external --test edit_props --test edit_refusals --test edit_cli
)

# `-f` on the command line replaces the file list (to run one file at a time).
args=()
for a in "$@"; do
  case "$a" in -f | --file | -f* | --file=*) FILES=() ;; esac
done
for f in "${FILES[@]}"; do args+=(--file "$f"); done

# Passed as cargo arguments, not after `--`: cargo-mutants gives those to the test run
# only, and the build before it would then build every test target.
cargo_args=()
for t in "${TESTS[@]}"; do cargo_args+=("--cargo-arg=$t"); done

# A target directory of its own that outlives each run: the dependencies are built once,
# not once per run in the scratch copy cargo-mutants makes of the tree.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/mutants-build}"

exec cargo mutants \
  --output target \
  --copy-target=false \
  "${cargo_args[@]}" \
  "${args[@]}" "$@"
