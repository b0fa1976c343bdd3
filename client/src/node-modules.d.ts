/**
 * The project compiles with `moduleResolution: "node"`, which ignores the
 * `exports` map through which vscode-languageclient 11 offers its `/node`
 * entry point. This points the type checker at the file that map names; at
 * run time esbuild reads the map itself. (The server has the same shim for
 * vscode-languageserver.) Remove it if the project moves to "node16".
 */
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
