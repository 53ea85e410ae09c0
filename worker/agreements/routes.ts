// Partner agreement routes: vendor admins publish versions, everyone reads
// the current one, partner admins sign it, vendor staff see who signed.
// Fixed paths are declared before `/agreements/{id}` so they win.
import { createRoute, z } from "@hono/zod-openapi";
import { pickLocale } from "../platform/email/templates.ts";
import { jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import {
  acceptanceReportRowSchema,
  acceptanceSchema,
  agreementSchema,
  agreementStatusSchema,
  agreementSummarySchema,
  publishAgreementInput,
  signAgreementInput,
} from "./agreement-schema.ts";
import { getAgreement } from "./get-agreement.ts";
import { getAgreementStatus } from "./get-agreement-status.ts";
import { getCurrentAgreement } from "./get-current-agreement.ts";
import { listAcceptances } from "./list-acceptances.ts";
import { listAgreementVersions } from "./list-agreement-versions.ts";
import { publishAgreement } from "./publish-agreement.ts";
import { signAgreement } from "./sign-agreement.ts";

const idParams = tenantParams.extend({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const optionalId = z.string().min(1).max(64).optional();

export const agreementRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/agreements",
      summary: "Published agreement versions, newest first",
      middleware: [requirePermission("agreements.read")] as const,
      request: { params: tenantParams },
      responses: {
        200: jsonResponse("Versions", z.object({ items: z.array(agreementSummarySchema) })),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json(await listAgreementVersions({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/agreements",
      summary: "Publish a new agreement version (HTML is sanitized to a safe subset)",
      middleware: [requirePermission("agreements.manage")] as const,
      request: { params: tenantParams, body: jsonBody(publishAgreementInput) },
      responses: {
        201: jsonResponse("Published", agreementSchema),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => {
      const agreement = await publishAgreement({
        ctx: c.get("ctx"),
        input: c.req.valid("json"),
        locale: pickLocale(c.req.header("accept-language")),
      });
      return c.json(agreement, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/agreements/current",
      summary: "The agreement in force (null before one is published)",
      middleware: [requirePermission("agreements.read")] as const,
      request: { params: tenantParams },
      responses: {
        200: jsonResponse("Current agreement", z.object({ agreement: agreementSchema.nullable() })),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json({ agreement: await getCurrentAgreement({ ctx: c.get("ctx") }) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/agreements/status",
      summary: "Where an organization stands against the current agreement (partners: their own); `blocking` gates the portal",
      middleware: [requirePermission("agreements.read")] as const,
      request: { params: tenantParams, query: z.object({ partnerOrgId: optionalId }) },
      responses: {
        200: jsonResponse("Status", agreementStatusSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => c.json(await getAgreementStatus({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("query").partnerOrgId ?? null }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/agreements/acceptances",
      summary: "Who signed which version and when (vendor staff)",
      middleware: [requirePermission("agreements.read")] as const,
      request: { params: tenantParams, query: z.object({ agreementId: optionalId }) },
      responses: {
        200: jsonResponse("Signatures, newest first", z.object({ items: z.array(acceptanceReportRowSchema) })),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json(await listAcceptances({ ctx: c.get("ctx"), agreementId: c.req.valid("query").agreementId ?? null }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/agreements/{id}",
      summary: "One agreement version with its text",
      middleware: [requirePermission("agreements.read")] as const,
      request: { params: idParams },
      responses: { 200: jsonResponse("Agreement", agreementSchema), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await getAgreement({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/agreements/{id}/sign",
      summary: "Accept the current agreement for the caller's organization (partner admins; idempotent)",
      middleware: [requirePermission("agreements.sign")] as const,
      request: { params: idParams, body: jsonBody(signAgreementInput) },
      responses: {
        200: jsonResponse("The organization's signature of this version", acceptanceSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) =>
      c.json(await signAgreement({ ctx: c.get("ctx"), input: { agreementId: c.req.valid("param").id, ...c.req.valid("json") } }), 200),
  );
