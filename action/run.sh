#!/usr/bin/env bash
# The script of claimcheck's GitHub Action (action.yml): validate, then conflicts, each printed as
# annotations, and SARIF files written for code scanning when asked. Inputs arrive as environment
# variables (CLAIMCHECK_*), never pasted into the script's text, so no input can run as code.
# Exit: 0 when every check passes, else the first failing command's code (1 findings or
# conflicts, 2 a usage error or an unreadable registry, 4 output that cannot be written).
set -u

registry=${CLAIMCHECK_REGISTRY:-}
conflicts=${CLAIMCHECK_CONFLICTS:-true}
fail_on=${CLAIMCHECK_FAIL_ON:-conflict}
sarif_dir=${CLAIMCHECK_SARIF_DIR:-}

fail_usage() { echo "claimcheck action: $1" >&2; exit 2; }
case "$conflicts" in true|false) ;; *) fail_usage "conflicts must be true or false, not '$conflicts'" ;; esac
case "$fail_on" in conflict|tension) ;; *) fail_usage "fail-on must be conflict or tension, not '$fail_on'" ;; esac

target=()
if [ -n "$registry" ]; then target=("$registry"); fi
status=0
keep_first() { if [ "$status" -eq 0 ]; then status=$1; fi; }

code=0; claimcheck validate --format github "${target[@]}" || code=$?; keep_first "$code"
if [ "$conflicts" = true ]; then
  code=0; claimcheck conflicts --format github --fail --fail-on "$fail_on" "${target[@]}" || code=$?
  keep_first "$code"
fi
if [ -n "$sarif_dir" ]; then
  mkdir -p "$sarif_dir" || fail_usage "cannot create the SARIF folder $sarif_dir"
  code=0; claimcheck validate --format sarif --exit-zero "${target[@]}" > "$sarif_dir/findings.sarif" || code=$?
  keep_first "$code"
  if [ "$conflicts" = true ]; then
    code=0; claimcheck conflicts --format sarif --exit-zero "${target[@]}" > "$sarif_dir/conflicts.sarif" || code=$?
    keep_first "$code"
  fi
fi
exit "$status"
