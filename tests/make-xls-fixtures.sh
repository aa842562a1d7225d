#!/usr/bin/env bash
# Makes tests/sheets/demands.xls, the .xls fixture of test-sheet, once: the
# test writes the collection sheet as .xlsx (the same rows every other format
# gets) and LibreOffice saves it as Excel 97-2003 (BIFF8), as a district's
# office would.  The result is committed; CI never runs this script and
# needs no LibreOffice.
#   apt-get install libreoffice-calc-nogui
#   meson compile -C build && tests/make-xls-fixtures.sh build
set -euo pipefail
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/test-sheet" --write-xlsx "$tmp/demands.xlsx"
HOME="$tmp" soffice --headless --norestore --convert-to xls:"MS Excel 97" --outdir "$tmp" \
  "$tmp/demands.xlsx" >/dev/null
cp "$tmp/demands.xls" "$src/tests/sheets/demands.xls"
echo "wrote tests/sheets/demands.xls"
