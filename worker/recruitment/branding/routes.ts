// Portal branding routes: public read, vendor-admin save and preview.
import { jsonResponse, newRouter } from "../../platform/http.ts";
import { tenantRoute } from "../../platform/tenant-route.ts";
import { brandingSchema, updateBrandingInput } from "./branding-schema.ts";
import { getBranding } from "./get-branding.ts";
import { previewBranding } from "./preview-branding.ts";
import { updateBranding } from "./update-branding.ts";

export const brandingRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/branding",
      summary: "The portal's branding (public: landing and apply pages use it)",
      permission: "public",
      responses: { 200: jsonResponse("Branding, or the defaults when never set", brandingSchema) },
    }),
    async (c) => c.json(await getBranding({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "put",
      path: "/branding",
      summary: "Save the portal's branding",
      permission: "branding.manage",
      body: updateBrandingInput,
      responses: { 200: jsonResponse("Saved", brandingSchema) },
    }),
    async (c) => c.json(await updateBranding({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/branding/preview",
      summary: "Check a branding change and see the computed text colour, without saving",
      permission: "branding.manage",
      body: updateBrandingInput,
      responses: { 200: jsonResponse("What would be saved", brandingSchema) },
    }),
    async (c) => c.json(previewBranding({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );
