// fast-check arbitraries: valid environment files (as the model and its cross-field checks define them), and
// mutations of one that must make it invalid.
import { appendPointer } from '../../src/json-pointer.js';
import fc from 'fast-check';

const DOMAIN = 'fuzz.example.com';
const cpu = fc.constantFrom('50m', '100m', '250m', '500m', '1');
const memory = fc.constantFrom('64Mi', '128Mi', '256Mi', '1Gi');
const duration = (max: number) => fc.integer({ min: 1, max }).map((s) => `${s}s`);

const probe = fc.oneof(
  fc.record({ http: fc.record({ path: fc.constantFrom('/', '/healthz', '/readyz') }) }),
  fc.record({ tcp: fc.constant({}) }),
  fc.record({ exec: fc.record({ command: fc.constant(['cat', '/tmp/healthy']) }), periodSeconds: fc.integer({ min: 1, max: 60 }) }),
);

function autoscaling(name: string) {
  const query = `sum(rate(http_requests_total{app="${name}"}[1m]))`;
  const prometheus = fc.record({ type: fc.constant('prometheus'), query: fc.constant(query), threshold: fc.integer({ min: 1, max: 1000 }) });
  const utilization = (type: 'cpu' | 'memory') => fc.record({ type: fc.constant(type), utilization: fc.integer({ min: 10, max: 100 }) });
  const cron = fc.record({
    type: fc.constant('cron'),
    start: fc.constant('0 8 * * 1-5'),
    end: fc.constant('0 18 * * 1-5'),
    desiredReplicas: fc.integer({ min: 1, max: 3 }),
  });
  const keda = fc
    .record({
      minReplicas: fc.integer({ min: 1, max: 3 }),
      extra: fc.integer({ min: 0, max: 10 }),
      triggers: fc.array(fc.oneof(prometheus, utilization('cpu'), utilization('memory'), cron), { minLength: 1, maxLength: 3 }),
    })
    .map(({ minReplicas, extra, triggers }) => ({
      engine: 'keda',
      minReplicas,
      maxReplicas: minReplicas + extra,
      // KEDA wants distinct trigger names when a type repeats
      triggers: triggers
        .map((t, i) => (t.type === 'prometheus' ? { ...t, name: `q${i}` } : t))
        .filter((t, i, all) => t.type === 'prometheus' || all.findIndex((u) => u.type === t.type) === i),
    }));
  const hpa = fc
    .record({
      minReplicas: fc.integer({ min: 1, max: 3 }),
      extra: fc.integer({ min: 0, max: 10 }),
      triggers: fc.uniqueArray(fc.oneof(utilization('cpu'), utilization('memory')), { minLength: 1, maxLength: 2, selector: (t) => t.type }),
    })
    .map(({ minReplicas, extra, triggers }) => ({ engine: 'hpa', minReplicas, maxReplicas: minReplicas + extra, triggers }));
  return fc.oneof(fc.constant(undefined), keda, hpa);
}

function app(name: string, mesh: boolean, priorityClass: string | undefined) {
  return fc
    .record({
      image: fc.constantFrom('nginx:1.27', 'ghcr.io/example/app:1.0.0', 'registry.example.com/team/svc@sha256:' + 'a'.repeat(64)),
      port: fc.integer({ min: 1024, max: 65535 }),
      replicas: fc.integer({ min: 0, max: 5 }),
      resources: fc.record({
        requests: fc.record({ cpu, memory }),
        limits: fc.option(fc.record({ memory: fc.constant('2Gi') }), { nil: undefined }),
      }),
      probes: fc.option(fc.record({ liveness: fc.option(probe, { nil: undefined }), readiness: fc.option(probe, { nil: undefined }) }), {
        nil: undefined,
      }),
      env: fc.option(
        fc.dictionary(
          fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/).filter((k) => !/SECRET|TOKEN|PASS|KEY|CRED/.test(k)),
          fc.string({ maxLength: 20 }),
          { maxKeys: 3 },
        ),
        { nil: undefined },
      ),
      routing: mesh
        ? fc.option(
            fc.record({
              hosts: fc.constant([`${name}.${DOMAIN}`]),
              timeout: fc.option(duration(30), { nil: undefined }),
              retries: fc.option(fc.record({ attempts: fc.integer({ min: 1, max: 5 }) }), { nil: undefined }),
              canary: fc.option(fc.record({ image: fc.constant('nginx:1.28'), weight: fc.integer({ min: 0, max: 100 }) }), { nil: undefined }),
            }),
            { nil: undefined },
          )
        : fc.constant(undefined),
      autoscaling: autoscaling(name),
      metricsPort: fc.option(fc.integer({ min: 1, max: 1023 }), { nil: undefined }),
      labels: fc.option(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/), { maxKeys: 2 }), {
        nil: undefined,
      }),
    })
    .map(({ metricsPort, ...a }) => ({
      name,
      priorityClassName: priorityClass,
      ...a,
      metrics: metricsPort === undefined ? undefined : { port: metricsPort, path: '/metrics' },
    }));
}

