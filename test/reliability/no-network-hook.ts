/**
 * Preloaded into the server or the CLI by the privacy tests (`node --require
 * out/test/reliability/no-network-hook.js ...`): every way Node has to reach
 * the network (sockets, HTTP(S), HTTP/2, TLS, DNS, UDP, fetch, WebSocket)
 * is replaced by a function that writes `\u0000NETWORK <what>` to stderr and
 * throws. Local pipes and loopback sockets (the LSP `--pipe` and `--socket`
 * transports) are let through and not reported: they never leave the
 * machine. Announces itself with `\u0000NO-NETWORK ready`.
 *
 * With FAULT_TEXT set it also throws an uncaught exception and an unhandled
 * rejection whose messages are that text, so a test can see what the
 * server's crash handlers write.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const report = (what: string): never => {
  process.stderr.write(`\u0000NETWORK ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
};

function isLocal(args: unknown[]): boolean {
  const [a, b] = args;
  const opts = (typeof a === 'object' && a !== null ? a : {}) as { path?: string; host?: string; port?: number };
  if (typeof a === 'string' && !/^\d+$/.test(a)) return true; // a pipe or Unix socket path
  if (opts.path) return true;
  const host = typeof b === 'string' ? b : opts.host;
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

function block(moduleName: string, names: string[], allowLocal = false): void {
  const mod = require(moduleName) as Record<string, unknown>;
  for (const name of names) {
    const original = mod[name];
    if (typeof original !== 'function') continue;
    mod[name] = function (this: unknown, ...args: unknown[]) {
      if (allowLocal && isLocal(args)) return (original as (...a: unknown[]) => unknown).apply(this, args);
      return report(`${moduleName}.${name}`);
    };
  }
}

block('net', ['connect', 'createConnection'], true);
const net = require('net') as typeof import('net');
const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: import('net').Socket, ...args: unknown[]) {
  if (isLocal(args)) return (socketConnect as (...a: unknown[]) => import('net').Socket).apply(this, args);
  return report('net.Socket.connect');
} as typeof socketConnect;
block('http', ['request', 'get']);
block('https', ['request', 'get']);
block('http2', ['connect']);
block('tls', ['connect']);
block('dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
block('dgram', ['createSocket']);
const g = globalThis as Record<string, unknown>;
for (const name of ['fetch', 'WebSocket', 'EventSource']) if (name in g) g[name] = (..._args: unknown[]) => report(name);

process.stderr.write('\u0000NO-NETWORK ready\n');

const fault = process.env.FAULT_TEXT;
if (fault) {
  setTimeout(() => {
    throw new Error(fault);
  }, 0);
  setTimeout(() => void Promise.reject(new TypeError(fault)), 0);
}
