// One paragraph per environment saying what its changes mean, as a reviewer would:
// `orders: max replicas 10 → 17; +1 NodePool `gpu`; Karpenter limit cpu 100 → 200 (`default`); 3 Deployments roll`.
import type { ResourceChange } from './environment-diff.js';
import type { ResourcePair } from './match-resources.js';
import { DRIFT, POD_TEMPLATE_KINDS } from './risk/disruptive-changes.js';
import { at } from './risk/pointer.js';

/** Fields worth a phrase, by `group/Kind`: pointer → what a person calls it. */
const SCALING: Readonly<Record<string, readonly [string, string][]>> = {
  'autoscaling/HorizontalPodAutoscaler': [
    ['/spec/minReplicas', 'min replicas'],
    ['/spec/maxReplicas', 'max replicas'],
  ],
  'keda.sh/ScaledObject': [
    ['/spec/minReplicaCount', 'min replicas'],
    ['/spec/maxReplicaCount', 'max replicas'],
  ],
  'apps/Deployment': [['/spec/replicas', 'replicas']],
  'apps/StatefulSet': [['/spec/replicas', 'replicas']],
};
/** Where Karpenter's limits are: v1 NodePool, v1alpha5 Provisioner. */
const KARPENTER_LIMITS: Readonly<Record<string, string>> = {
  'karpenter.sh/NodePool': '/spec/limits',
  'karpenter.sh/Provisioner': '/spec/limits/resources',
};
/** Names listed after an added or removed count, at most. */
const NAMES_SHOWN = 3;

/** The summary of one environment's changes ('' without any). */
export function semanticSummary(pairs: readonly ResourcePair[], changes: readonly ResourceChange[]): string {
  const byId = new Map(pairs.map((p) => [p.id, p]));
  const phrases: string[] = [];
  const told = new Set<string>();

  // per subject (an app: the namespace, else the name): scaling and images, in id order
  const subjects = new Map<string, string[]>();
  for (const c of changes.filter((x) => x.change === 'changed')) {
    const { before, after } = byId.get(c.id)!;
    const b = before!.object;
    const a = after!.object;
    const words: string[] = [];
    for (const [pointer, label] of SCALING[`${c.group}/${c.kind}`] ?? []) {
      if (at(b, pointer) !== at(a, pointer)) words.push(`${label} ${show(at(b, pointer))} → ${show(at(a, pointer))}`);
    }
    const images = (o: Record<string, unknown>) =>
      Array.isArray(at(o, '/spec/template/spec/containers'))
        ? (at(o, '/spec/template/spec/containers') as { image?: unknown }[]).map((x) => x.image)
        : [];
    const [ib, ia] = [images(b), images(a)];
    for (let i = 0; i < Math.max(ib.length, ia.length); i++) if (ib[i] !== ia[i]) words.push(`image ${show(ib[i])} → ${show(ia[i])}`);
    if (words.length === 0) continue;
    const subject = c.namespace || c.name;
    subjects.set(subject, [...(subjects.get(subject) ?? []), ...words.filter((w) => !(subjects.get(subject) ?? []).includes(w))]);
    told.add(c.id);
  }
  for (const [subject, words] of subjects) phrases.push(`${subject}: ${words.join(', ')}`);

  // renames, grouped by old → new name
  const renames = new Map<string, number>();
  for (const c of changes.filter((x) => x.renamed && x.change === 'removed')) {
    const to = byId.get(c.renamed!.to)!;
    const key = `\`${c.name}\` → \`${to.name}\``;
    renames.set(key, (renames.get(key) ?? 0) + 1);
    told.add(c.id).add(c.renamed!.to);
  }
  for (const [key, n] of renames) phrases.push(`renamed ${key} (${n} object${n > 1 ? 's' : ''})`);

  // added and removed objects, by kind
  for (const [sign, change] of [
    ['+', 'added'],
    ['-', 'removed'],
  ] as const) {
    const kinds = new Map<string, string[]>();
    for (const c of changes.filter((x) => x.change === change && !told.has(x.id))) kinds.set(c.kind, [...(kinds.get(c.kind) ?? []), c.name]);
    for (const [kind, names] of kinds) {
      const shown =
        names
          .slice(0, NAMES_SHOWN)
          .map((n) => `\`${n}\``)
          .join(', ') + (names.length > NAMES_SHOWN ? ', …' : '');
      phrases.push(`${sign}${names.length} ${plural(kind, names.length)} ${shown}`);
    }
  }

  // Karpenter limits
  for (const c of changes.filter((x) => x.change === 'changed' && KARPENTER_LIMITS[`${x.group}/${x.kind}`])) {
    const pointer = KARPENTER_LIMITS[`${c.group}/${c.kind}`]!;
    const { before, after } = byId.get(c.id)!;
    const lb = (at(before!.object, pointer) ?? {}) as Record<string, unknown>;
    const la = (at(after!.object, pointer) ?? {}) as Record<string, unknown>;
    for (const r of [...new Set([...Object.keys(lb), ...Object.keys(la)])]) {
      if (lb[r] !== la[r]) phrases.push(`Karpenter limit ${r} ${show(lb[r])} → ${show(la[r])} (\`${c.name}\`)`);
    }
    told.add(c.id);
  }

  // what restarts: pods of workloads, nodes of pools
  const rolls = new Map<string, number>();
  const drifts = new Map<string, number>();
  for (const c of changes.filter((x) => x.change === 'changed')) {
    const groupKind = `${c.group}/${c.kind}`;
    const disrupted = (paths: readonly string[]) => c.reasons.some((r) => r.risk === 'disruptive' && paths.includes(r.path));
    const roll = POD_TEMPLATE_KINDS.has(groupKind) && disrupted(['/spec/template']);
    const drift = disrupted(DRIFT.get(groupKind) ?? []);
    if (roll) rolls.set(c.kind, (rolls.get(c.kind) ?? 0) + 1);
    if (drift) drifts.set(c.kind, (drifts.get(c.kind) ?? 0) + 1);
    if (roll || drift) told.add(c.id);
  }
  for (const [kind, n] of rolls) phrases.push(`${n} ${plural(kind, n)} roll${n === 1 ? 's' : ''}`);
  for (const [kind, n] of drifts) phrases.push(`${n} ${plural(kind, n)} ${n === 1 ? 'replaces its' : 'replace their'} nodes`);

  const others = changes.filter((c) => c.change === 'changed' && !told.has(c.id)).length;
  if (others > 0) phrases.push(`${others} other changed object${others > 1 ? 's' : ''}`);
  return phrases.join('; ');
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** `Deployment` → `Deployments`, `Ingress` → `Ingresses`, `NetworkPolicy` → `NetworkPolicies` (one: unchanged). */
function plural(kind: string, n: number): string {
  if (n === 1) return kind;
  if (kind.endsWith('y')) return `${kind.slice(0, -1)}ies`;
  if (kind.endsWith('s')) return `${kind}es`;
  return `${kind}s`;
}
