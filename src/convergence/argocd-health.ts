// How Argo CD assesses the health of its own kinds, as far as the apply order depends on it.
//
// Argo CD's built-in health check of an ApplicationSet (argo-cd resource_customizations/argoproj.io/ApplicationSet/
// health.lua) is Healthy once its Applications are generated, whatever their own health: a parent Application whose
// wave holds ApplicationSets moves on before their Applications converge, so a later wave races them. An
// ApplicationSet annotated with AWAIT_APPLICATIONS is Healthy only once every Application it generated is (its
// status.resources, kept by the ApplicationSet controller), under the argocd-cm health check below: the operators of
// a fleet are then installed on every cluster before the fleet's workloads are generated.

/** Annotation of an ApplicationSet whose health is that of the Applications it generated (APPLICATION_SET_HEALTH_LUA). */
export const AWAIT_APPLICATIONS = 'elastic-gitops.dev/await-applications';

/**
 * The `resource.customizations.health.argoproj.io_ApplicationSet` entry of argocd-cm (argo-cd docs/operator-manual/
 * health.md, "Custom Health Checks"): the built-in check's errors first (ErrorOccurred, ResourcesUpToDate=False), then,
 * for an ApplicationSet annotated with AWAIT_APPLICATIONS, Progressing until every generated Application is Healthy.
 */
export const APPLICATION_SET_HEALTH_LUA = `hs = { status = "Healthy", message = "" }
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if (c.type == "ErrorOccurred" and c.status == "True") or (c.type == "ResourcesUpToDate" and c.status == "False") then
      hs.status = "Degraded"
      hs.message = c.message
      return hs
    end
  end
end
local annotations = obj.metadata.annotations or {}
if annotations["${AWAIT_APPLICATIONS}"] == "true" then
  if obj.status == nil or obj.status.resources == nil then
    hs.status = "Progressing"
    hs.message = "waiting for the generated Applications"
    return hs
  end
  for _, r in ipairs(obj.status.resources) do
    if r.health == nil or r.health.status ~= "Healthy" then
      hs.status = "Progressing"
      hs.message = "waiting for Application " .. r.name
      return hs
    end
  end
end
return hs
`;
