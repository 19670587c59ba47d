#!/usr/bin/env bash
# Sourced by ./run.sh and ./test.sh: make .venv, install the project when pyproject.toml changed,
# and make sure the system libraries Qt needs are present (installed with apt when we are root,
# otherwise named so a person can install them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
export LANG="${LANG:-C.UTF-8}"

need_python() {
  if ! "$PYTHON" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))' 2>/dev/null; then
    echo "Compliance Desk needs Python 3.11 to 3.13 (found: $("$PYTHON" --version 2>&1))." >&2
    echo "Install one, or point PYTHON at it: PYTHON=/path/to/python3.11 $0" >&2
    exit 2
  fi
}

ensure_system_libs() {
  [ "$(uname -s)" = Linux ] || return 0
  local missing=() lib known ldconfig
  ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
  [ -x "$ldconfig" ] || return 0  # cannot tell; Qt will name what it lacks
  known="$("$ldconfig" -p 2>/dev/null)"
  declare -A pkg=([libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libfontconfig.so.1]=libfontconfig1
                  [libxkbcommon.so.0]=libxkbcommon0 [libglib-2.0.so.0]=libglib2.0-0
                  [libdbus-1.so.3]=libdbus-1-3)
  if [ -n "${DISPLAY:-}" ]; then  # a real X window needs the xcb platform's libraries too
    pkg+=([libxcb-cursor.so.0]=libxcb-cursor0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
          [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1)
  fi
  for lib in "${!pkg[@]}"; do
    grep -q "$lib" <<<"$known" || missing+=("${pkg[$lib]}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system libraries Qt needs: ${missing[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" fonts-dejavu-core >&2
  else
    echo "Qt needs these system libraries; please install them: ${missing[*]}" >&2
    echo "  e.g. sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
}

ensure_pdf_tools() {
  # qpdf and poppler-utils (pdftotext, pdffonts, pdftoppm) let the report tests check the PDFs
  local missing=() tool
  declare -A pkg=([qpdf]=qpdf [pdftotext]=poppler-utils [pdffonts]=poppler-utils)
  for tool in qpdf pdftotext pdffonts; do
    command -v "$tool" >/dev/null || [[ " ${missing[*]} " == *" ${pkg[$tool]} "* ]] || missing+=("${pkg[$tool]}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing the PDF tools the report tests use: ${missing[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "Report tests that need ${missing[*]} will be skipped (e.g. sudo apt-get install ${missing[*]})" >&2
  fi
}

ensure_venv() {
  local stamp="$VENV/.installed" want
  want="$(cat "$ROOT/pyproject.toml" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)"
  if [ ! -x "$VENV/bin/python" ]; then
    need_python
    echo "Creating the virtual environment in .venv (first run only)..." >&2
    "$PYTHON" -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing Compliance Desk and its dependencies into .venv..." >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[dev]" 2>&1 \
      | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
    "$VENV/bin/python" -c "import desktop_app, PySide6, sqlite_utils" \
      || { echo "The install into .venv failed; see the messages above." >&2; exit 2; }
    echo "$want" > "$stamp"
  fi
}

ensure_system_libs
ensure_pdf_tools
ensure_venv
# Byte-compile our sources once per change, so start-up never compiles them (stale files only).
"$VENV/bin/python" -m compileall -q "$ROOT/desktop_app" >/dev/null 2>&1 || true
