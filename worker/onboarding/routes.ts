// Onboarding routes: vendor admins shape the checklist; partners follow
// their own progress; vendor staff follow any partner's and find the stuck.
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { Forbidden, Unauthenticated } from "../platform/errors.ts";
import { type AppEnv, jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../platform/http.ts";
import { can, type Action } from "../platform/policy.ts";
import { tenantParams } from "../platform/routes.ts";
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

/** Progress is read by partners (`onboarding.own`) and vendor staff (`onboarding.read`); the verb narrows further. */
const requireAnyPermission =
  (...actions: Action[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const actor = c.get("ctx").actor;
    if (actor.kind === "anonymous") throw new Unauthenticated();
    if (!actions.some((a) => can(actor, a))) throw new Forbidden();
    await next();
  };

const stepParams = tenantParams.extend({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const partnerOrgIdField = z.string().min(1).max(64).optional();
const completionInput = z
  .object({ partnerOrgId: partnerOrgIdField.openapi({ description: "Vendor staff: the organization. Partners: omit (their own)." }) })
  .openapi("OnboardingCompletionInput");

export const onboardingRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/onboarding/steps",
      summary: "The onboarding checklist, in order",
      middleware: [requirePermission("onboarding.read")] as const,
      request: { params: tenantParams },
      responses: {
        200: jsonResponse("Steps", z.object({ items: z.array(onboardingStepSchema) })),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json(await listOnboardingSteps({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/onboarding/steps",
      summary: "Add a step to the end of the checklist",
      middleware: [requirePermission("onboarding.manage")] as const,
      request: { params: tenantParams, body: jsonBody(createOnboardingStepInput) },
      responses: {
        201: jsonResponse("Added", onboardingStepSchema),
        401: problems[401],
        403: problems[403],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => c.json(await createOnboardingStep({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/t/{tenant}/onboarding/steps/order",
      summary: "Reorder the checklist (every current step, once)",
      middleware: [requirePermission("onboarding.manage")] as const,
      request: { params: tenantParams, body: jsonBody(reorderOnboardingStepsInput) },
      responses: { 204: { description: "Reordered" }, 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => {
      await reorderOnboardingSteps({ ctx: c.get("ctx"), ids: c.req.valid("json").ids });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/api/t/{tenant}/onboarding/steps/{id}",
      summary: "Edit a step",
      middleware: [requirePermission("onboarding.manage")] as const,
      request: { params: stepParams, body: jsonBody(updateOnboardingStepInput) },
      responses: {
        200: jsonResponse("Updated", onboardingStepSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => c.json(await updateOnboardingStep({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/t/{tenant}/onboarding/steps/{id}",
      summary: "Remove a step from the checklist (archived)",
      middleware: [requirePermission("onboarding.manage")] as const,
      request: { params: stepParams },
      responses: { 204: { description: "Archived" }, 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await archiveOnboardingStep({ ctx: c.get("ctx"), id: c.req.valid("param").id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/onboarding/steps/{id}/complete",
      summary: "Tick a custom step off (partner admins: their organization; vendor staff: any)",
      middleware: [requireAnyPermission("onboarding.own", "onboarding.read")] as const,
      request: { params: stepParams, body: jsonBody(completionInput) },
      responses: {
        200: jsonResponse("The organization's progress", onboardingProgressSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) =>
      c.json(
        await completeOnboardingStep({ ctx: c.get("ctx"), stepId: c.req.valid("param").id, partnerOrgId: c.req.valid("json").partnerOrgId ?? null }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/onboarding/steps/{id}/uncomplete",
      summary: "Untick a custom step",
      middleware: [requireAnyPermission("onboarding.own", "onboarding.read")] as const,
      request: { params: stepParams, body: jsonBody(completionInput) },
      responses: {
        200: jsonResponse("The organization's progress", onboardingProgressSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) =>
      c.json(
        await uncompleteOnboardingStep({ ctx: c.get("ctx"), stepId: c.req.valid("param").id, partnerOrgId: c.req.valid("json").partnerOrgId ?? null }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/onboarding/progress",
      summary: "An organization's onboarding progress (partners: their own)",
      middleware: [requireAnyPermission("onboarding.own", "onboarding.read")] as const,
      request: { params: tenantParams, query: z.object({ partnerOrgId: partnerOrgIdField }) },
      responses: {
        200: jsonResponse("Progress", onboardingProgressSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => c.json(await getOnboardingProgress({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("query").partnerOrgId ?? null }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/onboarding/stuck",
      summary: "Partners in onboarding for at least N days, longest first",
      middleware: [requirePermission("onboarding.read")] as const,
      request: { params: tenantParams, query: z.object({ olderThanDays: z.coerce.number().int().min(0).max(3650).default(14) }) },
      responses: {
        200: jsonResponse("Stuck partners", z.object({ items: z.array(stuckPartnerSchema) })),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await listStuckPartners({ ctx: c.get("ctx"), olderThanDays: c.req.valid("query").olderThanDays }), 200),
  );
