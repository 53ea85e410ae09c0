// Partner agreement routes: vendor admins publish versions, everyone reads
// the current one, partner admins sign it, vendor staff see who signed.
// Fixed paths are declared before `/agreements/{id}` so they win.
import { z } from "@hono/zod-openapi";
import { pickLocale } from "../platform/email/templates.ts";
import { jsonResponse, newRouter, problems } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
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

const optionalId = z.string().min(1).max(64).optional();

export const agreementRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/agreements",
      summary: "Published agreement versions, newest first",
      permission: "agreements.read",
      responses: { 200: jsonResponse("Versions", z.object({ items: z.array(agreementSummarySchema) })) },
    }),
    async (c) => c.json(await listAgreementVersions({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/agreements",
      summary: "Publish a new agreement version (HTML is sanitized to a safe subset)",
      permission: "agreements.manage",
      body: publishAgreementInput,
      responses: { 201: jsonResponse("Published", agreementSchema) },
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
    tenantRoute({
      method: "get",
      path: "/agreements/current",
      summary: "The agreement in force (null before one is published)",
      permission: "agreements.read",
      responses: { 200: jsonResponse("Current agreement", z.object({ agreement: agreementSchema.nullable() })) },
    }),
    async (c) => c.json({ agreement: await getCurrentAgreement({ ctx: c.get("ctx") }) }, 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/agreements/status",
      summary: "Where an organization stands against the current agreement (partners: their own); `blocking` gates the portal",
      permission: "agreements.read",
      query: z.object({ partnerOrgId: optionalId }),
      responses: { 200: jsonResponse("Status", agreementStatusSchema) },
    }),
    async (c) => c.json(await getAgreementStatus({ ctx: c.get("ctx"), partnerOrgId: c.req.valid("query").partnerOrgId ?? null }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/agreements/acceptances",
      summary: "Who signed which version and when (vendor staff)",
      permission: "agreements.read",
      query: z.object({ agreementId: optionalId }),
      responses: { 200: jsonResponse("Signatures, newest first", z.object({ items: z.array(acceptanceReportRowSchema) })) },
    }),
    async (c) => c.json(await listAcceptances({ ctx: c.get("ctx"), agreementId: c.req.valid("query").agreementId ?? null }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/agreements/{id}",
      summary: "One agreement version with its text",
      permission: "agreements.read",
      responses: { 200: jsonResponse("Agreement", agreementSchema) },
    }),
    async (c) => c.json(await getAgreement({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/agreements/{id}/sign",
      summary: "Accept the current agreement for the caller's organization (partner admins; idempotent)",
      permission: "agreements.sign",
      body: signAgreementInput,
      responses: { 200: jsonResponse("The organization's signature of this version", acceptanceSchema) },
      problems: [409],
    }),
    async (c) =>
      c.json(await signAgreement({ ctx: c.get("ctx"), input: { agreementId: c.req.valid("param").id, ...c.req.valid("json") } }), 200),
  );
