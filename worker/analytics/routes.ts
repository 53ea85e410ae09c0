// Dashboard routes: the cards for every signed-in role, and the program
// overview for vendor staff.
import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, newRouter, problems, requirePermission, requireSignedIn } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { dashboardSchema, getDashboard } from "./get-dashboard.ts";
import { getProgramOverview, programOverviewSchema } from "./get-program-overview.ts";

export const analyticsRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/dashboard",
      summary: "The caller's dashboard cards",
      middleware: [requireSignedIn] as const,
      request: { params: tenantParams },
      responses: { 200: jsonResponse("Dashboard", dashboardSchema), 401: problems[401] },
    }),
    async (c) => c.json(await getDashboard({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/dashboard/program",
      summary: "Partners by stage and tier, and the applications and tier proposals waiting",
      middleware: [requirePermission("dashboard.vendor")] as const,
      request: { params: tenantParams },
      responses: { 200: jsonResponse("Program overview", programOverviewSchema), 401: problems[401], 403: problems[403] },
    }),
    async (c) => c.json(await getProgramOverview({ ctx: c.get("ctx") }), 200),
  );
