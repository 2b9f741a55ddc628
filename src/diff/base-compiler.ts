// Renders a commit's environments with that commit's own compiler: its tree exported from git objects into a temporary
// folder, bundled there and run as a child process (`synth --no-validate`), its output read back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { exportTree, listTree } from './export-ref.js';
import { readRenderedOutput } from './read-rendered.js';

/** Which commit to render, and how to install its dependencies. */
export interface BaseCompilerProps {
  readonly commit: string;
  /** The ref as the user wrote it, for messages. */
  readonly label: string;
  /** The repository's top level (the compiler's root at every commit). */
  readonly top: string;
  /** The environments folder relative to `top`, `/`-separated. */
  readonly prefix: string;
  /** The commit's package-lock.json is the working tree's: its node_modules are reused (symlinked), not installed. */
  readonly sameLockfile: boolean;
}

/**
 * The environments of `commit` as its own compiler renders them (none when it has no environments folder). A compiler
 * that does not install, build or synth is an InputError naming the ref and the first line of the child's stderr.
 */
export function renderWithBaseCompiler(props: BaseCompilerProps): SerializedEnvironment[] {
  const { commit, label, top, prefix } = props;
  if (listTree(commit, prefix === '' ? [] : [prefix], top).length === 0) return [];
  const root = mkdtempSync(join(tmpdir(), 'eg-diff-compiler-'));
  try {
    const tree = join(root, 'tree');
    const out = join(root, 'out');
    mkdirSync(tree);
    exportTree(commit, top, tree);
    const run = (command: string, args: readonly string[]) => runChild(command, args, tree, label, root);
    const modules = join(top, 'node_modules');
    if (props.sameLockfile && existsSync(modules)) {
      rmSync(join(tree, 'node_modules'), { recursive: true, force: true }); // a committed node_modules symlink or folder
      symlinkSync(realpathSync(modules), join(tree, 'node_modules'), 'dir');
    }
    else run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    run(process.execPath, ['scripts/build.mjs']);
    run(process.execPath, ['build/cli.js', 'synth', '--environments', join(tree, prefix), '--out', out, '--no-validate']);
    return readRenderedOutput(out);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs `command` in `cwd`; a failure is an InputError with its first stderr line, temporary paths written as `<ref>:`. */
function runChild(command: string, args: readonly string[], cwd: string, label: string, root: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status === 0) return;
  const shown = [command === process.execPath ? 'node' : command, ...args.map((a) => a.split(join(root, 'tree')).join('.'))].join(' ');
  const first = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? (r.error ? r.error.message : `exit code ${r.status ?? r.signal}`);
  const at = first.split(`${join(root, 'tree')}/`).join(`${label}:`).split(join(root, 'tree')).join(label);
  throw new InputError(`the base ${label} does not render with its own compiler: \`${shown}\` failed: ${at.trim()}`);
}
