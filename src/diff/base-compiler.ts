// Renders a commit's environments with that commit's own compiler: its tree exported from git objects into a temporary
// folder, bundled there and run as a child process (`synth --no-validate`), its output read back.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { exportTree, listTree } from './export-ref.js';
import { readRenderedOutput } from './read-rendered.js';
import { withTempDir } from './temp-dir.js';

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
 * The environments of `commit` as its own compiler renders them (none when it has no environments folder). The tree is
 * exported and the build started before this returns (the caller can compile the working tree meanwhile). A compiler
 * that does not install, build or synth is an InputError naming the ref and the first line of the child's stderr.
 */
export async function renderWithBaseCompiler(props: BaseCompilerProps): Promise<SerializedEnvironment[]> {
  const { commit, label, top, prefix } = props;
  if (listTree(commit, prefix === '' ? [] : [prefix], top).length === 0) return [];
  return withTempDir('eg-diff-compiler-', async (root) => {
    const tree = join(root, 'tree');
    const out = join(root, 'out');
    mkdirSync(tree);
    exportTree(commit, top, tree);
    const run = (command: string, args: readonly string[]) => runChild(command, args, tree, label);
    const modules = join(top, 'node_modules');
    if (props.sameLockfile && existsSync(modules)) {
      rmSync(join(tree, 'node_modules'), { recursive: true, force: true }); // a committed node_modules symlink or folder
      symlinkSync(realpathSync(modules), join(tree, 'node_modules'), 'dir');
    } else await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    await run(process.execPath, ['scripts/build.mjs']);
    // `--out`, not `--out-dir`: the base's compiler may predate --out-dir; newer ones accept --out (deprecated)
    await run(process.execPath, ['build/cli.js', 'synth', '--environments', join(tree, prefix), '--out', out, '--no-validate']);
    return readRenderedOutput(out);
  });
}

/** Runs `command` in `tree`; a failure is an InputError with its first stderr line, the tree's paths written `<ref>:`. */
async function runChild(command: string, args: readonly string[], tree: string, label: string): Promise<void> {
  const child = spawn(command, args, { cwd: tree, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((done) => {
    child.on('error', (error) => done({ code: null, signal: null, error }));
    child.on('close', (code, signal) => done({ code, signal }));
  });
  if (exit.code === 0) return;
  const shown = [command === process.execPath ? 'node' : command, ...args.map((a) => a.split(tree).join('.'))].join(' ');
  const first =
    stderr.split('\n').find((l) => l.trim() !== '') ?? exit.error?.message ?? (exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`);
  const at = first.split(`${tree}/`).join(`${label}:`).split(tree).join(label);
  throw new InputError(`the base ${label} does not render with its own compiler: \`${shown}\` failed: ${at.trim()}`);
}
