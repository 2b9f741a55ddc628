// The installation root of elastic-gitops (where package.json, schemas.lock.json and .cache/ live).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Walks up from this module to the folder holding schemas.lock.json. */
export function repoRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas.lock.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schemas.lock.json not found above the elastic-gitops installation');
    dir = parent;
  }
  root = dir;
  return dir;
}
