#!/usr/bin/env node
// The command-line checker: `counting-rules check ...`, `counting-rules audit ...`.
require('../dist/cli.js');
