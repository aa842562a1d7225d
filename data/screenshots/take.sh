#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the screenshots that the AppStream metadata shows (data/screenshots/
# *.png): the window with the sample year loaded, on the dashboard and on the
# demands, in English and in Chinese, each in a private X server.
#
#   data/screenshots/take.sh [JIEBANG]     (default: build/src/jiebang)
#
# Needs xvfb, xauth, xdotool, imagemagick, fonts-noto-cjk and the zh_CN.UTF-8
# locale.  The page and the window size are set through a private GSettings
# key file, so no key needs pressing; the PNGs are stripped of their dates so
# that taking them again changes only what the window shows.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jiebang=${1:-$root/build/src/jiebang}
sample=$root/data/sample/jiebang-sample.xml
for tool in Xvfb xdotool import convert; do
  command -v "$tool" >/dev/null || { echo "take.sh: $tool is missing" >&2; exit 2; }
done

tmp=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$jiebang" --db "$tmp/sample.db" --import "$sample" >/dev/null

display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
  display=$((display + 1))
done
Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
export DISPLAY=":$display"

# shoot LOCALE PAGE OUT.png
shoot() {
  local locale=$1 page=$2 out=$3 config="$tmp/config-$1-$2"
  mkdir -p "$config/glib-2.0/settings" "$config/gtk-4.0"
  # Without a settings daemon GTK hints glyphs fully, which breaks the strokes
  # of small Chinese characters; a desktop hints them slightly.
  printf '[Settings]\ngtk-xft-hintstyle=hintslight\ngtk-xft-antialias=1\n' \
    > "$config/gtk-4.0/settings.ini"
  cat > "$config/glib-2.0/settings/keyfile" <<EOF
[io/github/jiebang/Jiebang]
last-page='$page'
window-width=1280
window-height=720
paned-position=620
EOF
  env GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$config" \
      XDG_DATA_HOME="$tmp/data" LC_ALL="$locale" LANGUAGE="${locale%%.*}" \
      "$jiebang" --db "$tmp/sample.db" >"$tmp/log" 2>&1 &
  app_pid=$!
  local window
  window=$(xdotool search --sync --onlyvisible --pid "$app_pid" | head -1)
  # Wait for the first frame (a busy machine draws late), let the charts and
  # the table fill in; on a table, open its first record.
  for _ in $(seq 40); do
    import -window "$window" "$tmp/shot.png"
    [ "$(identify -format %k "$tmp/shot.png")" -lt 64 ] || break
    sleep 0.5
  done
  sleep 2
  if [ "$page" != dashboard ]; then
    xdotool mousemove --window "$window" 400 134 click 1
    sleep 1
  fi
  import -window "$window" "$tmp/shot.png"
  convert "$tmp/shot.png" -strip -define png:exclude-chunks=date,time "$out"
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=
  echo "take.sh: $out"
}

shoot C.UTF-8 dashboard "$here/dashboard-en.png"
shoot zh_CN.UTF-8 dashboard "$here/dashboard-zh_CN.png"
shoot C.UTF-8 demands "$here/demands-en.png"
shoot zh_CN.UTF-8 demands "$here/demands-zh_CN.png"
