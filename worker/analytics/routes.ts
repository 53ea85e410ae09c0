// Dashboard routes: the cards for every signed-in role, and the program
// overview for vendor staff.
import { jsonResponse, newRouter } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
import { dashboardSchema, getDashboard } from "./get-dashboard.ts";
import { getProgramOverview, programOverviewSchema } from "./get-program-overview.ts";

export const analyticsRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/dashboard",
      summary: "The caller's dashboard cards",
      permission: "signedIn",
      responses: { 200: jsonResponse("Dashboard", dashboardSchema) },
    }),
    async (c) => c.json(await getDashboard({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/dashboard/program",
      summary: "Partners by stage and tier, and the applications and tier proposals waiting",
      permission: "dashboard.vendor",
      responses: { 200: jsonResponse("Program overview", programOverviewSchema) },
    }),
    async (c) => c.json(await getProgramOverview({ ctx: c.get("ctx") }), 200),
  );
