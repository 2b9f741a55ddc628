// A cdk8s-cli validation plugin: `cdk8s synth` users get the same schema, CEL and cross-resource checks.
// Declared in cdk8s.yaml under `validations:`; bundled to build/cdk8s-plugin.cjs (CommonJS, as cdk8s-cli requires it).
import { basename } from 'node:path';
import { validateManifests } from './validate/index.js';
import { readManifests } from './validate/read-manifests.js';
import type { Problem } from './validate/types.js';

/** The part of cdk8s-cli's ValidationContext the plugin uses. */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(v: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/** Props of the plugin (from `properties:` in cdk8s.yaml). */
export interface ElasticGitopsValidationProps {
  /** Treat rule warnings as errors. @default false */
  readonly warningsAsErrors?: boolean;
  /** Deprecated spelling of `warningsAsErrors`. @default false */
  readonly strict?: boolean;
  /** Skip kinds without a pinned schema. @default false */
  readonly ignoreMissingSchemas?: boolean;
}

export class ElasticGitopsValidation {
  public constructor(private readonly props: ElasticGitopsValidationProps = {}) {}

  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const files = context.manifests.filter((m) => !/^kustomization\.ya?ml$/.test(basename(m)));
    const report = await validateManifests(readManifests(files), {
      warningsAsErrors: this.props.warningsAsErrors ?? this.props.strict,
      ignoreMissingSchemas: this.props.ignoreMissingSchemas,
    });
    const byRule = new Map<string, Problem[]>();
    for (const p of report.problems.filter((x) => x.severity === 'error')) {
      const key = `${p.rule ?? 'schema'}\u0000${p.message}`;
      byRule.set(key, [...(byRule.get(key) ?? []), p]);
    }
    for (const [key, problems] of byRule) {
      const [ruleName, message] = key.split('\u0000') as [string, string];
      context.report.addViolation({
        ruleName,
        recommendation: message,
        fix: 'change the environment file that renders this object, or the object itself',
        violatingResources: problems.map((p) => ({
          resourceName: p.namespace ? `${p.namespace}/${p.name}` : p.name,
          locations: [p.path || '/'],
          manifestPath: p.file,
        })),
      });
    }
    context.report.submit(report.invalid > 0 ? 'failure' : 'success', {
      resources: String(report.resources),
      valid: String(report.valid),
      invalid: String(report.invalid),
    });
  }
}
