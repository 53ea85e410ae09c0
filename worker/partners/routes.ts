// Partner organization routes: the vendor console's list, export and import,
// each organization's profile, lifecycle and activity. Partner roles reach
// only their own organization's profile (read, and edit for partner admins).
import { z } from "@hono/zod-openapi";
import { csvAttachment, csvResponse, jsonResponse, newRouter } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
import { changePartnerStatus, changePartnerStatusInput } from "./change-partner-status.ts";
import { createPartnerOrg } from "./create-partner-org.ts";
import { exportPartnersCsv, exportPartnersQuery } from "./export-partners-csv.ts";
import { getPartnerOrg } from "./get-partner-org.ts";
import { importPartnersCsv, importPartnersInput, importResultSchema } from "./import-partners-csv.ts";
import { listPartnerActivity, partnerActivitySchema } from "./list-partner-activity.ts";
import { listPartnerOrgs, listPartnerOrgsQuery } from "./list-partner-orgs.ts";
import { createPartnerOrgInput, partnerOrgDetailSchema, partnerOrgSchema, updatePartnerProfileInput } from "./partner-org-schema.ts";
import { updatePartnerProfile } from "./update-partner-profile.ts";


export const partnerRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/partner-orgs",
      summary: "Partner organizations: search, filter, sort, keyset pages and the filter's total",
      permission: "partners.read",
      query: listPartnerOrgsQuery,
      responses: { 200: jsonResponse(
          "A page of organizations",
          z.object({ items: z.array(partnerOrgSchema), nextCursor: z.string().nullable(), total: z.number() }).openapi("PartnerOrgPage"),
        ) },
      problems: [400],
    }),
    async (c) => c.json(await listPartnerOrgs({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/partner-orgs",
      summary: "Add a partner organization",
      permission: "partners.manage",
      body: createPartnerOrgInput,
      responses: { 201: jsonResponse("Created", partnerOrgSchema) },
    }),
    async (c) => c.json(await createPartnerOrg({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  // Registered before /partner-orgs/{id}, which would otherwise take "export.csv" as an id.
  .openapi(
    tenantRoute({
      method: "get",
      path: "/partner-orgs/export.csv",
      summary: "Export partner organizations as CSV (same filters and order as the list)",
      permission: "partners.export",
      query: exportPartnersQuery,
      responses: { 200: csvResponse("RFC 4180 CSV with a header row") },
    }),
    async (c) => csvAttachment(c, await exportPartnersCsv({ ctx: c.get("ctx"), query: c.req.valid("query") }), "partners.csv"),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/partner-orgs/import",
      summary: "Import partner organizations from CSV. Columns by header name: name (required), legal_name, website_domain, country, region, " +
        "partner_type, size, status. Invalid and duplicate rows are reported by row number and skipped; valid rows are imported in " +
        "atomic batches of 500. Send a large file in chunks: each request carries the header row plus up to 500 data rows as `csv`, " +
        "with `offset` = data rows sent before it (row numbers then match the whole file) and the response's `nextOffset` for the next " +
        "chunk. `dryRun` validates without importing. At most 5,000 rows and 2 MB per request (413 beyond).",
      permission: "partners.import",
      body: importPartnersInput,
      responses: { 200: jsonResponse("What was imported and which rows failed", importResultSchema) },
      problems: [{ 413: "The file is too large or has too many rows" }],
    }),
    async (c) => {
      const { csv, offset, dryRun } = c.req.valid("json");
      return c.json(await importPartnersCsv({ ctx: c.get("ctx"), csv, offset, dryRun }), 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/partner-orgs/{id}",
      summary: "One partner organization's profile (partner roles: their own only)",
      permission: "signedIn",
      responses: { 200: jsonResponse("The organization", partnerOrgDetailSchema) },
    }),
    async (c) => c.json(await getPartnerOrg({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "patch",
      path: "/partner-orgs/{id}",
      summary: "Edit a partner profile (vendor staff: any organization; partner admins: their own, except the owner)",
      permission: "signedIn",
      body: updatePartnerProfileInput,
      responses: { 200: jsonResponse("The updated organization", partnerOrgDetailSchema) },
    }),
    async (c) => c.json(await updatePartnerProfile({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/partner-orgs/{id}/status",
      summary: "Move a partner through its lifecycle; suspending or offboarding ends its members' sessions",
      permission: "partners.manage",
      body: changePartnerStatusInput,
      responses: { 200: jsonResponse("The organization in its new status", partnerOrgDetailSchema) },
      problems: [{ 412: "Not a legal transition from the current status (code illegal_transition)" }],
    }),
    async (c) => c.json(await changePartnerStatus({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/partner-orgs/{id}/activity",
      summary: "A partner organization's recent activity (the latest 50 audit entries about it and its people)",
      permission: "partners.read",
      responses: { 200: jsonResponse("Newest first", z.object({ items: z.array(partnerActivitySchema) })) },
    }),
    async (c) => c.json(await listPartnerActivity({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  );