/** A valid environment (a plain object, as it would be written to a file): cluster, platform switches and 1-4 apps. */
export const validEnvironment = fc
  .record({
    mesh: fc.boolean(),
    monitoring: fc.boolean(),
    priority: fc.boolean(),
    karpenter: fc.boolean(),
    names: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { minLength: 1, maxLength: 4 }),
  })
  .chain(({ mesh, monitoring, priority, karpenter, names }) =>
    fc.tuple(...names.map((n) => app(n, mesh, priority ? 'business' : undefined))).map((apps) => ({
      cluster: { name: 'fuzz', provider: 'eks' },
      mesh: mesh ? { enabled: true, mtls: 'STRICT', gateway: { name: 'public', hosts: [`*.${DOMAIN}`] } } : undefined,
      monitoring: monitoring ? { enabled: true, namespace: 'monitoring' } : undefined,
      priorityClasses: priority ? [{ name: 'business', value: 1000 }] : undefined,
      nodes: karpenter
        ? {
            provisioner: 'karpenter',
            karpenter: {
              nodeRole: 'KarpenterNodeRole-fuzz',
              pools: [{ name: 'default', instanceCategories: ['c', 'm'], limits: { cpu: '10000', memory: '40000Gi' } }],
            },
          }
        : undefined,
      apps,
    })),
  )
  .map((env) => JSON.parse(JSON.stringify(env)) as Record<string, unknown>);

type Schema = {
  type?: unknown;
  properties?: Record<string, Schema>;
  items?: unknown;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  enum?: unknown[];
  anyOf?: unknown;
  oneOf?: unknown;
};

/** A place in a valid environment whose schema is known: a typed value, or an object with required keys. */
interface Site {
  readonly path: readonly (string | number)[];
  readonly schema: Schema;
}

/** Every typed value reachable through plain `properties` and `items` (unions are not entered). */
export function sitesOf(value: unknown, schema: Schema, path: (string | number)[] = []): Site[] {
  if (schema.anyOf || schema.oneOf || typeof schema.type !== 'string') return [];
  const here: Site[] = path.length > 0 ? [{ path, schema }] : [];
  if (schema.type === 'object' && schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      const child = schema.properties[k];
      if (child) here.push(...sitesOf(v, child, [...path, k]));
    }
  } else if (schema.type === 'array' && Array.isArray(value) && schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    value.forEach((v, i) => here.push(...sitesOf(v, schema.items as Schema, [...path, i])));
  }
  return here;
}

/** A mutation that makes a valid environment invalid, and the field path the error must name ('' for YAML errors). */
export interface Mutation {
  readonly kind: string;
  /** JSON pointer of the field the error is about; '' when only the position can be named (YAML syntax). */
  readonly pointer: string;
  /** The mutated file text. */
  readonly text: string;
}

const pointerOf = (path: readonly (string | number)[]) => path.reduce<string>((at, p) => appendPointer(at, p), '');

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown, remove = false): Record<string, unknown> {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function deepValue(depth: number, list: boolean): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = list ? [v] : { nested: v };
  return v;
}

const otherType: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({ a: 1 })),
  integer: fc.oneof(
    fc.constantFrom('many', '12', 'true'),
    fc.boolean(),
    fc.double({ min: 0.1, max: 100, noNaN: true }).filter((d) => !Number.isInteger(d)),
    fc.constant([1]),
  ),
  number: fc.oneof(fc.constantFrom('many', '1.5'), fc.boolean(), fc.constant({ value: 1 })),
  boolean: fc.oneof(fc.constantFrom('yes', 'true', 'on'), fc.integer(), fc.constant([true])),
  array: fc.oneof(fc.string(), fc.integer(), fc.constant({ a: [] })),
  object: fc.oneof(fc.string(), fc.integer(), fc.constant([{}])),
};

