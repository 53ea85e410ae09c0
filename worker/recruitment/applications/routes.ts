// "Become a partner" applications: the public form, and the review queue
// for vendor staff.
import { z } from "@hono/zod-openapi";
import { pickLocale } from "../../platform/email/templates.ts";
import { jsonResponse, newRouter } from "../../platform/http.ts";
import { tenantRoute } from "../../platform/tenant-route.ts";
import { invitationSchema } from "../../platform/users/invitation-schema.ts";
import { applicationSchema, reviewApplicationInput, submitApplicationInput } from "./application-schema.ts";
import { getApplication } from "./get-application.ts";
import { listApplications, listApplicationsQuery } from "./list-applications.ts";
import { reviewApplication } from "./review-application.ts";
import { submitApplication } from "./submit-application.ts";


const reviewResultSchema = z
  .object({
    application: applicationSchema,
    invitation: invitationSchema.nullable(),
    invitationError: z.object({ code: z.string(), detail: z.string() }).nullable(),
  })
  .openapi("ReviewApplicationResult");

export const applicationRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "post",
      path: "/applications",
      summary: "Apply to become a partner (public; no session needed; 5 per hour per address)",
      permission: "public",
      body: submitApplicationInput,
      responses: { 201: jsonResponse("Received; a confirmation email is on its way", z.object({ id: z.string(), status: z.literal("pending") }).openapi("ApplicationReceipt")) },
      problems: [429],
    }),
    async (c) =>
      c.json(await submitApplication({ ctx: c.get("ctx"), input: c.req.valid("json"), locale: pickLocale(c.req.header("accept-language")) }), 201),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/applications",
      summary: "Partner applications, newest first",
      permission: "applications.review",
      query: listApplicationsQuery,
      responses: { 200: jsonResponse("A page of applications", z.object({ items: z.array(applicationSchema), nextCursor: z.string().nullable() })) },
      problems: [400],
    }),
    async (c) => c.json(await listApplications({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/applications/{id}",
      summary: "One partner application",
      permission: "applications.review",
      responses: { 200: jsonResponse("The application", applicationSchema) },
    }),
    async (c) => c.json(await getApplication({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/applications/{id}/review",
      summary: "Decide an application: approve (creates the partner organization in onboarding and invites the contact as partner admin), " +
        "decline (reason required, emailed) or request_info (message required, emailed)",
      permission: "applications.review",
      body: reviewApplicationInput,
      responses: { 200: jsonResponse("Decided", reviewResultSchema) },
      problems: [{ 412: "Already approved or declined (code already_decided)" }],
    }),
    async (c) => c.json(await reviewApplication({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
