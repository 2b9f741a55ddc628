// Writes docs/reference/*.md and the generated sections of README.md from the schema, the rule registry, the chart
// registry and the command line (run by `npm run reference`; test/docs.reference.test.ts keeps them current).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readmeSections, referencePages, withReadmeSections } from '../src/reference/index.js';

const repo = process.cwd();
for (const [path, text] of referencePages(repo)) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}
const readme = join(repo, 'README.md');
writeFileSync(readme, withReadmeSections(readFileSync(readme, 'utf8'), readmeSections()));