/** Mutations of `env` (written with `stringify`) that the environment checks must reject. */
export function invalidMutation(env: Record<string, unknown>, schema: Schema, stringify: (v: unknown) => string): fc.Arbitrary<Mutation> {
  const sites = sitesOf(env, schema);
  const typed = sites.filter((s) => typeof s.schema.type === 'string' && s.schema.type in otherType);
  const scalars = typed.filter((s) => ['string', 'integer', 'number', 'boolean'].includes(s.schema.type as string));
  const bounded = typed.filter(
    (s) => (s.schema.type === 'integer' || s.schema.type === 'number') && (s.schema.maximum !== undefined || s.schema.minimum !== undefined),
  );
  const restricted = typed.filter(
    (s) => s.schema.type === 'string' && (s.schema.pattern !== undefined || s.schema.enum !== undefined || s.schema.maxLength !== undefined),
  );
  const requiredKeys = sites
    .filter((s) => s.schema.type === 'object' && s.schema.required)
    .flatMap((s) => s.schema.required!.filter((k) => s.schema.properties?.[k]?.default === undefined).map((k) => ({ path: [...s.path, k] })));
  const rootRequired = (schema.required ?? []).filter((k) => schema.properties?.[k]?.default === undefined && k in env).map((k) => ({ path: [k] }));
  const text = (v: unknown) => stringify(v);
  // a value the schema refuses: outside the enum, not matching the pattern, or longer than maxLength
  const rejects = (s: Site, v: string) =>
    (s.schema.enum !== undefined && !s.schema.enum.includes(v)) ||
    (s.schema.pattern !== undefined && !new RegExp(s.schema.pattern, 'u').test(v)) ||
    (s.schema.maxLength !== undefined && v.length > s.schema.maxLength);

  const wrongType = fc.constantFrom(...typed).chain((s) =>
    otherType[s.schema.type as string]!.map((v) => ({
      kind: `wrong type at ${pointerOf(s.path)}`,
      pointer: pointerOf(s.path),
      text: text(setAt(env, s.path, v)),
    })),
  );
  const missing = fc
    .constantFrom(...requiredKeys, ...rootRequired)
    .map((r) => ({ kind: `missing ${pointerOf(r.path)}`, pointer: pointerOf(r.path), text: text(setAt(env, r.path, undefined, true)) }));
  const deep = fc
    .record({ site: fc.constantFrom(...scalars), depth: fc.integer({ min: 20, max: 300 }), list: fc.boolean() })
    .map(({ site, depth, list }) => ({
      kind: `deep nesting at ${pointerOf(site.path)}`,
      pointer: pointerOf(site.path),
      text: text(setAt(env, site.path, deepValue(depth, list))),
    }));
  const arbitraries: fc.Arbitrary<Mutation>[] = [wrongType, deep];
  if (requiredKeys.length + rootRequired.length > 0) arbitraries.push(missing);
  if (bounded.length > 0) {
    arbitraries.push(
      fc
        .record({ site: fc.constantFrom(...bounded), huge: fc.constantFrom(1e308, 2 ** 53 + 2, 10 ** 12), sign: fc.boolean() })
        .map(({ site, huge, sign }) => {
          const s = site.schema;
          const v = s.maximum !== undefined && (sign || s.minimum === undefined) ? s.maximum + huge : (s.minimum ?? 0) - huge;
          return { kind: `huge value at ${pointerOf(site.path)}`, pointer: pointerOf(site.path), text: text(setAt(env, site.path, v)) };
        }),
    );
  }
  if (restricted.length > 0) {
    arbitraries.push(
      fc
        .record({
          site: fc.constantFrom(...restricted),
          v: fc.oneof(
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
            fc.constantFrom('Ünïcödé', '日本語', '🚀-app', 'a\u200bb', 'İ', 'x'.repeat(100_000), 'a\u0000b'),
          ),
        })
        .filter(({ site, v }) => rejects(site, v))
        .map(({ site, v }) => ({
          kind: `unicode/huge string at ${pointerOf(site.path)}`,
          pointer: pointerOf(site.path),
          text: text(setAt(env, site.path, v)),
        })),
    );
  }
  // text-level damage: what a bad merge or a stray keystroke leaves behind (each is invalid YAML wherever it lands)
  const lines = text(env).split('\n');
  arbitraries.push(
    fc
      .record({
        at: fc.integer({ min: 0, max: lines.length - 1 }),
        fragment: fc.constantFrom(
          '"unterminated',
          "'unterminated",
          '{ a: 1',
          '[1, 2',
          'key: [}',
          '\tindented: with a tab',
          '<<<<<<< HEAD',
          '- item\nkey: value\n  - bad',
          '@reserved',
          '`backtick',
          'a: b: c',
        ),
      })
      .map(({ at, fragment }) => ({
        kind: `bad YAML at line ${at + 1}: ${fragment}`,
        pointer: '',
        text: [...lines.slice(0, at), fragment, ...lines.slice(at)].join('\n'),
      })),
    fc.constant({ kind: 'duplicate key', pointer: '', text: `${text(env)}cluster: { name: again }\n` }),
    fc
      .integer({ min: 200, max: 10_000 })
      .map((n) => ({ kind: `${n}-deep flow nesting`, pointer: '', text: `${text(env)}nested: ${'['.repeat(n)}${']'.repeat(n)}\n` })),
  );
  return fc.oneof(...arbitraries);
}
