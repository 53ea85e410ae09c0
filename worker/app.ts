// Assembles the API: middleware chain, module routers, the OpenAPI document
// and its docs page, and the single error mapper.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { analyticsRoutes } from "./analytics/routes.ts";
import { dealRoutes } from "./deals/routes.ts";
import { IMPORT_MAX_BYTES } from "./partners/import-partners-csv.ts";
import { partnerRoutes } from "./partners/routes.ts";
import { newRouter, platformContext, requestContext, tenantContext } from "./platform/http.ts";
import { onError, problemResponse } from "./platform/problem.ts";
import { authRoutes, platformRoutes, userRoutes } from "./platform/routes.ts";
import { renderDocsPage } from "./platform/docs-page.ts";
import { apiKeyRoutes } from "./platform/api-keys/routes.ts";
import { programRoutes } from "./program/routes.ts";
import { applicationRoutes } from "./recruitment/applications/routes.ts";
import { brandingRoutes } from "./recruitment/branding/routes.ts";
import { agreementRoutes } from "./agreements/routes.ts";
import { onboardingRoutes } from "./onboarding/routes.ts";
import { notificationRoutes } from "./notifications/routes.ts";

const MAX_BODY_BYTES = 1_000_000;
// The partner CSV import takes up to IMPORT_MAX_BYTES of CSV per request (its
// verb answers 413 csv_too_large beyond, naming the file's limit); as a JSON
// string the CSV grows by its escapes (quotes, newlines), hence the headroom.
const IMPORT_BODY_BYTES = 2 * IMPORT_MAX_BYTES;
const IMPORT_PATH = /^\/api\/t\/[^/]+\/partner-orgs\/import$/;

// Hono's bodyLimit checks a declared content-length up front and counts the
// bytes of a chunked body (no content-length) as they arrive, so a streamed
// upload cannot slip past the limit the way a header-only check lets it.
const tooLarge = (c: Context) => problemResponse(c, 413, "payload_too_large", "The request body is too large.");
const bodyCap = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
const importBodyCap = bodyLimit({ maxSize: IMPORT_BODY_BYTES, onError: tooLarge });

export const app = newRouter();

app.use("*", requestContext);
app.use("/api/*", (c, next) => (IMPORT_PATH.test(c.req.path) ? importBodyCap : bodyCap)(c, next));
app.use("/api/*", platformContext);
app.use("/api/t/:tenant/*", tenantContext);

app.route("/", platformRoutes);
app.route("/", authRoutes);
app.route("/", userRoutes);
app.route("/", partnerRoutes);
app.route("/", analyticsRoutes);
app.route("/", apiKeyRoutes);
app.route("/", programRoutes);
app.route("/", applicationRoutes);
app.route("/", brandingRoutes);
app.route("/", agreementRoutes);
app.route("/", onboardingRoutes);
app.route("/", dealRoutes);
app.route("/", notificationRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "http", scheme: "bearer", description: "pps_… session token" });
app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "ppk_… API key" });
app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });

export const document = {
  openapi: "3.1.0",
  info: {
    title: "Partner Portal API",
    version: "0.1.0",
    description:
      "The same API the portal uses. Tenant routes live under /api/t/{tenant}; on a tenant's own domain /api/... works too. Errors are application/problem+json (RFC 9457).",
  },
  security: [{ session: [] }, { apiKey: [] }] as Record<string, string[]>[],
};

app.doc31("/api/openapi.json", document);
app.get("/api/docs", (c) => {
  const res = c.html(renderDocsPage(app.getOpenAPI31Document(document) as Parameters<typeof renderDocsPage>[0]));
  res.headers.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return res;
});

app.notFound((c) => problemResponse(c, 404, "route_not_found", "There is no such API route."));
app.onError(onError);

export type App = typeof app;
