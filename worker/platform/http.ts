// The HTTP edge of the API Worker: the Hono env type, the router factory
// (every router validates with the same problem+json hook) and the
// middleware chain: request id -> platform context -> tenant -> actor.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { matchedRoutes } from "hono/route";
import { parseConfig, type Config, type WorkerEnv } from "../config.ts";
import { authenticate, sessionActor, verifySession } from "./auth/authenticate.ts";
import { afterConfirmation, gatedTenantDb, SessionGate } from "./auth/deferred-session.ts";
import { recallSession, rememberSession } from "./auth/session-claims.ts";
import { hashToken } from "./auth/tokens.ts";
import type { Ctx, PlatformCtx, TenantRef } from "./context.ts";
import { controlDbOver, openControlDb, openTenantDb, type TenantDb } from "./db.ts";
import { Forbidden, Unauthenticated } from "./errors.ts";
import { log } from "./log.ts";
import { authorize, type Action } from "./policy.ts";
import { onError, validationHook } from "./problem.ts";
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

/** Runs a request again from the start (the app's own fetch); set by the Worker entry. */
type Replay = (request: Request, env: WorkerEnv, executionCtx: Context<AppEnv>["executionCtx"] | undefined) => Promise<Response>;
let replay: Replay | null = null;

/**
 * Lets session checks ride in the verb's first database call
 * (`auth/deferred-session.ts`). Needs a way to run a request again when the
 * session's role or organization changed meanwhile; without it (an app
 * assembled by hand, as some tests do) every session is checked eagerly.
 */
export function enableDeferredSessionCheck(fetch: Replay): void {
  replay = fetch;
}

// The route middleware that turn an anonymous caller away (401) and check the
// actor before the handler runs. Only behind one of them may the session
// check be deferred: there a session found invalid later is answered 401,
// exactly as the middleware would have answered it; other routes treat an
// invalid session as an anonymous caller, so they need to know first.
const actorGuards = new WeakSet<object>();
const gates = new WeakMap<Ctx, SessionGate>();
// Requests being run again after a membership change: checked eagerly, so a run never repeats twice.
const replays = new WeakSet<Request>();

function guardedRoute(c: Context<AppEnv>): boolean {
  return matchedRoutes(c).some((r) => actorGuards.has(r.handler));
}

function deferredCtx(c: Context<AppEnv>, base: Ctx, gate: SessionGate, raw: TenantDb): Ctx {
  const { queues } = base.env;
  base.db = gatedTenantDb(raw, gate);
  base.control = controlDbOver(afterConfirmation(base.control.$client, gate));
  base.env = { ...base.env, queues: { outbox: afterConfirmation(queues.outbox, gate), tenantOps: afterConfirmation(queues.tenantOps, gate) } };
  gates.set(base, gate);
  c.set("ctx", base);
  return base;
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
  const token = presented?.token ?? null;
  if (!token?.startsWith("pps_")) {
    c.set("ctx", { ...platform, tenant, actor: await authenticate({ db, token, now: platform.now }), db });
    return next();
  }
  const tokenHash = await hashToken(token);
  const known = replay && !replays.has(c.req.raw) && guardedRoute(c) ? recallSession(tenant.id, tokenHash) : undefined;
  if (!known) {
    const claims = await verifySession({ db, tokenHash, now: platform.now });
    if (claims) rememberSession(tenant.id, tokenHash, claims);
    c.set("ctx", { ...platform, tenant, actor: claims ? sessionActor(claims) : { kind: "anonymous" }, db });
    return next();
  }

  const ctx: Ctx = { ...platform, tenant, actor: sessionActor(known), db };
  const gate = new SessionGate(db, tenant.id, tokenHash, platform.now, known, ctx);
  deferredCtx(c, ctx, gate, db);
  const again: Request = SAFE_METHODS.has(c.req.method) ? (c.req.raw as Request) : (c.req.raw.clone() as Request);
  await next();
  // Nothing leaves before the database has confirmed the session.
  await gate.confirmNow({ adopt: false });
  if (gate.state === "gone") {
    c.res = undefined;
    c.res = onError(new Unauthenticated(), c);
  } else if (gate.state === "changed") {
    const headers = new Headers(again.headers);
    headers.set("x-request-id", c.get("requestId"));
    const rerun = new Request(again, { headers });
    replays.add(rerun);
    let executionCtx: Context<AppEnv>["executionCtx"] | undefined;
    try {
      executionCtx = c.executionCtx;
    } catch {
      executionCtx = undefined;
    }
    const res = await replay!(rerun, c.env, executionCtx);
    platform.trips.count += Number(res.headers.get("x-db-round-trips") ?? 0);
    c.res = undefined;
    c.res = res;
  }
};

/**
 * The actor as the database has it now. A route that answers from the actor
 * alone (`GET /me`: profile, unread count, branding) makes no tenant call the
 * session check could ride in, so what this isolate remembered would be its
 * answer; this confirms the session first (the one round trip such a read
 * costs anyway) and adopts the fresh membership.
 */
export async function confirmedActor(c: Context<AppEnv>): Promise<Ctx["actor"]> {
  const ctx = c.get("ctx");
  const gate = gates.get(ctx);
  if (gate) {
    await gate.confirmNow({ adopt: true });
    gate.assertUsable();
  }
  return ctx.actor;
}

export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("ctx").actor.kind === "anonymous") throw new Unauthenticated();
  await next();
};
actorGuards.add(requireSignedIn);

/** Route-level half of authorization; the verb checks again. */
export const requirePermission = (action: Action): MiddlewareHandler<AppEnv> => {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const ctx = c.get("ctx");
    const gate = gates.get(ctx);
    if (gate?.state === "unconfirmed") {
      // Refused on the actor this isolate last saw: ask the database before
      // answering, so a revoked session is still 401 and a new role counts.
      try {
        authorize(ctx.actor, action);
      } catch {
        await gate.confirmNow({ adopt: true });
        gate.assertUsable();
      }
    }
    const actor = ctx.actor;
    if (actor.kind === "anonymous") throw new Unauthenticated();
    authorize(actor, action);
    await next();
  };
  actorGuards.add(middleware);
  return middleware;
};

export function localeOf(c: Context<AppEnv>) {
  return c.req.header("accept-language");
}
