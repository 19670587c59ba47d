#!/usr/bin/env bash
# Build the installable app: the one-folder bundle dist/compliance-desk/ and its archive
# dist/compliance-desk-<version>-linux-<arch>.tar.gz, then print their sizes.
#
#   packaging/build.sh           build
#   packaging/build.sh --smoke   build, then run the bundle's smoke test (tests/packaging)
#
# Sets up .venv like ./run.sh, and installs PyInstaller (the pinned `package` extra of
# pyproject.toml) into it when it is missing. Linux only; the Windows (.ico, version resource)
# and macOS (.icns, Info.plist in the spec's BUNDLE) parts are prepared in packaging/ but must
# be built on those systems with the same spec.
set -euo pipefail
SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $arg (use --smoke or nothing)" >&2; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/bootstrap.sh"
cd "$ROOT"

PYINSTALLER_PIN="$(grep -o '"pyinstaller==[^"]*"' pyproject.toml | tr -d '"' | cut -d= -f3)"
if ! "$VENV/bin/python" -c "import PyInstaller, sys; sys.exit(PyInstaller.__version__ != '$PYINSTALLER_PIN')" 2>/dev/null; then
  echo "Installing PyInstaller $PYINSTALLER_PIN into .venv (the package extra)..." >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[package]" 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
fi

VERSION="$("$VENV/bin/python" -c 'import desktop_app; print(desktop_app.__version__)')"
ARCH="$(uname -m)"
OUT="$ROOT/dist/compliance-desk"
ARCHIVE="$ROOT/dist/compliance-desk-$VERSION-linux-$ARCH.tar.gz"
APP_ID=org.compliancedesk.ComplianceDesk

echo "== PyInstaller $PYINSTALLER_PIN: compliance-desk $VERSION (one folder)"
start=$EPOCHREALTIME
rm -rf "$OUT" "$ARCHIVE"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  "$ROOT/packaging/compliance-desk.spec" 2>&1 \
  | grep -v -e "Hidden import 'desktop_app.resources' not found" \
            -e "Library not found: could not resolve 'libxcb-" \
            -e "required via ctypes not found" \
            -e "Ignoring icon; supported only on Windows and macOS" >&2 || true
[ -x "$OUT/compliance-desk" ] || { echo "build.sh: PyInstaller made no $OUT/compliance-desk" >&2; exit 1; }

# Desktop integration beside the executable, laid out like /usr/share (see packaging/linux/)
mkdir -p "$OUT/share/applications" "$OUT/share/metainfo" "$OUT/share/icons/hicolor/scalable/apps"
cp "$ROOT/packaging/linux/$APP_ID.desktop" "$OUT/share/applications/"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$OUT/share/metainfo/"
cp -r "$ROOT/packaging/icons/hicolor/." "$OUT/share/icons/hicolor/"
cp "$ROOT/packaging/icons/compliance-desk.svg" "$OUT/share/icons/hicolor/scalable/apps/$APP_ID.svg"
cp "$ROOT/packaging/linux/install.sh" "$OUT/install.sh"
cp "$ROOT/packaging/linux/README-bundle.txt" "$OUT/README.txt"

tar -C "$ROOT/dist" -czf "$ARCHIVE" compliance-desk
took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

echo "== built in $took s"
printf '%-60s %8s MiB  (%s bytes)\n' "dist/compliance-desk/ (unpacked)" \
  "$(du -sm "$OUT" | cut -f1)" "$(du -sb "$OUT" | cut -f1)"
printf '%-60s %8s MiB  (%s bytes)\n' "dist/$(basename "$ARCHIVE")" \
  "$(( $(stat -c %s "$ARCHIVE") / 1048576 ))" "$(stat -c %s "$ARCHIVE")"

if [ "$SMOKE" = 1 ]; then
  echo "== smoke test of the built bundle (tests/packaging, marker: bundle)"
  export QT_QPA_PLATFORM=offscreen
  exec "$VENV/bin/python" -m pytest -m bundle tests/packaging -v
fi
