// `--shard i/n`: a stable partition of the environments by name, so that a fleet's synth or check can run as a CI
// matrix. An environment's shard depends on its name alone (FNV-1a of the UTF-8 bytes, modulo n): adding or removing
// another environment never moves it to another runner.
import { InputError } from '../errors.js';

/** The i-th (1-based) of n shards. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); throws InputError naming the flag and the value received. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InputError(`${flag} (${JSON.stringify(text)}) must be i/n with 1 <= i <= n, e.g. 1/4`);
  }
  return { index, count };
}

/** Whether the environment `name` belongs to `shard`. */
export function inShard(name: string, shard: Shard): boolean {
  return shard.count === 1 || (fnv1a(name) % shard.count) + 1 === shard.index;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}
