/**
 * The project compiles with `moduleResolution: "node"`, which ignores the
 * `exports` maps that vscode-languageserver 10, vscode-languageserver-protocol
 * 3.18 and vscode-jsonrpc 10 rely on (they have no `main` or `types`). These
 * declarations point the type checker at the files those maps name; at run
 * time Node and esbuild read the maps themselves. Delete this file if the
 * project moves to `moduleResolution: "node16"`.
 */
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
