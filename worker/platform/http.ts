// The HTTP edge of the API Worker: the Hono env type, the router factory
// (every router validates with the same problem+json hook) and the
// middleware chain: request id -> platform context -> tenant -> actor.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { parseConfig, type Config, type WorkerEnv } from "../config.ts";
import { authenticate } from "./auth/authenticate.ts";
import type { Ctx, PlatformCtx, TenantRef } from "./context.ts";
import { openControlDb, openTenantDb } from "./db.ts";
import { Forbidden, Unauthenticated } from "./errors.ts";
import { log } from "./log.ts";
import { authorize, type Action } from "./policy.ts";
import { validationHook } from "./problem.ts";
import { ensureCurrentSchema } from "./tenancy/migrate-tenant.ts";
import { assertTenantUsable, findTenantBySlug } from "./tenancy/resolve-tenant.ts";
import { tenantDatabasesFor } from "./tenancy/tenant-databases.ts";

export interface AppEnv {
  Bindings: WorkerEnv;
  Variables: {
    requestId: string;
    config: Config;
    platform: PlatformCtx;
    tenant: TenantRef;
    ctx: Ctx;
  };
}

export const SESSION_COOKIE = "pp_session";

export function newRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: problemSchema } };

/** Standard error responses for route declarations. */
export const problems = {
  400: { description: "Malformed request", content: problemContent },
  401: { description: "Not signed in", content: problemContent },
  403: { description: "Not allowed", content: problemContent },
  404: { description: "Not found (including other tenants' objects)", content: problemContent },
  409: { description: "Conflict", content: problemContent },
  412: { description: "Precondition failed", content: problemContent },
  422: { description: "Invalid fields", content: problemContent },
  429: { description: "Too many attempts", content: problemContent },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

/** A route's CSV download (an export): declared as text, sent as an attachment by `csvAttachment`. */
export const csvResponse = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

export function csvAttachment(c: Context<AppEnv>, csv: string | ReadableStream<Uint8Array>, filename: string) {
  return c.body(csv, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  const started = Date.now();
  await next();
  c.res.headers.set("x-request-id", requestId);
  c.res.headers.set("x-content-type-options", "nosniff");
  c.res.headers.set("referrer-policy", "no-referrer");
  c.res.headers.set("x-frame-options", "DENY");
  if (!c.res.headers.has("content-security-policy")) {
    c.res.headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  }
  const platform = c.get("platform");
  if (platform) c.res.headers.set("x-db-round-trips", String(platform.trips.count));
  log("info", "request", {
    requestId,
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    status: c.res.status,
    ms: Date.now() - started,
    dbRoundTrips: platform?.trips.count,
  });
};

/** Only non-production deployments let a test move the clock, per request. */
function clockFor(c: Context<AppEnv>, config: Config): number {
  const override = c.req.header("x-test-now");
  if (override && config.environment !== "production" && /^\d{10,16}$/.test(override)) return Number(override);
  return Date.now();
}

export const platformContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = parseConfig(c.env);
  c.set("config", config);
  const trips = { count: 0 };
  const ip = c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  c.set("platform", {
    control: openControlDb(config.control, trips),
    databases: tenantDatabasesFor(config),
    now: clockFor(c, config),
    env: config,
    requestId: c.get("requestId"),
    trips,
    client: { ip, userAgent: c.req.header("user-agent") ?? null },
  });
  await next();
};

function presentedToken(c: Context<AppEnv>): { token: string; viaCookie: boolean } | null {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return { token: auth.slice(7).trim(), viaCookie: false };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, viaCookie: true } : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own origin: a cross-site
 * form or fetch carries the cookie but not a matching Origin.
 */
function assertSameOrigin(c: Context<AppEnv>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const own = new URL(c.req.url).origin;
  if (origin ? origin !== own : site !== undefined && site !== "same-origin") {
    throw new Forbidden("Cross-site requests cannot use the session cookie.", "csrf_rejected");
  }
}

/** Resolves the tenant of `/api/t/:tenant/*`, opens its database and identifies the caller. */
export const tenantContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const platform = c.get("platform");
  const slug = c.req.param("tenant") ?? "";
  const found = await findTenantBySlug(platform.control, slug.toLowerCase(), platform.now);
  assertTenantUsable(found);
  const tenant = await ensureCurrentSchema(platform, found);
  c.set("tenant", tenant);
  const db = openTenantDb(platform.databases.locate(tenant), platform.trips);
  const presented = presentedToken(c);
  if (presented?.viaCookie && presented.token.startsWith("pps_")) assertSameOrigin(c);
  const actor = await authenticate({ db, token: presented?.token ?? null, now: platform.now });
  c.set("ctx", { ...platform, tenant, actor, db });
  await next();
};

export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("ctx").actor.kind === "anonymous") throw new Unauthenticated();
  await next();
};

/** Route-level half of authorization; the verb checks again. */
export const requirePermission =
  (action: Action): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const actor = c.get("ctx").actor;
    if (actor.kind === "anonymous") throw new Unauthenticated();
    authorize(actor, action);
    await next();
  };

export function localeOf(c: Context<AppEnv>) {
  return c.req.header("accept-language");
}
