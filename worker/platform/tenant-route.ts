// The one way to declare an API route. A declaration names what the route
// needs (its permission, its input, its success responses) and gets the rest
// from here: the permission middleware, the tenant and object-id path
// parameters, the standard problem responses, and the permission written into
// the OpenAPI operation as `x-permission`, which the security sweep test reads
// to check every route against the policy table. Modelled on unkey's
// `createAuthenticatedRoute` + `openApiErrorResponses`.
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { Forbidden, Unauthenticated } from "./errors.ts";
import { type AppEnv, problems, requirePermission, requireSignedIn } from "./http.ts";
import { can, type Action } from "./policy.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route: a policy action (checked in middleware here and again
 * by the verb), any one of several actions, any signed-in member, or anyone
 * (sign-in, invitation and reset links, the public pages' branding).
 */
export type RoutePermission = Action | readonly [Action, ...Action[]] | "signedIn" | "public";

/** Problem statuses a route adds to the standard ones because its verb can answer them. */
type ExtraStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 429;
/** A status, or a status with what it means on this route (`{ 412: "Already decided" }`). */
type ExtraProblem = ExtraStatus | { [S in ExtraStatus]?: string };

type ResponseSpec = { description: string; content?: Record<string, { schema: z.ZodType }> };

const standardProblems = {
  ...problems,
  413: { description: "Payload too large", content: problems[400].content },
} as const;

/** `{id}`-style placeholders of a path, minus the tenant's. */
type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends "tenant" ? never : Name) | PathParamNames<Rest>
  : never;

/** An object id in a path: random and unguessable, never longer than this. */
export const objectIdParam = z.string().min(1).max(64);

const tenantParam = z.string().min(1).max(64).openapi({ param: { name: "tenant", in: "path" }, example: "acme" });

interface RouteSpec<P extends string> {
  method: Method;
  /** Relative to `/api/t/{tenant}`, e.g. `/deals/{id}/approve`. */
  path: P;
  summary: string;
  description?: string;
  permission: RoutePermission;
  /** Schemas for path parameters that are not object ids (an enum, a metric key). */
  params?: Partial<Record<PathParamNames<P>, z.ZodType>>;
  query?: z.ZodType;
  headers?: z.ZodType;
  /** A JSON request body. */
  body?: z.ZodType;
  /** The success responses; the problem responses are added. */
  responses: Record<number, ResponseSpec>;
  problems?: readonly ExtraProblem[];
}

type ParamsSchema<P extends string, S> = z.ZodObject<
  { tenant: z.ZodString } & {
    [K in PathParamNames<P>]: S extends { params: infer O } ? (K extends keyof O ? NonNullable<O[K]> : z.ZodString) : z.ZodString;
  }
>;

type RequestOf<P extends string, S> = { params: ParamsSchema<P, S> } & (S extends { query: infer Q extends z.ZodType }
  ? { query: Q }
  : unknown) &
  (S extends { headers: infer H extends z.ZodType } ? { headers: H } : unknown) &
  (S extends { body: infer B extends z.ZodType } ? { body: { required: true; content: { "application/json": { schema: B } } } } : unknown);

type StandardProblems = { 401: (typeof problems)[401]; 403: (typeof problems)[403]; 404: (typeof problems)[404]; 422: (typeof problems)[422] };

