// Bundles our sources (node_modules stay external) into build/: fast, no type check (that is `tsc`).
//   build/cli.js            the CLI (ESM, code-split so each command loads on demand)
//   build/cdk8s-plugin.cjs  the cdk8s-cli validation plugin (CommonJS, as cdk8s-cli `require`s plugins)
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'build',
  splitting: true,
  format: 'esm',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
});

await build({
  ...common,
  entryPoints: ['src/cdk8s-plugin.ts'],
  outfile: 'build/cdk8s-plugin.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
