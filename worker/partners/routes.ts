// Partner organization routes (vendor staff).
import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { createPartnerOrg } from "./create-partner-org.ts";
import { listPartnerOrgs } from "./list-partner-orgs.ts";
import { createPartnerOrgInput, partnerOrgSchema } from "./partner-org-schema.ts";

export const partnerRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/partner-orgs",
      summary: "Partner organizations",
      middleware: [requirePermission("partners.read")] as const,
      request: { params: tenantParams },
      responses: {
        200: jsonResponse("Organizations", z.object({ items: z.array(partnerOrgSchema) })),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => c.json(await listPartnerOrgs({ ctx: c.get("ctx") }), 200),
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
  );
