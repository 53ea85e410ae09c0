// Partner program routes: tiers, tier evaluation and its review queue, a
// partner's standing, custom metrics and the versioned program rules. Each
// handler validates (route schema), calls one verb, maps the result; the
// route's permission is checked here and again by the verb.
import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { archiveTier } from "./archive-tier.ts";
import { createTier } from "./create-tier.ts";
import { decideTierChange, decideTierChangeInput } from "./decide-tier-change.ts";
import { evaluateTiers, evaluateTiersInput, tierEvaluationSchema } from "./evaluate-tiers.ts";
import { getMyTier } from "./get-my-tier.ts";
import { getPartnerTierStatus } from "./get-partner-tier-status.ts";
import { getProgramRules } from "./get-program-rules.ts";
import { listProgramRuleVersions } from "./list-program-rule-versions.ts";
import { listTierChanges, listTierChangesQuery } from "./list-tier-changes.ts";
import { listTiers, listTiersQuery } from "./list-tiers.ts";
import { metricValueField } from "./metrics.ts";
import { programRuleKindField, programRulesBody, programRulesSchema, programRuleVersionSchema } from "./program-rules-schema.ts";
import { partnerMetricSchema, setPartnerMetric } from "./set-partner-metric.ts";
import { tierChangeSchema } from "./tier-change-schema.ts";
import { archiveTierInput, createTierInput, tierSchema, updateTierInput } from "./tier-schema.ts";
import { partnerTierStatusSchema, tierStatusSchema } from "./tier-status.ts";
import { updateProgramRules } from "./update-program-rules.ts";
import { updateTier } from "./update-tier.ts";

const idParam = z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } });
const withId = tenantParams.extend({ id: idParam });
const precondition = { description: "Precondition failed", content: problems[409].content };

export const programRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/tiers",
      summary: "The tier ladder, highest rank first",
      middleware: [requirePermission("program.read")] as const,
      request: { params: tenantParams, query: listTiersQuery },
      responses: { 200: jsonResponse("Tiers", z.object({ items: z.array(tierSchema) })), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await listTiers({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/tiers",
      summary: "Add a tier (rank unique among tiers in use)",
      middleware: [requirePermission("program.manage")] as const,
      request: { params: tenantParams, body: jsonBody(createTierInput) },
      responses: { 201: jsonResponse("Created", tierSchema), 401: problems[401], 403: problems[403], 409: problems[409], 422: problems[422] },
    }),
    async (c) => c.json(await createTier({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/tiers/evaluate",
      summary: "Evaluate tiers now (all partners, or one) under the tier policy",
      middleware: [requirePermission("tiers.evaluate")] as const,
      request: { params: tenantParams, body: jsonBody(evaluateTiersInput) },
      responses: { 200: jsonResponse("What changed", tierEvaluationSchema), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => c.json(await evaluateTiers({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("json").partnerOrgId }), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/api/t/{tenant}/tiers/{id}",
      summary: "Change a tier (partners are re-measured at the next evaluation)",
      middleware: [requirePermission("program.manage")] as const,
      request: { params: withId, body: jsonBody(updateTierInput) },
      responses: {
        200: jsonResponse("Updated", tierSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        412: precondition,
        422: problems[422],
      },
    }),
    async (c) => c.json(await updateTier({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/tiers/{id}/archive",
      summary: "Archive a tier, moving the partners who hold it to another tier",
      middleware: [requirePermission("program.manage")] as const,
      request: { params: withId, body: jsonBody(archiveTierInput) },
      responses: {
        200: jsonResponse("Archived", z.object({ tier: tierSchema, movedPartners: z.number() })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        412: precondition,
        422: problems[422],
      },
    }),
    async (c) => c.json(await archiveTier({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/tier-changes",
      summary: "Proposed, applied and dismissed tier changes, newest first",
      middleware: [requirePermission("program.read")] as const,
      request: { params: tenantParams, query: listTierChangesQuery },
      responses: {
        200: jsonResponse("A page of tier changes", z.object({ items: z.array(tierChangeSchema), nextCursor: z.string().nullable() })),
        400: problems[400],
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await listTierChanges({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/tier-changes/{id}/decision",
      summary: "Apply or dismiss a proposed tier change",
      middleware: [requirePermission("tiers.evaluate")] as const,
      request: { params: withId, body: jsonBody(decideTierChangeInput) },
      responses: {
        200: jsonResponse("Decided", tierChangeSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => c.json(await decideTierChange({ ctx: c.get("ctx"), id: c.req.valid("param").id, decision: c.req.valid("json").decision }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/me/tier",
      summary: "My organization's tier, benefits, progress to the next tier and tier history",
      middleware: [requirePermission("tiers.own")] as const,
      request: { params: tenantParams },
      responses: { 200: jsonResponse("Standing", tierStatusSchema), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await getMyTier({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partners/{id}/tier",
      summary: "A partner's tier standing, metrics and pending proposal",
      middleware: [requirePermission("program.read")] as const,
      request: { params: withId },
      responses: { 200: jsonResponse("Standing", partnerTierStatusSchema), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await getPartnerTierStatus({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/t/{tenant}/partners/{id}/metrics/{metric}",
      summary: "Set a custom metric (custom:<key>) of a partner",
      middleware: [requirePermission("tiers.evaluate")] as const,
      request: {
        params: withId.extend({ metric: z.string().min(1).max(60).openapi({ param: { name: "metric", in: "path" }, example: "custom:certified_engineers" }) }),
        body: jsonBody(z.object({ value: metricValueField }).openapi("SetMetricValueInput")),
      },
      responses: {
        200: jsonResponse("Set", partnerMetricSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => {
      const { id, metric } = c.req.valid("param");
      return c.json(await setPartnerMetric({ ctx: c.get("ctx"), input: { partnerOrgId: id, metric, value: c.req.valid("json").value } }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/program-rules/{kind}",
      summary: "The program rules of a kind in force (version 0: the defaults)",
      middleware: [requirePermission("program.read")] as const,
      request: { params: tenantParams.extend({ kind: programRuleKindField }) },
      responses: { 200: jsonResponse("Rules", programRulesSchema), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await getProgramRules({ ctx: c.get("ctx"), kind: c.req.valid("param").kind }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/t/{tenant}/program-rules/{kind}",
      summary: "Publish a new version of a kind's program rules",
      description:
        "The body is the whole rules document of the kind in the path; omitted fields take their defaults. Pass the version you edited as `baseVersion` to be told (409) when someone else published meanwhile.",
      middleware: [requirePermission("program.manage")] as const,
      request: {
        params: tenantParams.extend({ kind: programRuleKindField }),
        query: z.object({ baseVersion: z.coerce.number().int().min(0).optional() }),
        body: jsonBody(programRulesBody),
      },
      responses: {
        200: jsonResponse("Published", programRulesSchema),
        401: problems[401],
        403: problems[403],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) =>
      c.json(
        await updateProgramRules({
          ctx: c.get("ctx"),
          kind: c.req.valid("param").kind,
          rules: c.req.valid("json"),
          baseVersion: c.req.valid("query").baseVersion,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/program-rules/{kind}/versions",
      summary: "Every published version of a kind's rules: who, when, what",
      middleware: [requirePermission("program.read")] as const,
      request: { params: tenantParams.extend({ kind: programRuleKindField }) },
      responses: {
        200: jsonResponse("Versions, newest first", z.object({ items: z.array(programRuleVersionSchema) })),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await listProgramRuleVersions({ ctx: c.get("ctx"), kind: c.req.valid("param").kind }), 200),
  );
