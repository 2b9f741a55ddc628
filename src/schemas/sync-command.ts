// `elastic-gitops schemas sync`: fill the schema cache from the pinned URLs or mirrors, and say where each came from.
import { cacheDir, ensureSchemas } from './cache.js';
import { readLock } from './lock.js';

export async function schemasSyncCommand(opts: {
  readonly mirror?: string[];
  readonly offline?: boolean;
  readonly output: 'text' | 'json';
}): Promise<void> {
  const entries = await ensureSchemas(readLock(), { mirrors: opts.mirror, download: !opts.offline });
  if (opts.output === 'json') {
    process.stdout.write(
      `${JSON.stringify({ cache: cacheDir(), sources: entries.map((e) => ({ id: e.source.id, from: e.from, path: e.path })) }, null, 2)}\n`,
    );
    return;
  }
  for (const e of entries) process.stdout.write(`${e.from.padEnd(8)} ${e.source.id}\n`);
  process.stdout.write(`${entries.length} schema sources in ${cacheDir()}\n`);
}
