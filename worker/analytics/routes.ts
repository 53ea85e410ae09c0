// Dashboard route for every signed-in role.
import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, newRouter, problems, requireSignedIn } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { dashboardSchema, getDashboard } from "./get-dashboard.ts";

export const analyticsRoutes = newRouter().openapi(
  createRoute({
    method: "get",
    path: "/api/t/{tenant}/dashboard",
    summary: "The caller's dashboard cards",
    middleware: [requireSignedIn] as const,
    request: { params: tenantParams },
    responses: { 200: jsonResponse("Dashboard", dashboardSchema), 401: problems[401] },
  }),
  async (c) => c.json(await getDashboard({ ctx: c.get("ctx") }), 200),
);
