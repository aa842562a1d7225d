#!/usr/bin/env bash
# The manual (data/jiebang.1) documents every long option that
# `jiebang --help-all` lists and the version that `jiebang --version` prints,
# and man reads it without a warning (what lintian checks in the package).
set -euo pipefail
exe=${1:?the jiebang program}
page=${2:?the manual page}

status=0
options=$(LC_ALL=C.UTF-8 "$exe" --help-all | grep -oE '^ +(-[[:alpha:]], )?--[a-z][a-z-]*' \
          | grep -oE -- '--[a-z][a-z-]*' | sort -u)
[ -n "$options" ] || { echo "no options in --help-all"; exit 1; }
count=0
for option in $options; do
  count=$((count + 1))
  # troff writes a minus sign as \-
  grep -qF -- "${option//-/\\-}" "$page" || { echo "$page lacks $option"; status=1; }
done
echo "$count long options of --help-all, each in $page"

version=$("$exe" --version | sed -n 's/^jiebang //p')
grep -qE "^\.TH .*\"jiebang $version\"" "$page" || { echo "$page is not of version $version"; status=1; }

if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
             man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null || true)
  [ -z "$warnings" ] || { echo "man warns: $warnings"; status=1; }
fi
exit $status
