#!/usr/bin/env node
// The language server, for any LSP client: `counting-rules-server --stdio`.
require('../dist/server.js');
