#!/usr/bin/env bash
# Emacs + eglot as a plain LSP client of the language server (lsp-test.el), on
# a fresh copy of an example log, with Emacs's own files (~/.emacs.d) kept
# under .ci/work. Needs `npm run build` (dist/server.js) and
# apt-get install -y emacs-nox elpa-eglot. Exit code 0 only when every test passed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/.ci/work
fail() { echo "$1"; echo "emacs: 0 passed, 1 failed"; exit 1; }
command -v emacs >/dev/null || fail "emacs: not installed (apt-get install -y emacs-nox elpa-eglot)"
[ -f "$ROOT/dist/server.js" ] || fail "dist/server.js is missing: run npm run build"

if [ "${COUNTING_RULES_ISOLATED:-}" != 1 ]; then
  export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache \
    XDG_DATA_HOME=$WORK/home/.local/share XDG_STATE_HOME=$WORK/home/.local/state TMPDIR=$WORK/tmp
fi
mkdir -p "$HOME" "$TMPDIR"
dir=$(mktemp -d "$TMPDIR/emacs-logs-XXXXXX")
trap 'rm -rf "$dir"' EXIT
cp "$ROOT/examples/domestic-abuse.ilog" "$dir/"
chmod u+w "$dir"/*.ilog   # examples/ is read-only; the copy is edited

# Emacs reports saves and eglot's events on stderr; the results are on stdout.
COUNTING_RULES_SERVER=$ROOT/dist/server.js emacs --batch -q -l "$ROOT/test/emacs/lsp-test.el" "$dir/domestic-abuse.ilog" 2> "$dir/stderr.log" || {
  rc=$?
  echo "--- emacs stderr (last 30 lines) ---"; tail -30 "$dir/stderr.log"
  exit $rc
}
