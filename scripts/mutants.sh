#!/usr/bin/env bash
# Mutation testing of the modules where a defect would lose or misstate the user's work:
# the state file, the export, dates, folding and quote matching, field validation, and
# the editing core's writing of case.json and undo. Each mutant (a small change to the
# code: `<` for `<=`, a deleted `!`, a function body replaced by a default) is built and
# tested; a mutant no test fails on is a gap in the tests, unless it behaves exactly as
# the code does (listed in scripts/mutants-equivalent.md).
#
# The files are run in groups, each with only the test targets that cover it: every
# other target would add a link and a run to each of several hundred builds.
#
# Not in CI: a full run takes hours on two cores. Run it before changing what these
# files guarantee, and nice it on a shared machine:
#
#   nice -n 10 scripts/mutants.sh                    # every group, one after another
#   nice -n 10 scripts/mutants.sh dates state        # some groups
#   nice -n 10 scripts/mutants.sh dates --iterate    # skip mutants caught last time
#   scripts/mutants.sh --list                        # what would be tried
#
# Groups: state export dates fold loader edit. Options (anything starting with `-`) go
# to cargo-mutants (`cargo install --locked cargo-mutants`). Results per group:
# target/mutants/GROUP/mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt,
# outcomes.json); a summary line per group at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

GROUPS_ALL=(state export dates fold loader edit)

# The files of a group (cargo-mutants globs, matched against the whole path).
files() {
  case "$1" in
    state) echo 'src/state/**/*.rs' ;;
    export) echo 'src/export/**/*.rs' ;;
    dates) echo 'src/case/date.rs' ;;
    fold) echo 'src/case/fold.rs' ;;
    loader) echo 'src/case/load/validate/quotes.rs src/case/load/validate/checks.rs' ;;
    # The editing core: what is written to case.json, and undo.
    edit) echo 'src/case/edit/save.rs src/case/edit/layout.rs src/case/edit/document.rs src/case/edit/apply.rs src/case/edit/session.rs' ;;
    *) return 1 ;;
  esac
}

# The test targets that cover a group's files (the library's unit tests always).
tests() {
  case "$1" in
    # export_output: `caseboard export` reads the state file; hostile_files: a state
    # path that is not a regular file, a file the user made read-only.
    state) echo 'state_store state_unreadable state_crash state_env state_lock state_props state_model state_filters export_output hostile_files' ;;
    export) echo 'export_golden export_output export_props hostile_output' ;;
    dates) echo 'dates loader_events export_golden state_filters' ;;
    fold) echo 'loader_quotes mentions_props search_ranking' ;;
    loader) echo 'loader_quotes loader_events loader_sources loader_props check_fixtures hostile_files bundled_case' ;;
    edit) echo 'edit_core edit_external edit_props edit_refusals edit_cli authoring_example' ;;
    *) return 1 ;;
  esac
}

groups=()
opts=()
for a in "$@"; do
  case "$a" in
    -*) opts+=("$a") ;;
    *)
      if ! files "$a" >/dev/null; then
        echo "unknown group: $a (groups: ${GROUPS_ALL[*]})" >&2
        exit 2
      fi
      groups+=("$a")
      ;;
  esac
done
[ ${#groups[@]} -gt 0 ] || groups=("${GROUPS_ALL[@]}")

# A target directory of its own that outlives each run: the dependencies are built once,
# not once per run in the scratch copy cargo-mutants makes of the tree.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/mutants-build}"

summary=()
status=0
for g in "${groups[@]}"; do
  args=()
  for f in $(files "$g"); do args+=(--file "$f"); done
  # Passed as cargo arguments, not after `--`: cargo-mutants gives those to the test run
  # only, and the build before it would then build every test target.
  args+=(--cargo-arg=--lib)
  for t in $(tests "$g"); do args+=("--cargo-arg=--test" "--cargo-arg=$t"); done
  out="target/mutants/$g"
  mkdir -p "$out"
  echo "== $g: $(files "$g")" >&2
  code=0
  cargo mutants --output "$out" --copy-target=false "${args[@]}" "${opts[@]}" || code=$?
  # 0: all caught; 2: some missed; 3: some timed out; anything else: it did not run.
  # The first group that did not end with 0 sets the exit status.
  if [ "$code" != 0 ] && [ "$status" = 0 ]; then status=$code; fi
  dir="$out/mutants.out"
  count() { [ -f "$dir/$1.txt" ] && wc -l <"$dir/$1.txt" | tr -d ' ' || echo 0; }
  if [ -f "$dir/outcomes.json" ]; then
    summary+=("$g: caught $(count caught), missed $(count missed), timeout $(count timeout), unviable $(count unviable)")
  fi
done
printf '%s\n' "${summary[@]}" >&2
exit "$status"
