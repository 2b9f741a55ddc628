// The peer validators' own test cases (test/fixtures/peers, see SOURCES.md there) run through `validate`, with the
// peer's expected outcome next to ours: kubectl-validate's testcases/manifests (each document's expected metav1.Status
// in its leading comment, pkg/cmd/validate_test.go) and kubeconform's acceptance.bats cases on its fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { validateManifests } from '../../src/validate/index.js';
import { readInput, readManifestText } from '../../src/validate/read-manifests.js';
import { noResources } from '../../src/validate/validate-command.js';
import { mirrorDirs } from './mirror.js';

export const PEERS = join(import.meta.dirname, '..', 'fixtures', 'peers');
const KUBECTL_VALIDATE = join(PEERS, 'kubectl-validate');
const KUBECONFORM = join(PEERS, 'kubeconform');

/** One case: what the peer expects and what we did. */
export interface PeerOutcome {
  readonly name: string;
  readonly expected: { readonly fails: boolean; readonly fields?: readonly string[]; readonly summary?: string };
  readonly ours: { readonly fails: boolean; readonly fields: readonly string[]; readonly summary?: string };
}

/** Whether we agree with the peer: the same pass/fail, every field it names among ours, its summary counts if given. */
export function agrees(o: PeerOutcome): boolean {
  if (o.expected.fails !== o.ours.fails) return false;
  if (o.expected.fields && !o.expected.fields.every((f) => o.ours.fields.includes(f))) return false;
  return o.expected.summary === undefined || o.expected.summary === o.ours.summary;
}

/** kubectl-validate's `spec.containers[0].image` as a JSON pointer (`/spec/containers/0/image`). */
function pointerOf(field: string): string {
  return `/${field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`;
}

/** Documents as kubectl-validate splits them (utils.SplitYamlDocuments: a line starting with `---`). */
function splitDocuments(text: string): string[] {
  return text.split(/^---/m);
}

/** The expectation in a document's leading comment block (a JSON metav1.Status); an empty document succeeds. */
function expectation(doc: string): { fails: boolean; fields: string[] } {
  if (doc.split('\n').every((l) => l.trim() === '' || l.trimStart().startsWith('#'))) return { fails: false, fields: [] };
  const comment: string[] = [];
  for (const line of doc.split('\n')) {
    if (comment.length === 0 && line.trim() === '') continue;
    if (!line.startsWith('#')) break;
    comment.push(line.slice(1));
  }
  const status = JSON.parse(comment.join('\n')) as { status: string; details?: { causes?: { field?: string }[] } };
  return {
    fails: status.status !== 'Success',
    fields: (status.details?.causes ?? [])
      .map((c) => c.field ?? '')
      .filter((f) => f !== '' && f !== '<nil>')
      .map(pointerOf),
  };
}

async function ours(read: () => ReturnType<typeof readManifestText>, opts: Parameters<typeof validateManifests>[1] = {}) {
  try {
    const docs = read();
    if (docs.length === 0) return { fails: false, fields: [], summary: summaryOf(0, 0, 0, 0, 0) };
    const r = await validateManifests(docs, { mirrors: mirrorDirs(), ...opts });
    return {
      fails: r.invalid > 0,
      fields: r.problems.filter((p) => p.severity === 'error').map((p) => p.path),
      summary: summaryOf(r.resources, r.valid, r.invalid - r.errors, r.errors, r.skipped),
    };
  } catch (err) {
    if (err instanceof InputError) return { fails: true, fields: [] };
    throw err;
  }
}

const summaryOf = (resources: number, valid: number, invalid: number, errors: number, skipped: number) =>
  `${resources} resource${resources === 1 ? '' : 's'} - Valid: ${valid}, Invalid: ${invalid}, Errors: ${errors}, Skipped: ${skipped}`;

/** Every document of every kubectl-validate manifest, checked with its testcases/crds as local CRDs. */
export async function kubectlValidateOutcomes(): Promise<PeerOutcome[]> {
  const out: PeerOutcome[] = [];
  const crds = join(KUBECTL_VALIDATE, 'crds');
  for (const file of readdirSync(join(KUBECTL_VALIDATE, 'manifests')).sort()) {
    const docs = splitDocuments(readFileSync(join(KUBECTL_VALIDATE, 'manifests', file), 'utf8'));
    for (const [i, doc] of docs.entries()) {
      const expected = expectation(doc);
      const result = await ours(() => readManifestText(doc, `${file}#${i}`), { crds: [crds] });
      out.push({ name: `kubectl-validate ${file}${docs.length > 1 ? ` document ${i + 1}` : ''}`, expected, ours: result });
    }
  }
  return out;
}

/** One acceptance.bats case: its fixtures, flags (as ours are named), expected exit status and summary counts. */
interface BatsCase {
  readonly test: string;
  readonly files: readonly string[];
  readonly fails: boolean;
  readonly summary?: string;
  readonly skip?: string;
  readonly reject?: string;
  readonly ignoreMissingSchemas?: boolean;
  readonly ignoreFilenamePattern?: readonly string[];
}