function placeholders(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

function middlewareFor(permission: RoutePermission): MiddlewareHandler<AppEnv>[] {
  if (permission === "public") return [];
  if (permission === "signedIn") return [requireSignedIn];
  if (typeof permission === "string") return [requirePermission(permission)];
  return [requireAnyPermission(permission)];
}

const requireAnyPermission =
  (actions: readonly Action[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const actor = c.get("ctx").actor;
    if (actor.kind === "anonymous") throw new Unauthenticated();
    if (!actions.some((a) => can(actor, a))) throw new Forbidden();
    await next();
  };

/**
 * Standard problems for a route: 401 and 403 unless it is public, 404 when
 * the path names an object, 400 when it takes a JSON body (which may not
 * parse), 422 when it takes input, plus its own extras.
 */
function problemsFor(
  o: { signedIn: boolean; namesObject: boolean; hasInput: boolean; hasBody: boolean },
  extra: readonly ExtraProblem[],
) {
  const statuses = new Set<number>();
  const described: Record<number, string> = {};
  for (const e of extra) {
    if (typeof e === "number") statuses.add(e);
    else for (const [status, description] of Object.entries(e)) described[Number(status)] = description;
  }
  if (o.namesObject) statuses.add(404);
  if (o.hasBody) statuses.add(400);
  if (o.signedIn) {
    statuses.add(401);
    statuses.add(403);
  }
  if (o.hasInput) statuses.add(422);
  const responses: Record<number, ResponseSpec> = Object.fromEntries(
    [...statuses].map((s) => [s, standardProblems[s as keyof typeof standardProblems]]),
  );
  for (const [status, description] of Object.entries(described)) {
    responses[Number(status)] = { ...standardProblems[Number(status) as keyof typeof standardProblems], description };
  }
  return responses;
}

function buildRoute(
  spec: RouteSpec<string>,
  at: { prefix: string; params: Record<string, z.ZodType>; xPermission: string | readonly string[]; signedIn: boolean },
) {
  const { prefix, params } = at;
  const overrides = (spec.params ?? {}) as Record<string, z.ZodType>;
  const names = placeholders(spec.path);
  for (const name of names) params[name] = (overrides[name] ?? objectIdParam).openapi({ param: { name, in: "path" } });
  const hasInput = names.length > 0 || spec.query !== undefined || spec.headers !== undefined || spec.body !== undefined;
  const request: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) request.params = z.object(params);
  if (spec.query) request.query = spec.query;
  if (spec.headers) request.headers = spec.headers;
  if (spec.body) request.body = { required: true, content: { "application/json": { schema: spec.body } } };
  return createRoute({
    method: spec.method,
    path: `${prefix}${spec.path}`,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.permission === "public" ? { security: [] } : {}),
    "x-permission": at.xPermission,
    middleware: middlewareFor(spec.permission),
    request,
    responses: {
      ...problemsFor(
        // Every tenant route can meet an unknown tenant: a 404 like another tenant's object.
        { signedIn: at.signedIn, namesObject: Object.keys(params).length > 0, hasInput, hasBody: spec.body !== undefined },
        spec.problems ?? [],
      ),
      ...spec.responses,
    },
  });
}

// A type alias, not an interface: RouteConfig wants an `x-*` index signature,
// which only object type aliases satisfy implicitly.
type DeclaredRoute<M, Path, Req, Res> = {
  method: M;
  path: Path;
  summary: string;
  middleware: MiddlewareHandler<AppEnv>[];
  request: Req;
  responses: Res;
  getRoutingPath(): string;
};

/** Declares a route under `/api/t/{tenant}`; pass the result to `router.openapi(...)`. */
export function tenantRoute<const P extends `/${string}`, const S extends RouteSpec<P>>(spec: S & { path: P }) {
  const route = buildRoute(spec as RouteSpec<string>, {
    prefix: "/api/t/{tenant}",
    params: { tenant: tenantParam },
    xPermission: spec.permission,
    signedIn: spec.permission !== "public",
  });
  return route as unknown as DeclaredRoute<S["method"], `/api/t/{tenant}${P}`, RequestOf<P, S>, StandardProblems & S["responses"]>;
}

type PlatformRequestOf<P extends string, S> = object &
  (PathParamNames<P> extends never
  ? unknown
  : { params: z.ZodObject<{ [K in PathParamNames<P>]: S extends { params: infer O } ? (K extends keyof O ? NonNullable<O[K]> : z.ZodString) : z.ZodString }> }) &
  (S extends { query: infer Q extends z.ZodType } ? { query: Q } : unknown) &
  (S extends { body: infer B extends z.ZodType } ? { body: { required: true; content: { "application/json": { schema: B } } } } : unknown);

/**
 * Declares a route outside any tenant (health, signup, the portal lookup, dev
 * and operator endpoints). `operator` routes check the operator token in their
 * handler; the operation says so in `x-permission` and its security scheme.
 */
export function platformRoute<const P extends `/api/${string}`, const S extends Omit<RouteSpec<P>, "permission"> & { access: "public" | "operator" }>(
  spec: S & { path: P },
) {
  const route = buildRoute({ ...spec, permission: "public" } as RouteSpec<string>, {
    prefix: "",
    params: {},
    xPermission: spec.access,
    signedIn: spec.access === "operator",
  });
  if (spec.access === "operator") Object.assign(route, { security: [{ adminToken: [] }] });
  return route as unknown as DeclaredRoute<S["method"], P, PlatformRequestOf<P, S>, S["responses"]>;
}
