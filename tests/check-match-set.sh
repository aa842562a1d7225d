#!/usr/bin/env bash
# The labelled matching set in tests/match-set/ is what its generator writes:
# nobody edited the output by hand, and the vocabulary and the files agree.
set -euo pipefail
python=${1:?python3}
dir=${2:?tests/match-set}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PYTHONDONTWRITEBYTECODE=1 "$python" "$dir/make-match-set.py" "$out" 2>/dev/null
status=0
for f in match-set.xml match-labels.tsv; do
  cmp -s "$out/$f" "$dir/$f" || { echo "$dir/$f differs from what make-match-set.py writes"; status=1; }
done
[ $status -eq 0 ] && echo "tests/match-set/ is what make-match-set.py writes"
exit $status
