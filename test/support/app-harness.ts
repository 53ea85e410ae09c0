// Route tests through the real API: `app` from worker/app.ts with its whole
// middleware chain (request id, platform context, the tenant's suspension
// check and schema catch-up, the actor, CSRF on cookie writes, the body cap)
// and the single error mapper, called in Node with Worker bindings built the
// way the workers project builds them. The bindings point at the test
// platform's own control database, so tenants made by the factories in
// platform.ts are the tenants the app sees.
//
// The only stand-ins are the two queue producers: Node has no Queue binding,
// so the app sends to the platform's RecordingQueues (p.outbox, p.tenantOps),
// which record what was sent; queues themselves run in the workerd suite.
import { app } from "../../worker/app.ts";
import type { WorkerEnv } from "../../worker/config.ts";
import type { TestPlatform } from "./platform.ts";

export interface ApiCall {
  /** Sent as `authorization: Bearer …` (a session or an API key). */
  token?: string | null;
  body?: unknown;
  /** The client address, as Cloudflare reports it (`cf-connecting-ip`). */
  ip?: string;
  /** The request's clock (`x-test-now`, honoured outside production). */
  now?: number;
  headers?: Record<string, string>;
}

export type ApiCaller = (method: string, path: string, call?: ApiCall) => Promise<Response>;

/** The Worker bindings of a test deployment whose databases are `p`'s. */
export function workerEnv(p: TestPlatform): WorkerEnv {
  return {
    ENVIRONMENT: "test",
    LIBSQL_URL: p.config.libsql.url,
    CONTROL_DB_URL: p.config.control.url,
    PORTAL_URL: p.config.portalUrl,
    TENANT_BASE_DOMAIN: p.config.tenantBaseDomain,
    ADMIN_TOKEN: p.config.adminToken,
    OUTBOX_QUEUE: p.config.queues.outbox,
    TENANT_OPS_QUEUE: p.config.queues.tenantOps,
  };
}

// The app logs one info line per request; hundreds of them would bury a
// failing test's output. Only those lines are dropped (warnings, errors and
// everything else still print). Installed once, so overlapping requests
// (Promise.all) cannot restore each other's console.
const REQUEST_LOG = '{"level":"info","msg":"request"';
let quiet = false;
function quietRequestLogs() {
  if (quiet) return;
  quiet = true;
  const print = console.log.bind(console);
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith(REQUEST_LOG)) return;
    print(...args);
  };
}

/** A caller of the real app: `api("GET", "/api/t/acme/me", { token })`. */
export function appHarness(p: TestPlatform): ApiCaller {
  quietRequestLogs();
  // One env object for the harness: the app parses (and caches) config per env.
  const env = workerEnv(p);
  return (method, path, call = {}) => {
    const headers: Record<string, string> = { "user-agent": "vitest", ...call.headers };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.ip) headers["cf-connecting-ip"] = call.ip;
    if (call.now) headers["x-test-now"] = String(call.now);
    if (call.body !== undefined) headers["content-type"] = "application/json";
    const init: RequestInit = { method, headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) };
    return Promise.resolve(app.request(path, init, env));
  };
}
