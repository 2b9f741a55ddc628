// Compiles environment files written to a temp dir and gives the rendered objects, for chart tests.
import { compile } from '../../src/synth/compile.js';
import { envDir } from './env-dir.js';

export type K8sObject = Record<string, any>;

/** Compiles `{ name: yaml }` files and returns the objects of environment `env` (default: the only one). */
export function render(files: Record<string, string>, env?: string): K8sObject[] {
  const out = compile({ environmentsDir: envDir(files).dir });
  const selected = env === undefined ? out[0] : out.find((e) => e.env === env);
  if (!selected) throw new Error(`no environment ${env}`);
  return selected.docs.map((d) => d.object as K8sObject);
}

/** The one object of `kind` named `name` (throws when absent). */
export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} ${name} in ${objects.map((x) => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
  return o;
}
