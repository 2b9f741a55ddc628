// Every link of the README and docs/ leads somewhere: a relative link names a file of the repository, and an anchor
// (#...) a heading of its page, slugged as GitHub slugs headings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/run-cli.js';

const pages = [
  'README.md',
  ...readdirSync(join(REPO, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a page's headings (outside code blocks). */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!fence && heading) out.add(slug(heading[1] ?? ''));
  }
  return out;
}

/** The link targets of a page, code blocks and code spans left out. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
}

describe('docs links', () => {
  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const text = readFileSync(join(REPO, page), 'utf8');
    const broken: string[] = [];
    for (const target of links(text)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(REPO, page) : join(REPO, dirname(page), path);
      if (!existsSync(file)) broken.push(`${target}: no file ${relative(REPO, file)}`);
      else if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor))
        broken.push(`${target}: no heading #${anchor} in ${relative(REPO, file)}`);
    }
    expect(broken).toEqual([]);
  });
});
