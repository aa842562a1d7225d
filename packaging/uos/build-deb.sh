#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Jiebang a second time in the layout the deepin/UOS app store asks for
# (README.md, "deepin and UOS"): everything under /opt/apps/<appid>/, the
# program and its data in files/, what the desktop links into /usr/share in
# entries/, an info file, and no maintainer scripts.
#
#   packaging/uos/build-deb.sh [OUTDIR]     (default: dist/)
#
# Needs what the Debian package needs to build (apt-get build-dep .).  The
# result installs beside the Debian package: no file is shared.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)

# A Debian package name is lower case; the application keeps its own id for
# its desktop entry's icon, settings schema and GResources.
appid=io.github.jiebang.jiebang
version=$(sed -n "s/^  version: '\([0-9.]*\)',$/\1/p" "$root/meson.build")
store_version=$version.0          # the store wants MAJOR.MINOR.PATCH.BUILD
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
top=/opt/apps/$appid
deb="$out/${appid}_${store_version}_${arch}.deb"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
meson setup "$tmp/build" "$root" --prefix="$top/files" --buildtype=plain >/dev/null
meson compile -C "$tmp/build" >/dev/null
# With DESTDIR meson skips the post-install steps; the schema is compiled here
# below, because the store forbids a postinst that would do it.
DESTDIR="$tmp/root" meson install -C "$tmp/build" --strip --no-rebuild >/dev/null

files=$tmp/root$top/files
entries=$tmp/root$top/entries
glib-compile-schemas "$files/share/glib-2.0/schemas"
mkdir -p "$entries/icons" "$entries/mime"
# entries/: what deepin links into /usr/share.  The icons stay in files/ too:
# the program finds its own there (src/cli/jb-environment.c).
mv "$files/share/applications" "$entries/applications"
mv "$entries/applications/io.github.jiebang.Jiebang.desktop" \
   "$entries/applications/$appid.desktop"
sed -i "s|^Exec=jiebang|Exec=$top/files/bin/jiebang|" "$entries/applications/$appid.desktop"
cp -r "$files/share/icons/hicolor" "$entries/icons/"
mv "$files/share/mime/packages" "$entries/mime/packages"
rmdir "$files/share/mime"
mkdir -p "$files/doc"
cp "$root/debian/copyright" "$files/doc/copyright"

cat > "$tmp/root$top/info" <<JSON
{
  "appid": "$appid",
  "name": "Jiebang",
  "version": "$store_version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": false,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
JSON

mkdir -p "$tmp/root/DEBIAN"
depends=$(cd "$root" && dpkg-shlibdeps -O -e"$files/bin/jiebang" 2>/dev/null \
          | sed -n 's/^shlibs:Depends=//p')
cat > "$tmp/root/DEBIAN/control" <<CONTROL
Package: $appid
Version: $store_version
Architecture: $arch
Maintainer: Jiebang developers <jiebang@users.noreply.github.com>
Installed-Size: $(du -sk "$tmp/root/opt" | cut -f1)
Depends: dconf-gsettings-backend | gsettings-backend, $depends
Section: misc
Priority: optional
Homepage: https://github.com/jiebang/jiebang
Description: desk for technology managers who run open innovation challenges
 Jiebang (揭榜) keeps the innovation demands that enterprises publish, the
 solutions that take them up and the deals that follow.  This build follows
 the deepin/UOS app store's layout under $top.
CONTROL
(cd "$tmp/root" && find opt -type f -exec md5sum {} + | sort -k2) > "$tmp/root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$tmp/root" "$deb" >/dev/null
echo "$deb"
