// The capacity plan: model, text/markdown rendering and Mermaid diagram.
export { buildPlan, type AppRow, type FlowEdge, type FlowNode, type Plan, type PoolRow } from './plan-model.js';
export { mermaid, renderPlanMarkdown, renderPlanText } from './format-plan.js';
