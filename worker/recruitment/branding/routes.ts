// Portal branding routes: public read, vendor-admin save and preview.
import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../../platform/http.ts";
import { tenantParams } from "../../platform/routes.ts";
import { brandingSchema, updateBrandingInput } from "./branding-schema.ts";
import { getBranding } from "./get-branding.ts";
import { previewBranding } from "./preview-branding.ts";
import { updateBranding } from "./update-branding.ts";

export const brandingRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/branding",
      summary: "The portal's branding (public: landing and apply pages use it)",
      security: [],
      request: { params: tenantParams },
      responses: { 200: jsonResponse("Branding, or the defaults when never set", brandingSchema), 404: problems[404] },
    }),
    async (c) => c.json(await getBranding({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/t/{tenant}/branding",
      summary: "Save the portal's branding",
      middleware: [requirePermission("branding.manage")] as const,
      request: { params: tenantParams, body: jsonBody(updateBrandingInput) },
      responses: {
        200: jsonResponse("Saved", brandingSchema),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await updateBranding({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/branding/preview",
      summary: "Check a branding change and see the computed text colour, without saving",
      middleware: [requirePermission("branding.manage")] as const,
      request: { params: tenantParams, body: jsonBody(updateBrandingInput) },
      responses: {
        200: jsonResponse("What would be saved", brandingSchema),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(previewBranding({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );
