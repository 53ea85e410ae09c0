// Drives this routers over HTTP in Node through the real middleware
// chain (request id -> platform context from env -> tenant -> actor) and the
// real error mapper, against the test platform's databases. worker/app.ts
// mounts the same routers; this harness only spares the tests from depending
// on that wiring.
import type { OpenAPIHono } from "@hono/zod-openapi";
import { newRouter, platformContext, requestContext, tenantContext, type AppEnv } from "../../../worker/platform/http.ts";
import { onError, problemResponse } from "../../../worker/platform/problem.ts";
import type { TestPlatform } from "../../support/platform.ts";

export interface ApiCall {
  method?: string;
  token?: string | null;
  body?: unknown;
  now?: number;
  headers?: Record<string, string>;
}

export function testApi(p: TestPlatform, ...routers: OpenAPIHono<AppEnv>[]) {
  const app = newRouter();
  app.use("*", requestContext);
  app.use("/api/*", platformContext);
  app.use("/api/t/:tenant/*", tenantContext);
  for (const router of routers) app.route("/", router);
  app.notFound((c) => problemResponse(c, 404, "route_not_found", "There is no such API route."));
  app.onError(onError);
  const env = {
    ENVIRONMENT: "test",
    LIBSQL_URL: p.config.libsql.url,
    CONTROL_DB_URL: p.config.control.url,
    PORTAL_URL: p.config.portalUrl,
    OUTBOX_QUEUE: p.outbox,
    TENANT_OPS_QUEUE: p.tenantOps,
  };
  return async (path: string, call: ApiCall = {}) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.now !== undefined) headers["x-test-now"] = String(call.now);
    if (call.body !== undefined) headers["content-type"] = "application/json";
    // Per-request info logs are noise here; warnings and errors still print.
    const info = console.log;
    console.log = () => {};
    let res: Response;
    try {
      res = await app.request(
        `http://api.test${path}`,
        { method: call.method ?? (call.body !== undefined ? "POST" : "GET"), headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) },
        env,
      );
    } finally {
      console.log = info;
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown> & { code?: string; errors?: { field: string; code?: string; message: string }[] }) : null;
    return { status: res.status, json, headers: res.headers };
  };
}

/** Resolves to the thrown error (or fails the test if nothing was thrown). */
export async function caught(promise: Promise<unknown> | (() => unknown)): Promise<Error & { code?: string; fields?: { field: string; code?: string; message: string }[] }> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (e) {
    return e as Error & { code?: string; fields?: { field: string; code?: string; message: string }[] };
  }
  throw new Error("expected an error, but the call succeeded");
}
