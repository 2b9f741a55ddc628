// docs/reference/environment.md: every key of an environment file with its type, default and description, walked
// from the JSON Schema the model generates (environments/schema.json), so the page cannot drift from the checks.
import { environmentJsonSchema, INT32_MAX, INT32_MIN, STRING_MAX_LENGTH } from '../config/json-schema.js';
import { code, table } from './markdown.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

interface Row {
  readonly path: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

const isNode = (v: Json | undefined): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The page: one table of every key, in the order of the schema. */
export function environmentReference(): string {
  const schema = environmentJsonSchema() as Node;
  const rows: Row[] = [];
  walkProperties(schema, '', rows);
  return `# Environment file reference

Every key of an \`environments/<name>.yaml\` file, generated from the model (\`src/config/model/\`, the same schema as
\`environments/schema.json\`). A path \`apps[].name\` is the \`name\` of each item of \`apps\`; \`triggers[type=cpu]\` is a
trigger of that type; \`<key>\` stands for any key of a map. *required* keys have no default. Integers are bounded by
the int32 field they become unless a tighter range is shown; strings are at most ${STRING_MAX_LENGTH} characters unless shown. How
files combine: [merging](../merging.md); what each section renders: the pages of [docs/](../).

${table(
  ['key', 'type', 'default', 'description'],
  rows.map((r) => [code(r.path), r.type, r.default, r.description]),
)}
`;
}

function walkProperties(node: Node, prefix: string, rows: Row[]): void {
  const props = node.properties;
  if (!isNode(props)) return;
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  for (const [key, child] of Object.entries(props)) {
    if (key === '$schema' || !isNode(child)) continue;
    walk(child, `${prefix}${prefix === '' ? '' : '.'}${key}`, required.has(key), rows);
  }
}

function walk(node: Node, path: string, required: boolean, rows: Row[]): void {
  rows.push({
    path,
    type: typeOf(node),
    default: node.default !== undefined ? code(JSON.stringify(node.default)) : required ? '*required*' : '',
    description: typeof node.description === 'string' ? node.description : '',
  });
  descend(node, path, rows);
}

/** The keys inside `node`: its properties, its items, its map values, its tagged or object branches. */
function descend(node: Node, path: string, rows: Row[]): void {
  walkProperties(node, path, rows);
  if (isNode(node.items) && hasKeys(node.items)) descend(node.items, `${path}[]`, rows);
  if (isNode(node.patternProperties))
    for (const value of Object.values(node.patternProperties)) if (isNode(value) && hasKeys(value)) walk(value, `${path}.<key>`, false, rows);
  const branches = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : [];
  for (const branch of branches) {
    if (!isNode(branch) || !hasKeys(branch)) continue;
    const tag = isNode(branch.properties) && isNode(branch.properties.type) ? branch.properties.type.const : undefined;
    descend(branch, typeof tag === 'string' ? `${path.replace(/\[\]$/, '')}[type=${tag}]` : path, rows);
  }
}

/** Whether a schema has keys of its own to list (an object, or something holding objects). */
function hasKeys(node: Node): boolean {
  return isNode(node.properties) || isNode(node.patternProperties) || isNode(node.items) || Array.isArray(node.oneOf) || Array.isArray(node.anyOf);
}

function typeOf(node: Node): string {
  if (Array.isArray(node.enum)) return node.enum.map((v) => code(JSON.stringify(v))).join(', ');
  if (node.const !== undefined) return code(JSON.stringify(node.const));
  const branches = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (branches) {
    if (node.discriminator !== undefined) return 'object, by `type`';
    return [...new Set(branches.filter(isNode).map(typeOf))].join(' or ');
  }
  const base = isNode(node.items)
    ? listOf(typeOf(node.items))
    : isNode(node.patternProperties)
      ? 'map'
      : typeof node.type === 'string'
        ? node.type
        : 'any';
  return [base, ...constraints(node)].join(', ');
}

/** `list of string`, `list of (string, ≥ 1 chars)`. */
function listOf(item: string): string {
  return `list of ${item.includes(', ') || item.includes(' or ') ? `(${item})` : item}`;
}

/** The bounds a value has beyond the defaults every value gets (int32, 4096 characters). */
function constraints(node: Node): string[] {
  const out: string[] = [];
  const min = node.minimum;
  const max = node.maximum;
  if (node.type === 'integer' || node.type === 'number') {
    const shownMin = typeof min === 'number' && min !== INT32_MIN && min !== -Number.MAX_SAFE_INTEGER ? min : undefined;
    const shownMax = typeof max === 'number' && max !== INT32_MAX && max !== Number.MAX_SAFE_INTEGER ? max : undefined;
    if (shownMin !== undefined || shownMax !== undefined) out.push(`${shownMin ?? ''}..${shownMax ?? ''}`);
  }
  if (typeof node.minLength === 'number' && node.minLength > 0) out.push(`≥ ${node.minLength} chars`);
  if (typeof node.maxLength === 'number' && node.maxLength !== STRING_MAX_LENGTH) out.push(`≤ ${node.maxLength} chars`);
  if (typeof node.pattern === 'string') out.push(`matching ${code(node.pattern)}`);
  if (typeof node.minItems === 'number' && node.minItems > 0) out.push(`≥ ${node.minItems} items`);
  return out;
}
