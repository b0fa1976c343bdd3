#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3's workbench, run from Node) from the
# npm registry into a folder of its own, default .ci/work/code-server, for the
# editor tests. Nothing is downloaded from anywhere but the npm registry; the
# three steps that would are worked around as ../shared/research/real-editor-testing.md
# (section 1) records:
#   - @vscode/ripgrep's postinstall fetches rg from GitHub. It first looks in
#     $(os.tmpdir())/vscode-ripgrep-cache-<version>/, so Debian's rg (13.0.0, the
#     version that package pins) is packed there first.
#   - node-pty's postinstall runs `npx node-gyp`, which the machine's `yes=false`
#     refuses: npm_config_yes=true.
#   - postinstall.sh, run as root, needs npm_config_unsafe_perm=true.
# kerberos needs libkrb5-dev (apt), and native modules build against the
# headers in nodedir (the machine npmrc says nodedir=/usr).
#
# Usage: scripts/editor/install-code-server.sh [destination]
# Prints the path of the code-server executable as its last line.
set -euo pipefail

VERSION=4.100.3           # the newest code-server whose engines.node is 20
RG_PACKAGE_VERSION=1.15.11 # the @vscode/ripgrep code-server 4.100.3 depends on
RG_TAG=v13.0.0-10          # the ripgrep-prebuilt release that package wants

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEST=${1:-${CODE_SERVER_DIR:-$ROOT/.ci/work/code-server}}
BIN=$DEST/node_modules/.bin/code-server

# code-server writes ~/.config/code-server and ~/.local/share/code-server even for
# --version, so it runs with a home of its own.
cs() { HOME=$DEST/home XDG_CONFIG_HOME=$DEST/home/.config XDG_DATA_HOME=$DEST/home/.local/share "$BIN" "$@"; }

if [ -x "$BIN" ] && cs --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION is already installed in $DEST"
  echo "$BIN"
  exit 0
fi

fail() { echo "install-code-server: $*" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" = 20 ] || fail "code-server $VERSION needs Node 20 exactly (its postinstall checks); this is Node $(node -v). With Node 22 use code-server 4.117.0."
command -v rg >/dev/null || fail "ripgrep is missing: apt-get install -y ripgrep"
[ -e /usr/include/gssapi/gssapi.h ] || fail "the Kerberos headers are missing: apt-get install -y libkrb5-dev"

case "$(uname -m)" in
  x86_64) target=x86_64-unknown-linux-musl ;;
  aarch64) target=aarch64-unknown-linux-musl ;;
  *) fail "no ripgrep target known for $(uname -m)" ;;
esac

# Everything the install writes stays under DEST (and TMPDIR, if the caller set one inside the repository).
mkdir -p "$DEST"
export TMPDIR=${TMPDIR:-$DEST/tmp}
mkdir -p "$TMPDIR"
cache=$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PACKAGE_VERSION
stage=$DEST/rg-stage
mkdir -p "$cache" "$stage"
cp "$(command -v rg)" "$stage/rg"
tar czf "$cache/ripgrep-$RG_TAG-$target.tar.gz" -C "$stage" rg
rm -rf "$stage"

cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-for-editor-tests","private":true}' > package.json
started=$(date +%s)
npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund "code-server@$VERSION"
echo "code-server installed in $(( $(date +%s) - started )) s"

cs --version | grep -q "^$VERSION " || fail "code-server did not install: $BIN --version says $(cs --version 2>&1 | head -1)"
rgbin=$(find "$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin" -name rg -type f 2>/dev/null | head -1)
[ -n "$rgbin" ] || fail "code-server's ripgrep is missing (the cache was not used)"
echo "$BIN"