/** The acceptance.bats cases that need neither the network nor a schema location of their own. */
const BATS: readonly BatsCase[] = [
  { test: 'Pass when parsing a valid Kubernetes config YAML file', files: ['valid.yaml'], fails: false, summary: summaryOf(1, 1, 0, 0, 0) },
  { test: 'Pass when parsing a folder containing valid YAML files', files: ['folder'], fails: false, summary: summaryOf(7, 7, 0, 0, 0) },
  { test: 'Pass when parsing a valid Kubernetes config file with int_to_string vars', files: ['int_or_string.yaml'], fails: false },
  { test: 'Pass when parsing a valid Kubernetes config JSON file', files: ['valid.json'], fails: false, summary: summaryOf(1, 1, 0, 0, 0) },
  { test: 'Pass when parsing a valid Kubernetes config YAML file with generate name', files: ['generate_name.yaml'], fails: false },
  { test: 'Pass when parsing a Kubernetes file with string and integer quantities', files: ['quantity.yaml'], fails: false },
  {
    test: 'Pass when parsing a valid Kubernetes config file with null strings',
    files: ['null_string.yaml'],
    fails: false,
    summary: summaryOf(1, 1, 0, 0, 0),
  },
  { test: 'Pass when parsing a multi-document config file', files: ['multi_valid.yaml'], fails: false, summary: summaryOf(6, 6, 0, 0, 0) },
  { test: 'Fail when parsing a multi-document config file with one invalid resource', files: ['multi_invalid.yaml'], fails: true },
  { test: 'Fail when parsing an invalid Kubernetes config file', files: ['invalid.yaml'], fails: true },
  { test: 'Pass when parsing a blank config file', files: ['blank.yaml'], fails: false },
  { test: 'Pass when parsing a blank config file with a comment', files: ['comment.yaml'], fails: false },
  { test: 'Fail when parsing a config that is missing a Kind', files: ['missing_kind.yaml'], fails: true },
  { test: 'Fail when parsing a config that is missing an apiVersion', files: ['missing_apiversion.yaml'], fails: true },
  { test: 'Fail when parsing a config that is missing a Kind value', files: ['missing_kind_value.yaml'], fails: true },
  { test: 'Fail when parsing a config with CRD', files: ['test_crd.yaml'], fails: true },
  {
    test: 'Pass when parsing a config with Custom Resource and ignoring missing schemas',
    files: ['test_crd.yaml'],
    fails: false,
    ignoreMissingSchemas: true,
  },
  { test: 'Pass when parsing a config with additional properties', files: ['extra_property.yaml'], fails: false, summary: summaryOf(1, 1, 0, 0, 0) },
  { test: 'Fail when parsing a config with additional properties and strict set', files: ['extra_property.yaml'], fails: true },
  { test: 'Fail when parsing a config with duplicate properties and strict set', files: ['duplicate_property.yaml'], fails: true },
  { test: 'Pass when parsing a config with duplicate properties and strict NOT set', files: ['duplicate_property.yaml'], fails: false },
  {
    test: 'Skip when parsing a resource from a kind to skip',
    files: ['valid.yaml'],
    fails: false,
    skip: 'ReplicationController',
    summary: summaryOf(1, 0, 0, 0, 1),
  },
  {
    test: 'Skip when parsing a resource with a GVK to skip',
    files: ['valid.yaml'],
    fails: false,
    skip: 'v1/ReplicationController',
    summary: summaryOf(1, 0, 0, 0, 1),
  },
  {
    test: 'Do not skip when parsing a resource with a GVK to skip, where the Kind matches but not the version',
    files: ['valid.yaml'],
    fails: false,
    skip: 'v2/ReplicationController',
    summary: summaryOf(1, 1, 0, 0, 0),
  },
  {
    test: 'Fail when parsing a resource from a kind to reject',
    files: ['valid.yaml'],
    fails: true,
    reject: 'ReplicationController',
    summary: summaryOf(1, 0, 0, 1, 0),
  },
  {
    test: 'Ignores file that match the --ignore-filename-pattern given',
    files: ['multi_invalid.yaml', 'list_invalid.yaml', 'quantity.yaml', 'crd_schema.yaml'],
    fails: false,
    ignoreFilenamePattern: ['crd', '.*invalid.*'],
    summary: summaryOf(1, 1, 0, 0, 0),
  },
  { test: 'Pass when parsing a file containing a List', files: ['list_valid.yaml'], fails: false, summary: summaryOf(6, 6, 0, 0, 0) },
  { test: 'Fail when parsing a List that contains an invalid resource', files: ['list_invalid.yaml'], fails: true },
  { test: 'Pass on valid, empty list', files: ['list_empty_valid.yaml'], fails: false, summary: summaryOf(0, 0, 0, 0, 0) },
  { test: 'Pass on multi-yaml containing one resource, one list', files: ['multi_with_list.yaml'], fails: false, summary: summaryOf(2, 2, 0, 0, 0) },
];

/** kubeconform's acceptance.bats cases on its fixtures. */
export async function kubeconformOutcomes(): Promise<PeerOutcome[]> {
  const out: PeerOutcome[] = [];
  for (const c of BATS) {
    const paths = c.files.map((f) => join(KUBECONFORM, f));
    const read = () => {
      const input = readInput(paths, { ignoreFilenamePatterns: c.ignoreFilenamePattern });
      const none = noResources(input, paths);
      if (none) throw new InputError(none);
      return input.docs;
    };
    const result = await ours(read, {
      skipKinds: c.skip ? [c.skip] : [],
      rejectKinds: c.reject ? [c.reject] : [],
      ignoreMissingSchemas: c.ignoreMissingSchemas ?? false,
    });
    out.push({ name: `kubeconform ${c.test}`, expected: { fails: c.fails, ...(c.summary ? { summary: c.summary } : {}) }, ours: result });
  }
  return out;
}
