// A unified diff of one resource's YAML (the `diff` package), headed by the files it is rendered to.
import { createTwoFilesPatch } from 'diff';
import { toYaml } from '../synth/serialize.js';

/** One side of a resource: its output file (relative to the output root) and its (masked) object. */
export interface DiffSide {
  readonly file: string;
  readonly object: Record<string, unknown>;
}

/** Context lines around each change. */
const CONTEXT = 3;

/**
 * The unified diff of a resource between two renders, as the rendered YAML: `--- a/<file>` / `+++ b/<file>` headers
 * (`/dev/null` for a side that does not exist), then the hunks.
 */
export function unifiedDiff(before: DiffSide | undefined, after: DiffSide | undefined): string {
  const patch = createTwoFilesPatch(
    before ? `a/${before.file}` : '/dev/null',
    after ? `b/${after.file}` : '/dev/null',
    before ? toYaml(before.object) : '',
    after ? toYaml(after.object) : '',
    undefined,
    undefined,
    { context: CONTEXT },
  );
  // drop the `====` separator line the package puts first
  return patch.slice(patch.indexOf('\n') + 1);
}
