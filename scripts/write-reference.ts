// Writes docs/reference/*.md from the schema, the rule registry, the chart registry and the command line (run by
// `npm run reference`; test/docs.reference.test.ts keeps them current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { referencePages } from '../src/reference/index.js';

const repo = process.cwd();
for (const [path, text] of referencePages(repo)) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}
