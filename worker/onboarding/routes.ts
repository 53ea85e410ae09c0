// Onboarding routes: vendor admins shape the checklist; partners follow
// their own progress; vendor staff follow any partner's and find the stuck.
import { z } from "@hono/zod-openapi";
import { jsonResponse, newRouter } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
import { archiveOnboardingStep } from "./archive-onboarding-step.ts";
import { completeOnboardingStep, uncompleteOnboardingStep } from "./complete-onboarding-step.ts";
import { createOnboardingStep } from "./create-onboarding-step.ts";
import { getOnboardingProgress } from "./get-onboarding-progress.ts";
import { listOnboardingSteps } from "./list-onboarding-steps.ts";
import { listStuckPartners } from "./list-stuck-partners.ts";
import {
  createOnboardingStepInput,
  onboardingProgressSchema,
  onboardingStepSchema,
  reorderOnboardingStepsInput,
  stuckPartnerSchema,
  updateOnboardingStepInput,
} from "./onboarding-schema.ts";
import { reorderOnboardingSteps } from "./reorder-onboarding-steps.ts";
import { updateOnboardingStep } from "./update-onboarding-step.ts";

const partnerOrgIdField = z.string().min(1).max(64).optional();
const completionInput = z
  .object({ partnerOrgId: partnerOrgIdField.openapi({ description: "Vendor staff: the organization. Partners: omit (their own)." }) })
  .openapi("OnboardingCompletionInput");

export const onboardingRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/onboarding/steps",
      summary: "The onboarding checklist, in order",
      permission: "onboarding.read",
      responses: { 200: jsonResponse("Steps", z.object({ items: z.array(onboardingStepSchema) })) },
    }),
    async (c) => c.json(await listOnboardingSteps({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/onboarding/steps",
      summary: "Add a step to the end of the checklist",
      permission: "onboarding.manage",
      body: createOnboardingStepInput,
      responses: { 201: jsonResponse("Added", onboardingStepSchema) },
      problems: [409],
    }),
    async (c) => c.json(await createOnboardingStep({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    tenantRoute({
      method: "put",
      path: "/onboarding/steps/order",
      summary: "Reorder the checklist (every current step, once)",
      permission: "onboarding.manage",
      body: reorderOnboardingStepsInput,
      responses: { 204: { description: "Reordered" } },
    }),
    async (c) => {
      await reorderOnboardingSteps({ ctx: c.get("ctx"), ids: c.req.valid("json").ids });
      return c.body(null, 204);
    },
  )
  .openapi(
    tenantRoute({
      method: "patch",
      path: "/onboarding/steps/{id}",
      summary: "Edit a step",
      permission: "onboarding.manage",
      body: updateOnboardingStepInput,
      responses: { 200: jsonResponse("Updated", onboardingStepSchema) },
    }),
    async (c) => c.json(await updateOnboardingStep({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "delete",
      path: "/onboarding/steps/{id}",
      summary: "Remove a step from the checklist (archived)",
      permission: "onboarding.manage",
      responses: { 204: { description: "Archived" } },
    }),
    async (c) => {
      await archiveOnboardingStep({ ctx: c.get("ctx"), id: c.req.valid("param").id });
      return c.body(null, 204);
    },
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/onboarding/steps/{id}/complete",
      summary: "Tick a custom step off (partner admins: their organization; vendor staff: any)",
      // Partners follow their own progress, vendor staff any partner's; the verb narrows.
      permission: ["onboarding.own", "onboarding.read"],
      body: completionInput,
      responses: { 200: jsonResponse("The organization's progress", onboardingProgressSchema) },
      problems: [409],
    }),
    async (c) =>
      c.json(
        await completeOnboardingStep({ ctx: c.get("ctx"), stepId: c.req.valid("param").id, partnerOrgId: c.req.valid("json").partnerOrgId ?? null }),
        200,
      ),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/onboarding/steps/{id}/uncomplete",
      summary: "Untick a custom step",
      // Partners follow their own progress, vendor staff any partner's; the verb narrows.
      permission: ["onboarding.own", "onboarding.read"],
      body: completionInput,
      responses: { 200: jsonResponse("The organization's progress", onboardingProgressSchema) },
      problems: [409],
    }),
    async (c) =>
      c.json(
        await uncompleteOnboardingStep({ ctx: c.get("ctx"), stepId: c.req.valid("param").id, partnerOrgId: c.req.valid("json").partnerOrgId ?? null }),
        200,
      ),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/onboarding/progress",
      summary: "An organization's onboarding progress (partners: their own)",
      // Partners follow their own progress, vendor staff any partner's; the verb narrows.
      permission: ["onboarding.own", "onboarding.read"],
      query: z.object({ partnerOrgId: partnerOrgIdField }),
      responses: { 200: jsonResponse("Progress", onboardingProgressSchema) },
    }),
    async (c) => c.json(await getOnboardingProgress({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("query").partnerOrgId ?? null }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/onboarding/stuck",
      summary: "Partners in onboarding for at least N days, longest first",
      permission: "onboarding.read",
      query: z.object({ olderThanDays: z.coerce.number().int().min(0).max(3650).default(14) }),
      responses: { 200: jsonResponse("Stuck partners", z.object({ items: z.array(stuckPartnerSchema) })) },
    }),
    async (c) => c.json(await listStuckPartners({ ctx: c.get("ctx"), olderThanDays: c.req.valid("query").olderThanDays }), 200),
  );
