// The API Worker's three entry points. Each parses config once and hands it
// to the same verbs: `fetch` through Hono, `scheduled` through the cron map,
// `queue` through the consumers. Hono's platform middleware asks
// parseConfig(c.env) for the same env and gets this very object back (the
// parse is cached per env), so a request never parses twice.
import { app } from "./app.ts";
import { parseConfig, type Config, type WorkerEnv } from "./config.ts";
import { runCron } from "./platform/jobs/cron.ts";
import { consumeBatch } from "./platform/jobs/queues.ts";
import { openControlDb } from "./platform/db.ts";
import { enableDeferredSessionCheck } from "./platform/http.ts";
import { findTenantByHost } from "./platform/tenancy/resolve-tenant.ts";

// Paths that are never tenant-scoped, whatever the host.
const PLATFORM_PATHS = /^\/api\/(t\/|health$|signup$|tenants\/|dev\/|admin\/|openapi\.json$|docs$)/;

/**
 * On a tenant's own host (subdomain or custom domain) `/api/x` means
 * `/api/t/<slug>/x`, so integrations can use either form.
 */
async function routeByHost(request: Request, config: Config): Promise<Request> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/api/") || PLATFORM_PATHS.test(url.pathname)) return request;
  const host = request.headers.get("x-forwarded-host") ?? url.host;
  const tenant = await findTenantByHost(openControlDb(config.control), host, config.tenantBaseDomain, Date.now());
  if (!tenant) return request;
  url.pathname = `/api/t/${tenant.slug}${url.pathname.slice(4)}`;
  return new Request(url, request);
}

// A request whose session changed role or organization meanwhile is run again from the start.
enableDeferredSessionCheck((request, env, executionCtx) => Promise.resolve(app.fetch(request, env as WorkerEnv, executionCtx)));

export default {
  async fetch(request, env, ctx) {
    const config = parseConfig(env);
    return app.fetch(await routeByHost(request, config), env, ctx);
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runCron(controller.cron, parseConfig(env), controller.scheduledTime));
  },

  async queue(batch, env, _ctx) {
    await consumeBatch(batch, parseConfig(env), Date.now());
  },
} satisfies ExportedHandler<WorkerEnv>;
