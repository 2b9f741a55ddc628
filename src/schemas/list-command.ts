// `elastic-gitops schemas list`: what schemas.lock.json pins, one source a line, and the Kubernetes versions.
import { kubernetesVersions, lockPath, readLock } from './lock.js';

export function schemasListCommand(): void {
  const sources = readLock();
  const width = Math.max(...sources.map((s) => s.format.length));
  for (const s of sources) process.stdout.write(`${s.format.padEnd(width)}  ${s.id}  ${s.sha256.slice(0, 12)}  ${s.url}\n`);
  const versions = kubernetesVersions(sources);
  process.stdout.write(
    `${sources.length} sources in ${lockPath()}; Kubernetes OpenAPI ${versions.join(', ')} (validate defaults to ${versions[versions.length - 1] ?? 'none'})\n`,
  );
}
