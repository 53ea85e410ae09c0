// Partner organization routes: the vendor console's list, export and import,
// each organization's profile, lifecycle and activity. Partner roles reach
// only their own organization's profile (read, and edit for partner admins).
import { createRoute, z } from "@hono/zod-openapi";
import { csvAttachment, csvResponse, jsonBody, jsonResponse, newRouter, problems, problemSchema, requirePermission, requireSignedIn } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { changePartnerStatus, changePartnerStatusInput } from "./change-partner-status.ts";
import { createPartnerOrg } from "./create-partner-org.ts";
import { exportPartnersCsv, exportPartnersQuery } from "./export-partners-csv.ts";
import { getPartnerOrg } from "./get-partner-org.ts";
import { importPartnersCsv, importPartnersInput, importResultSchema } from "./import-partners-csv.ts";
import { listPartnerActivity, partnerActivitySchema } from "./list-partner-activity.ts";
import { listPartnerOrgs, listPartnerOrgsQuery } from "./list-partner-orgs.ts";
import { createPartnerOrgInput, partnerOrgDetailSchema, partnerOrgSchema, updatePartnerProfileInput } from "./partner-org-schema.ts";
import { updatePartnerProfile } from "./update-partner-profile.ts";

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
const orgParams = tenantParams.extend({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });

export const partnerRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partner-orgs",
      summary: "Partner organizations: search, filter, sort, keyset pages and the filter's total",
      middleware: [requirePermission("partners.read")] as const,
      request: { params: tenantParams, query: listPartnerOrgsQuery },
      responses: {
        200: jsonResponse(
          "A page of organizations",
          z.object({ items: z.array(partnerOrgSchema), nextCursor: z.string().nullable(), total: z.number() }).openapi("PartnerOrgPage"),
        ),
        400: problems[400],
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await listPartnerOrgs({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/partner-orgs",
      summary: "Add a partner organization",
      middleware: [requirePermission("partners.manage")] as const,
      request: { params: tenantParams, body: jsonBody(createPartnerOrgInput) },
      responses: {
        201: jsonResponse("Created", partnerOrgSchema),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await createPartnerOrg({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  // Registered before /partner-orgs/{id}, which would otherwise take "export.csv" as an id.
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partner-orgs/export.csv",
      summary: "Export partner organizations as CSV (same filters and order as the list)",
      middleware: [requirePermission("partners.export")] as const,
      request: { params: tenantParams, query: exportPartnersQuery },
      responses: { 200: csvResponse("RFC 4180 CSV with a header row"), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => csvAttachment(c, await exportPartnersCsv({ ctx: c.get("ctx"), query: c.req.valid("query") }), "partners.csv"),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/partner-orgs/import",
      summary:
        "Import partner organizations from CSV. Columns by header name: name (required), legal_name, website_domain, country, region, " +
        "partner_type, size, status. Invalid and duplicate rows are reported by row number and skipped; valid rows are imported in " +
        "atomic batches of 500. Send a large file in chunks: each request carries the header row plus up to 500 data rows as `csv`, " +
        "with `offset` = data rows sent before it (row numbers then match the whole file) and the response's `nextOffset` for the next " +
        "chunk. `dryRun` validates without importing. At most 5,000 rows and 2 MB per request (413 beyond).",
      middleware: [requirePermission("partners.import")] as const,
      request: { params: tenantParams, body: jsonBody(importPartnersInput) },
      responses: {
        200: jsonResponse("What was imported and which rows failed", importResultSchema),
        401: problems[401],
        403: problems[403],
        413: problem("The file is too large or has too many rows"),
        422: problems[422],
      },
    }),
    async (c) => {
      const { csv, offset, dryRun } = c.req.valid("json");
      return c.json(await importPartnersCsv({ ctx: c.get("ctx"), csv, offset, dryRun }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partner-orgs/{id}",
      summary: "One partner organization's profile (partner roles: their own only)",
      middleware: [requireSignedIn] as const,
      request: { params: orgParams },
      responses: {
        200: jsonResponse("The organization", partnerOrgDetailSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => c.json(await getPartnerOrg({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/api/t/{tenant}/partner-orgs/{id}",
      summary: "Edit a partner profile (vendor staff: any organization; partner admins: their own, except the owner)",
      middleware: [requireSignedIn] as const,
      request: { params: orgParams, body: jsonBody(updatePartnerProfileInput) },
      responses: {
        200: jsonResponse("The updated organization", partnerOrgDetailSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => c.json(await updatePartnerProfile({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/partner-orgs/{id}/status",
      summary: "Move a partner through its lifecycle; suspending or offboarding ends its members' sessions",
      middleware: [requirePermission("partners.manage")] as const,
      request: { params: orgParams, body: jsonBody(changePartnerStatusInput) },
      responses: {
        200: jsonResponse("The organization in its new status", partnerOrgDetailSchema),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        412: problem("Not a legal transition from the current status (code illegal_transition)"),
        422: problems[422],
      },
    }),
    async (c) => c.json(await changePartnerStatus({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partner-orgs/{id}/activity",
      summary: "A partner organization's recent activity (the latest 50 audit entries about it and its people)",
      middleware: [requirePermission("partners.read")] as const,
      request: { params: orgParams },
      responses: {
        200: jsonResponse("Newest first", z.object({ items: z.array(partnerActivitySchema) })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => c.json(await listPartnerActivity({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  );
