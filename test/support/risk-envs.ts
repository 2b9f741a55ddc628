// Environments for the diff risk tests: one app whose name, image, max replicas and labels a test changes.

/** One app autoscaled by an HPA on CPU; `more` lines appended to the environment. */
export const APP_ENV = (o: { name?: string; image?: string; max?: number; labels?: string; more?: string } = {}) => `cluster: { name: c }
apps:
  - name: ${o.name ?? 'web'}
    image: ${o.image ?? 'nginx:1.27'}${o.labels ? `\n    labels: ${o.labels}` : ''}
    resources: { requests: { cpu: 100m } }
    autoscaling: { engine: hpa, maxReplicas: ${o.max ?? 5}, triggers: [{ type: cpu, utilization: 60 }] }
${o.more ?? ''}`;
