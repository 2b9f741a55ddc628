// `elastic-gitops init [dir]`: scaffolds a new platform repository in `dir` (created when missing), as `cdk8s init`
// does; refuses to overwrite any file that exists.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { scaffoldFiles } from './scaffold.js';

/** Options of the init command (from commander, after src/cli/grammar.ts). */
export interface InitOptions {
  readonly output: 'text' | 'json';
  /** package.json's dependency on elastic-gitops. @default `file:<this installation>` */
  readonly dependency?: string;
}

export async function initCommand(dir: string, opts: InitOptions): Promise<void> {
  const root = resolve(dir);
  const files = scaffoldFiles(basename(root), opts.dependency);
  const existing = [...files.keys()].filter((f) => existsSync(join(root, f)));
  if (existing.length > 0) {
    const shown = (f: string) => (relative(process.cwd(), root).startsWith('..') ? join(root, f) : relative(process.cwd(), join(root, f)));
    throw new InputError(`init refuses to overwrite ${existing.map(shown).join(', ')}: choose an empty folder (nothing was written)`);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, { flag: 'wx' });
  }
  const created = [...files.keys()].sort();
  if (opts.output === 'json') {
    process.stdout.write(`${JSON.stringify({ dir: root, created }, null, 2)}\n`);
    return;
  }
  const rel = relative(process.cwd(), root);
  const where = rel === '' ? '.' : rel.startsWith('..') ? root : rel;
  process.stdout.write(
    `${created.map((f) => `created ${join(where, f)}`).join('\n')}\n\nnext: ${where === '.' ? '' : `cd ${where} && `}npm install && npm run synth\n`,
  );
}
