// "Become a partner" applications: the public form, and the review queue
// for vendor staff.
import { createRoute, z } from "@hono/zod-openapi";
import { pickLocale } from "../../platform/email/templates.ts";
import { jsonBody, jsonResponse, newRouter, problems, problemSchema, requirePermission } from "../../platform/http.ts";
import { tenantParams } from "../../platform/routes.ts";
import { invitationSchema } from "../../platform/users/invitation-schema.ts";
import { applicationSchema, reviewApplicationInput, submitApplicationInput } from "./application-schema.ts";
import { getApplication } from "./get-application.ts";
import { listApplications, listApplicationsQuery } from "./list-applications.ts";
import { reviewApplication } from "./review-application.ts";
import { submitApplication } from "./submit-application.ts";

const appParams = tenantParams.extend({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const problem412 = {
  description: "Already approved or declined (code already_decided)",
  content: { "application/problem+json": { schema: problemSchema } },
};

const reviewResultSchema = z
  .object({
    application: applicationSchema,
    invitation: invitationSchema.nullable(),
    invitationError: z.object({ code: z.string(), detail: z.string() }).nullable(),
  })
  .openapi("ReviewApplicationResult");

export const applicationRoutes = newRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/applications",
      summary: "Apply to become a partner (public; no session needed; 5 per hour per address)",
      security: [],
      request: { params: tenantParams, body: jsonBody(submitApplicationInput) },
      responses: {
        201: jsonResponse("Received; a confirmation email is on its way", z.object({ id: z.string(), status: z.literal("pending") }).openapi("ApplicationReceipt")),
        422: problems[422],
        429: problems[429],
      },
    }),
    async (c) =>
      c.json(await submitApplication({ ctx: c.get("ctx"), input: c.req.valid("json"), locale: pickLocale(c.req.header("accept-language")) }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/applications",
      summary: "Partner applications, newest first",
      middleware: [requirePermission("applications.review")] as const,
      request: { params: tenantParams, query: listApplicationsQuery },
      responses: {
        200: jsonResponse("A page of applications", z.object({ items: z.array(applicationSchema), nextCursor: z.string().nullable() })),
        400: problems[400],
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json(await listApplications({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/applications/{id}",
      summary: "One partner application",
      middleware: [requirePermission("applications.review")] as const,
      request: { params: appParams },
      responses: { 200: jsonResponse("The application", applicationSchema), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await getApplication({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/applications/{id}/review",
      summary:
        "Decide an application: approve (creates the partner organization in onboarding and invites the contact as partner admin), " +
        "decline (reason required, emailed) or request_info (message required, emailed)",
      middleware: [requirePermission("applications.review")] as const,
      request: { params: appParams, body: jsonBody(reviewApplicationInput) },
      responses: {
        200: jsonResponse("Decided", reviewResultSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        412: problem412,
        422: problems[422],
      },
    }),
    async (c) => c.json(await reviewApplication({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
