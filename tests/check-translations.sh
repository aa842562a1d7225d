#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable strings is in po/POTFILES.in, and po/zh_CN.po
# translates every string of today's sources: none missing, none fuzzy.
set -euo pipefail
cd "${1:?source root}"

status=0
missing=$( { grep -lE '\b(N?_|C_|NC_)\s*\(' src/*.c src/*/*.c; grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui; } \
           | sort -u | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
if [ -n "$missing" ]; then
  echo "po/POTFILES.in lacks: $missing"
  status=1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2046
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 -o "$tmp/jiebang.pot" \
  $(grep -v '^#' po/POTFILES.in | sed '/^\s*$/d')
msgmerge -q --no-fuzzy-matching po/zh_CN.po "$tmp/jiebang.pot" -o "$tmp/zh_CN.po"
stats=$(msgfmt -c --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1)
echo "zh_CN: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) status=1 ;;
esac
exit $status
