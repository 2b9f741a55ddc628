// Bundles our sources into build/: fast, no type check (that is `tsc`).
//   build/cli.js            the CLI (ESM, code-split so each command loads on demand), with its dependencies bundled:
//                           Node's loader resolving, reading and wrapping cdk8s, cdk8s-plus, yaml, ajv… file by file
//                           was half the CPU of a one-environment synth (1.7 s -> 0.9 s; docs/performance.md).
//                           The few modules loaded lazily with createRequire (ajv's standalone runtime, yaml for
//                           the fallback reader) still resolve from node_modules.
//   build/cdk8s-plugin.cjs  the cdk8s-cli validation plugin (CommonJS, as cdk8s-cli `require`s plugins)
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'build',
  splitting: true,
  format: 'esm',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // the bundled CommonJS packages call require(): give the ES module one (esbuild's shim throws for node builtins)
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __egCreateRequire } from 'node:module';\nconst require = __egCreateRequire(import.meta.url);",
  },
});

await build({
  ...common,
  packages: 'external',
  entryPoints: ['src/cdk8s-plugin.ts'],
  outfile: 'build/cdk8s-plugin.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
