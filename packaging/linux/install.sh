#!/usr/bin/env sh
# Install this Compliance Desk bundle for all users (as root) or for one user (otherwise):
#   ./install.sh            the folder stays where it is; a launcher, menu entry and icons
#                           are added to /usr/local (root) or ~/.local (a user)
#   ./install.sh --remove   take the launcher, menu entry and icons away again
# The bundle needs no Python. It needs the platform libraries named in README.txt.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID=org.compliancedesk.ComplianceDesk
if [ "$(id -u)" = 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
BIN="$PREFIX/bin/compliance-desk"
SHARE="$PREFIX/share"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$BIN" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  find "$SHARE/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
  echo "removed the launcher, menu entry and icons from $PREFIX (the bundle and data stay)"
  exit 0
fi
mkdir -p "$PREFIX/bin" "$SHARE"
ln -sf "$HERE/compliance-desk" "$BIN"
cp -r "$HERE/share/." "$SHARE/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
echo "installed: $BIN -> $HERE/compliance-desk, menu entry $APP_ID"
