// Partner program routes: tiers, tier evaluation and its review queue, a
// partner's standing, custom metrics and the versioned program rules. Each
// handler validates (route schema), calls one verb, maps the result; the
// route's permission is checked here and again by the verb.
import { z } from "@hono/zod-openapi";
import { jsonResponse, newRouter, problems } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
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


export const programRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/tiers",
      summary: "The tier ladder, highest rank first",
      permission: "program.read",
      query: listTiersQuery,
      responses: { 200: jsonResponse("Tiers", z.object({ items: z.array(tierSchema) })) },
    }),
    async (c) => c.json(await listTiers({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/tiers",
      summary: "Add a tier (rank unique among tiers in use)",
      permission: "program.manage",
      body: createTierInput,
      responses: { 201: jsonResponse("Created", tierSchema) },
      problems: [409],
    }),
    async (c) => c.json(await createTier({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/tiers/evaluate",
      summary: "Evaluate tiers now (all partners, or one) under the tier policy",
      permission: "tiers.evaluate",
      body: evaluateTiersInput,
      responses: { 200: jsonResponse("What changed", tierEvaluationSchema) },
    }),
    async (c) => c.json(await evaluateTiers({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("json").partnerOrgId }), 200),
  )
  .openapi(
    tenantRoute({
      method: "patch",
      path: "/tiers/{id}",
      summary: "Change a tier (partners are re-measured at the next evaluation)",
      permission: "program.manage",
      body: updateTierInput,
      responses: { 200: jsonResponse("Updated", tierSchema) },
      problems: [409, 412],
    }),
    async (c) => c.json(await updateTier({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/tiers/{id}/archive",
      summary: "Archive a tier, moving the partners who hold it to another tier",
      permission: "program.manage",
      body: archiveTierInput,
      responses: { 200: jsonResponse("Archived", z.object({ tier: tierSchema, movedPartners: z.number() })) },
      problems: [409, 412],
    }),
    async (c) => c.json(await archiveTier({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/tier-changes",
      summary: "Proposed, applied and dismissed tier changes, newest first",
      permission: "program.read",
      query: listTierChangesQuery,
      responses: { 200: jsonResponse("A page of tier changes", z.object({ items: z.array(tierChangeSchema), nextCursor: z.string().nullable() })) },
      problems: [400],
    }),
    async (c) => c.json(await listTierChanges({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/tier-changes/{id}/decision",
      summary: "Apply or dismiss a proposed tier change",
      permission: "tiers.evaluate",
      body: decideTierChangeInput,
      responses: { 200: jsonResponse("Decided", tierChangeSchema) },
      problems: [409],
    }),
    async (c) => c.json(await decideTierChange({ ctx: c.get("ctx"), id: c.req.valid("param").id, decision: c.req.valid("json").decision }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/me/tier",
      summary: "My organization's tier, benefits, progress to the next tier and tier history",
      permission: "tiers.own",
      responses: { 200: jsonResponse("Standing", tierStatusSchema) },
    }),
    async (c) => c.json(await getMyTier({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/partners/{id}/tier",
      summary: "A partner's tier standing, metrics and pending proposal",
      permission: "program.read",
      responses: { 200: jsonResponse("Standing", partnerTierStatusSchema) },
    }),
    async (c) => c.json(await getPartnerTierStatus({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "put",
      path: "/partners/{id}/metrics/{metric}",
      summary: "Set a custom metric (custom:<key>) of a partner",
      permission: "tiers.evaluate",
      params: { metric: z.string().min(1).max(60).openapi({ example: "custom:certified_engineers" }) },
      body: z.object({ value: metricValueField }).openapi("SetMetricValueInput"),
      responses: { 200: jsonResponse("Set", partnerMetricSchema) },
    }),
    async (c) => {
      const { id, metric } = c.req.valid("param");
      return c.json(await setPartnerMetric({ ctx: c.get("ctx"), input: { partnerOrgId: id, metric, value: c.req.valid("json").value } }), 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/program-rules/{kind}",
      summary: "The program rules of a kind in force (version 0: the defaults)",
      permission: "program.read",
      params: { kind: programRuleKindField },
      responses: { 200: jsonResponse("Rules", programRulesSchema) },
    }),
    async (c) => c.json(await getProgramRules({ ctx: c.get("ctx"), kind: c.req.valid("param").kind }), 200),
  )
  .openapi(
    tenantRoute({
      method: "put",
      path: "/program-rules/{kind}",
      summary: "Publish a new version of a kind's program rules",
      description: "The body is the whole rules document of the kind in the path; omitted fields take their defaults. Pass the version you edited as `baseVersion` to be told (409) when someone else published meanwhile.",
      permission: "program.manage",
      params: { kind: programRuleKindField },
      query: z.object({ baseVersion: z.coerce.number().int().min(0).optional() }),
      body: programRulesBody,
      responses: { 200: jsonResponse("Published", programRulesSchema) },
      problems: [409],
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
    tenantRoute({
      method: "get",
      path: "/program-rules/{kind}/versions",
      summary: "Every published version of a kind's rules: who, when, what",
      permission: "program.read",
      params: { kind: programRuleKindField },
      responses: { 200: jsonResponse("Versions, newest first", z.object({ items: z.array(programRuleVersionSchema) })) },
    }),
    async (c) => c.json(await listProgramRuleVersions({ ctx: c.get("ctx"), kind: c.req.valid("param").kind }), 200),
  );
