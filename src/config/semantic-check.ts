// Rules on the environment model that a JSON Schema cannot express; each reports the field and the value received.
import type { App, Environment } from './model/environment.js';
import type { DiagnosticList } from './diagnostic.js';
import { checkAutoscaling } from './checks/autoscaling-checks.js';
import { checkFleet } from './checks/fleet-checks.js';
import { checkGitops } from './checks/gitops-checks.js';
import { checkMesh } from './checks/mesh-checks.js';
import { checkMonitoring } from './checks/monitoring-checks.js';
import { checkMulticluster } from './checks/multicluster-checks.js';
import { checkPodSecurity } from './checks/pod-security-checks.js';
import { checkOperators } from './checks/operator-checks.js';
import { checkInlineSecrets } from './checks/secret-key.js';
import { checkServerless } from './checks/serverless-checks.js';
import { checkWorkloads } from './checks/workload-checks.js';

const BUILTIN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);

/** Checks cross-field rules of a schema-valid environment (defaults applied). */
export function checkSemantics(env: Environment, out: DiagnosticList): void {
  checkPriorityClasses(env, out);
  checkMesh(env, out);
  checkMonitoring(env, out);
  checkMulticluster(env, out);
  checkOperators(env, out);
  checkServerless(env, out);
  checkAutoscaling(env, out);
  checkWorkloads(env, out);
  checkPodSecurity(env, out);
  checkInlineSecrets(env, out);
  checkGitops(env, out);
  checkFleet(env, out);
  const seen = new Map<string, number>();
  env.apps.forEach((app, i) => {
    const at = `/apps/${i}`;
    const first = seen.get(app.name);
    if (first !== undefined) out.add(`${at}/name`, `duplicate app name "${app.name}" (also apps[${first}])`);
    else seen.set(app.name, i);
    checkApp(app, at, out);
  });
}

function checkPriorityClasses(env: Environment, out: DiagnosticList): void {
  const names = new Set<string>();
  let globalDefault: number | undefined;
  env.priorityClasses.forEach((pc, i) => {
    if (names.has(pc.name)) out.add(`/priorityClasses/${i}/name`, `duplicate priority class "${pc.name}"`);
    names.add(pc.name);
    if (pc.globalDefault) {
      if (globalDefault !== undefined)
        out.add(`/priorityClasses/${i}/globalDefault`, `only one priority class may be globalDefault (also priorityClasses[${globalDefault}])`);
      globalDefault ??= i;
    }
  });
  env.apps.forEach((app, i) => {
    const pc = app.priorityClassName;
    if (pc !== undefined && !names.has(pc) && !BUILTIN_PRIORITY_CLASSES.has(pc)) {
      out.add(
        `/apps/${i}/priorityClassName`,
        `priorityClassName "${pc}" is not defined in priorityClasses (defined: ${[...names].join(', ') || 'none'})`,
      );
    }
  });
}

function checkApp(app: App, at: string, out: DiagnosticList): void {
  if (app.pdb.minAvailable !== undefined && app.pdb.maxUnavailable !== undefined) {
    out.add(`${at}/pdb`, 'set minAvailable or maxUnavailable, not both');
  }
}
