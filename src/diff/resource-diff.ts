// Matches the resources of two renders by group, kind, namespace and name, and describes what changed.
import { createTwoFilesPatch } from 'diff';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { toYaml } from '../synth/serialize.js';
import { masked } from './mask.js';

/** One field that differs. */
export interface FieldChange {
  /** JSON pointer. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** One resource of an environment that was added, removed or changed. */
export interface ResourceChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** `group/Kind namespace/name` (core group written as `core`). */
  readonly id: string;
  readonly file: string;
  readonly fields: readonly FieldChange[];
  /** Unified diff of the resource's YAML (masked). */
  readonly patch: string;
}

export interface EnvironmentDiff {
  readonly env: string;
  /** Whether the environment exists only on one side. */
  readonly status: 'added' | 'removed' | 'both';
  readonly changes: readonly ResourceChange[];
}

export function resourceId(o: Record<string, unknown>): string {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
  const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
  return `${group}/${String(o.kind)} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? ''}`;
}

/** Per environment, the resources added, removed and changed from `base` to `head`. */
export function diffRenders(base: readonly SerializedEnvironment[], head: readonly SerializedEnvironment[]): EnvironmentDiff[] {
  const envs = [...new Set([...base.map((e) => e.env), ...head.map((e) => e.env)])].sort();
  return envs.map((env) => {
    const b = base.find((e) => e.env === env);
    const h = head.find((e) => e.env === env);
    return { env, status: !b ? 'added' : !h ? 'removed' : 'both', changes: diffEnvironment(b, h) };
  });
}

function index(env: SerializedEnvironment | undefined): Map<string, { object: Record<string, unknown>; file: string }> {
  const out = new Map<string, { object: Record<string, unknown>; file: string }>();
  for (const d of env?.docs ?? []) out.set(resourceId(d.object), { object: masked(d.object), file: d.file });
  return out;
}

function diffEnvironment(base: SerializedEnvironment | undefined, head: SerializedEnvironment | undefined): ResourceChange[] {
  const before = index(base);
  const after = index(head);
  const changes: ResourceChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(id);
    const a = after.get(id);
    const oldText = b ? toYaml(b.object) : '';
    const newText = a ? toYaml(a.object) : '';
    if (oldText === newText) continue;
    const patch = createTwoFilesPatch(`a/${b?.file ?? a!.file}`, `b/${a?.file ?? b!.file}`, oldText, newText, '', '', { context: 3 });
    const change = !b ? 'added' : !a ? 'removed' : 'changed';
    changes.push({ change, id, file: (a ?? b)!.file, fields: change === 'changed' ? fieldChanges(b!.object, a!.object, '') : [], patch: stripHeader(patch) });
  }
  return changes;
}

/** Leaf-level differences between two JSON values. */
export function fieldChanges(before: unknown, after: unknown, path: string): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldChanges(before[k], after[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((v, i) => fieldChanges(v, after[i], `${path}/${i}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stripHeader(patch: string): string {
  return patch.replace(/^=+\n/m, '').replace(/^Index: .*\n/m, '');
}
