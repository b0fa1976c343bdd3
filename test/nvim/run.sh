#!/usr/bin/env bash
# Neovim as a plain LSP client of the language server (lsp-test.lua): on fresh
# copies of two example logs, with Neovim's own files (~/.cache/nvim/lsp.log,
# shada, state) kept under .ci/work. Needs `npm run build` (dist/server.js)
# and nvim (apt-get install -y neovim). Exit code 0 only when every test passed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/.ci/work
command -v nvim >/dev/null || { echo "nvim: not installed (apt-get install -y neovim)"; echo "nvim: 0 passed, 1 failed"; exit 1; }
[ -f "$ROOT/dist/server.js" ] || { echo "dist/server.js is missing: run npm run build"; echo "nvim: 0 passed, 1 failed"; exit 1; }

if [ "${COUNTING_RULES_ISOLATED:-}" != 1 ]; then
  export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache \
    XDG_DATA_HOME=$WORK/home/.local/share XDG_STATE_HOME=$WORK/home/.local/state TMPDIR=$WORK/tmp
fi
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$TMPDIR"
dir=$(mktemp -d "$TMPDIR/nvim-logs-XXXXXX")
trap 'rm -rf "$dir"' EXIT
cp "$ROOT/examples/domestic-abuse.ilog" "$ROOT/examples/sexual-offences.ilog" "$dir/"
chmod u+w "$dir"/*.ilog   # examples/ is read-only; the copies are edited

COUNTING_RULES_SERVER=$ROOT/dist/server.js nvim --headless --clean -n -i NONE \
  -c "luafile $ROOT/test/nvim/lsp-test.lua" "$dir/domestic-abuse.ilog" "$dir/sexual-offences.ilog"
