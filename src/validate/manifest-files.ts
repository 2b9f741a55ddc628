// Which files hold manifests, for validate's folder walks and synth's counts (kept apart from the reader so that a
// cached synth does not load it).
import { basename, extname } from 'node:path';

/** `.yaml`, `.yml` and `.json`, any case (kubeconform's isYAMLFile/isJSONFile, pkg/resource/files.go). */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Whether a folder walk reads this file as manifests: a manifest extension, and not a kustomization file. */
export function isManifestFile(path: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(path).toLowerCase()) && !/^kustomization\.ya?ml$/.test(basename(path));
}
