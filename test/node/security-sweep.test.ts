// The security sweep: every operation under /api/t/{tenant} in the API's
// OpenAPI document, checked through the real app against the policy table.
// Each route declares its permission (`tenantRoute({ permission })` writes it
// into the operation as `x-permission`); from that and `policy` alone this
// test derives what every caller must get:
//   - no session: 401 (unless the route is public);
//   - every role lacking the permission, as a person and as an API key, and an
//     API key for a people-only act (policy.ts `peopleOnly`): 403;
//   - a role that has it, given an object id of another tenant in any object
//     path parameter: 404;
//   - a partner role that has it, given another organization's object: 404.
// Nothing here is listed per route except the reasons for the open routes
// (OPEN_ROUTES) and how to make an object of each kind that a path names
// (OBJECTS). A new route that forgets its permission, opens itself without a
// reason, or names an object this file cannot make fails here with a message
// saying what to add. Modelled on unkey's `runCommonRouteTests`.
import { describe, expect, it } from "vitest";
import { roles, type Role } from "../../db/tenant/schema.ts";
import { app, document } from "../../worker/app.ts";
import { isPeopleOnly, policy, type Action } from "../../worker/platform/policy.ts";
import { appHarness, type ApiCall } from "../support/app-harness.ts";
import { createDealPortal, dealInput, type DealPortal } from "../support/deals.ts";
import { addMember, createTestPlatform, uniqueName } from "../support/platform.ts";
import { benefits } from "../support/program.ts";

const p = await createTestPlatform();
const api = appHarness(p);

// ---------------------------------------------------------------------------
// The one exceptions table: operations any signed-in member, or anyone, may
// call, each with the reason. The route must declare exactly this permission;
// a route declaring "public" or "signedIn" that is not listed here fails.

const OPEN_ROUTES: Record<string, { permission: "public" | "signedIn"; reason: string }> = {
  "POST /auth/login": { permission: "public", reason: "signing in is how a session starts" },
  "POST /auth/logout": { permission: "public", reason: "ending a session that may already have expired must still clear the cookie" },
  "POST /auth/password-reset": { permission: "public", reason: "people who forgot their password cannot sign in to ask" },
  "POST /auth/password-reset/confirm": { permission: "public", reason: "the emailed reset token is the credential" },
  "GET /invitations/lookup": { permission: "public", reason: "the invitee has no account yet; the link's token is the credential" },
  "POST /invitations/accept": { permission: "public", reason: "accepting an invitation creates the account; the token is the credential" },
  "POST /applications": { permission: "public", reason: "prospective partners apply from the public page (rate-limited per address)" },
  "GET /branding": { permission: "public", reason: "the sign-in and application pages show the vendor's branding before anyone signs in" },
  "GET /me": { permission: "signedIn", reason: "every member reads who they are and what they may do" },
  "PUT /me/locale": { permission: "signedIn", reason: "every member chooses their own language" },
  "GET /dashboard": { permission: "signedIn", reason: "every role has a dashboard; the verb picks the vendor or the partner one" },
  "GET /partner-orgs/{id}": {
    permission: "signedIn",
    reason: "vendor staff read any organization (partners.read), partners their own; the verb narrows, and the scope checks below prove it",
  },
  "PATCH /partner-orgs/{id}": {
    permission: "signedIn",
    reason: "vendor staff edit any organization (partners.manage), a partner admin their own profile (profile.manage_own); the verb narrows",
  },
};

// ---------------------------------------------------------------------------
// Tenants, people and objects. Two portals (A is called, B is "another
// tenant"), each with two partner organizations, north and south; the caller
// of partner roles belongs to A's north. An object "side" is where an object
// is made: home (A, north), otherOrg (A, south), otherTenant (B, north).

type SideName = "home" | "otherOrg" | "otherTenant";
interface Side {
  name: SideName;
  w: DealPortal;
  base: string;
  org: string;
  partnerAdmin: string;
  partnerUser: string;
}

const [A, B] = await Promise.all([createDealPortal(p), createDealPortal(p)]);

async function ok<T>(res: Response | Promise<Response>, what: string): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status >= 300) throw new Error(`sweep setup: ${what} answered ${r.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function memberId(w: DealPortal, email: string): Promise<string> {
  const page = await ok<{ items: { id: string; email: string }[] }>(
    api("GET", `/api/t/${w.t.tenant.slug}/users?q=${encodeURIComponent(email)}`, { token: w.tokens.admin }),
    "GET /users",
  );
  const found = page.items.find((u) => u.email === email);
  if (!found) throw new Error(`sweep setup: member ${email} not listed`);
  return found.id;
}

function side(name: SideName, w: DealPortal, which: "north" | "south"): Side {
  return {
    name,
    w,
    base: `/api/t/${w.t.tenant.slug}`,
    org: w[which],
    partnerAdmin: which === "north" ? w.tokens.northAdmin : w.tokens.southAdmin,
    partnerUser: which === "north" ? w.tokens.northRep : w.tokens.southRep,
  };
}

const sides: Record<SideName, Side> = {
  home: side("home", A, "north"),
  otherOrg: side("otherOrg", A, "south"),
  otherTenant: side("otherTenant", B, "north"),
};

/** A partner user of the side's organization who is never a caller (so naming it cannot lock a caller out). */
const bystander = memo(async (s: Side) => {
  const { email } = await addMember(p, s.w.t, { role: "partner_user", partnerOrgId: s.org, name: "Bea Bystander" });
  return memberId(s.w, email);
});

interface ObjectKind {
  /** Partner roles see only their own organization's objects of this kind. */
  orgScoped: boolean;
  make(s: Side): Promise<string>;
}

/** A deal of the side's organization: registered by its partner user, approved, with a pending extension request. */
const dealOf = memo(async (s: Side) => {
  const deal = await ok<{ id: string }>(api("POST", `${s.base}/deals`, { token: s.partnerUser, body: dealInput({ customerName: uniqueName("Globex") }) }), "POST /deals");
  await ok(api("POST", `${s.base}/deals/${deal.id}/approve`, { token: s.w.tokens.manager, body: {} }), "POST /deals/{id}/approve");
  const extension = await ok<{ id: string }>(
    api("POST", `${s.base}/deals/${deal.id}/extensions`, { token: s.partnerUser, body: { justification: "The customer's board meets next month." } }),
    "POST /deals/{id}/extensions",
  );
  return { deal: deal.id, extension: extension.id };
});

/** Tier changes need a tier, review mode and an evaluation; one per tenant gives one proposal per organization. */
const tierProposals = memo(async (s: Side) => {
  const admin = s.w.tokens.admin;
  await ok(api("PUT", `${s.base}/program-rules/tier_policy`, { token: admin, body: { mode: "review" } }), "PUT /program-rules/tier_policy");
  await ok(api("POST", `${s.base}/tiers/evaluate`, { token: s.w.tokens.manager, body: {} }), "POST /tiers/evaluate");
  const queue = await ok<{ items: { id: string; partnerOrg: { id: string } }[] }>(
    api("GET", `${s.base}/tier-changes?status=proposed`, { token: admin }),
    "GET /tier-changes",
  );
  return queue.items;
}, (s) => s.w);

const tierOf = memo(
  async (s: Side) =>
    (
      await ok<{ id: string }>(
        api("POST", `${s.base}/tiers`, {
          token: s.w.tokens.admin,
          body: { name: "Registered", rank: 10, color: "#64748b", benefits: benefits(), criteria: [] },
        }),
        "POST /tiers",
      )
    ).id,
  (s) => s.w,
);

/**
 * How to make an object of each kind a path can name, keyed by the path up to
 * and including the parameter (relative to /api/t/{tenant}). Path parameters
 * whose schema is an enum (a rule kind, a metric) are values, not objects,
 * and need no entry.
 */
const OBJECTS: Record<string, ObjectKind> = {
  "/deals/{id}": { orgScoped: true, make: async (s) => (await dealOf(s)).deal },
  "/deals/{id}/extensions/{requestId}": { orgScoped: true, make: async (s) => (await dealOf(s)).extension },
  "/partner-orgs/{id}": { orgScoped: true, make: async (s) => s.org },
  "/partners/{id}": { orgScoped: true, make: async (s) => s.org },
  "/users/{id}": { orgScoped: true, make: bystander },
  "/invitations/{id}": {
    orgScoped: true,
    make: async (s) =>
      (
        await ok<{ invitation: { id: string } }>(
          api("POST", `${s.base}/invitations`, {
            token: s.w.tokens.admin,
            body: { email: `${uniqueName("invitee")}@example.com`, name: "Ivy Invitee", role: "partner_user", partnerOrgId: s.org },
          }),
          "POST /invitations",
        )
      ).invitation.id,
  },
  "/tier-changes/{id}": {
    orgScoped: true,
    make: async (s) => {
      await tierOf(s);
      const proposal = (await tierProposals(s)).find((c) => c.partnerOrg.id === s.org);
      if (!proposal) throw new Error("sweep setup: no tier change proposed for the organization");
      return proposal.id;
    },
  },
  "/tiers/{id}": { orgScoped: false, make: tierOf },
  "/agreements/{id}": {
    orgScoped: false,
    make: memo(
      async (s) =>
        (
          await ok<{ id: string }>(
            api("POST", `${s.base}/agreements`, { token: s.w.tokens.admin, body: { title: "Partner Program Agreement", body: "<p>Terms.</p>", graceDays: 30 } }),
            "POST /agreements",
          )
        ).id,
      (s) => s.w,
    ),
  },
  "/onboarding/steps/{id}": {
    orgScoped: false,
    make: memo(
      async (s) =>
        (await ok<{ id: string }>(api("POST", `${s.base}/onboarding/steps`, { token: s.w.tokens.admin, body: { kind: "custom", title: "Book the kickoff call" } }), "POST /onboarding/steps")).id,
      (s) => s.w,
    ),
  },
  "/applications/{id}": {
    orgScoped: false,
    make: memo(
      async (s) =>
        (
          await ok<{ id: string }>(
            api("POST", `${s.base}/applications`, {
              ip: `192.0.2.${Math.floor(Math.random() * 250) + 1}`,
              body: { company: uniqueName("Applicant"), websiteDomain: `${uniqueName("app")}.example.com`, country: "DE", partnerType: "reseller", contactName: "Ada Applicant", contactEmail: `${uniqueName("ada")}@example.com` },
            }),
            "POST /applications",
          )
        ).id,
      (s) => s.w,
    ),
  },
  "/api-keys/{id}": {
    orgScoped: false,
    make: memo(
      async (s) =>
        (await ok<{ key: { id: string } }>(api("POST", `${s.base}/api-keys`, { token: s.w.tokens.admin, body: { name: "CRM sync", role: "channel_manager" } }), "POST /api-keys")).key.id,
      (s) => s.w,
    ),
  },
};

/**
 * Path parameters that are values, not objects (and not enums, which the
 * sweep reads from the schema): a valid value for each, keyed like OBJECTS.
 */
const VALUES: Record<string, string> = {
  "/partners/{id}/metrics/{metric}": "custom:certified_engineers",
};

/** One result per key (the side by default), however often and concurrently asked for. */
function memo<T>(make: (s: Side) => Promise<T>, keyOf: (s: Side) => unknown = (s) => s): (s: Side) => Promise<T> {
  const made = new Map<unknown, Promise<T>>();
  return (s) => {
    const key = keyOf(s);
    if (!made.has(key)) made.set(key, make(s));
    return made.get(key)!;
  };
}

// The callers in A: a person of each role, and an API key acting as each role
// (partner roles for A's north, like the people).
interface Caller {
  label: string;
  role: Role;
  token: string;
  apiKey: boolean;
}
const people: Caller[] = [
  { label: "vendor_admin", role: "vendor_admin", token: A.tokens.admin, apiKey: false },
  { label: "channel_manager", role: "channel_manager", token: A.tokens.manager, apiKey: false },
  { label: "partner_admin", role: "partner_admin", token: A.tokens.northAdmin, apiKey: false },
  { label: "partner_user", role: "partner_user", token: A.tokens.northRep, apiKey: false },
];
const keys: Caller[] = await Promise.all(
  roles.map(async (role) => {
    const body = { name: `sweep ${role}`, role, partnerOrgId: role.startsWith("partner_") ? A.north : null };
    const created = await ok<{ secret: string }>(api("POST", `/api/t/${A.t.tenant.slug}/api-keys`, { token: A.tokens.admin, body }), "POST /api-keys");
    return { label: `${role} API key`, role, token: created.secret, apiKey: true };
  }),
);
const callers = [...people, ...keys];

// ---------------------------------------------------------------------------
// Reading the OpenAPI document.

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface Operation {
  "x-permission"?: string | string[];
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const doc = app.getOpenAPI31Document(document) as unknown as OpenApiDoc;
const TENANT_PREFIX = "/api/t/{tenant}";

function deref(schema: JsonSchema): JsonSchema {
  let s = schema;
  while (s.$ref) s = doc.components!.schemas![s.$ref.replace("#/components/schemas/", "")]!;
  return s;
}

/**
 * Values for fields a generator cannot guess: patterns, and fields a verb
 * checks against the caller before it looks up the object (a partner admin
 * may give partner roles only; a signature must be the signer's own name, and
 * only A's north partner admin, Nora North, may sign).
 */
const FIELD_SAMPLES: Record<string, unknown> = {
  currency: "USD",
  country: "US",
  color: "#336699",
  locale: "en",
  role: "partner_user",
  signedName: "Nora North",
  // Vendor staff name the organization they act on (onboarding); A's north.
  partnerOrgId: A.north,
};
const YESTERDAY = new Date(Date.now() - 24 * 60 * 60 * 1000);

/** The smallest value the schema accepts: required fields only, the first enum value, the lower bounds. */
function sample(schema: JsonSchema, field?: string): unknown {
  const s = deref(schema);
  if (field !== undefined && field in FIELD_SAMPLES) return FIELD_SAMPLES[field];
  if ("const" in s) return s.const;
  if (s.enum) return s.enum[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return sample(alternatives.find((a) => deref(a).type !== "null") ?? alternatives[0]!, field);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part) => sample(part, field)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      // Required fields, and optional ones FIELD_SAMPLES knows (a verb may need them from some callers).
      const names = Object.keys(s.properties ?? {}).filter((name) => s.required?.includes(name) || name in FIELD_SAMPLES);
      return Object.fromEntries(names.map((name) => [name, sample(s.properties![name]!, name)]));
    }
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case "integer":
    case "number":
      return Math.min(Math.max(1, s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1), s.maximum ?? Infinity);
    case "boolean":
      return false;
    case "string": {
      if (s.format === "email") return "sweep@example.com";
      if (s.format === "date") return YESTERDAY.toISOString().slice(0, 10);
      if (s.format === "date-time") return YESTERDAY.toISOString();
      if (s.format === "uri" || s.format === "url") return "https://example.com/";
      const text = "Sweep sample text";
      return text.padEnd(s.minLength ?? 0, "x").slice(0, s.maxLength ?? text.length);
    }
    default:
      return null;
  }
}

interface SweptOperation {
  /** e.g. "POST /deals/{id}/approve" (relative to /api/t/{tenant}) */
  name: string;
  method: string;
  path: string;
  op: Operation;
}

const operations: SweptOperation[] = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith(`${TENANT_PREFIX}/`))
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path.slice(TENANT_PREFIX.length)}`, method: method.toUpperCase(), path: path.slice(TENANT_PREFIX.length), op })),
  );

/** One action, any of several actions (the verb narrows to the right one), any member, or anyone. */
type Permission = Action | Action[] | "signedIn" | "public";

function permissionOf(o: SweptOperation): Permission {
  const declared = o.op["x-permission"];
  if (declared === undefined) {
    throw new Error(`${o.name} declares no permission: declare it with tenantRoute({ permission }) (worker/platform/tenant-route.ts)`);
  }
  const actions = Array.isArray(declared) ? declared : [declared];
  if (actions.length === 0 || (declared !== "public" && declared !== "signedIn" && !actions.every((a) => a in policy))) {
    throw new Error(`${o.name} declares x-permission ${JSON.stringify(declared)}, which is not an action (or list of actions) of the policy table (worker/platform/policy.ts)`);
  }
  const open = OPEN_ROUTES[o.name];
  if ((declared === "public" || declared === "signedIn") && open?.permission !== declared) {
    throw new Error(`${o.name} is "${declared}": if that is meant, add it with its reason to OPEN_ROUTES in this file`);
  }
  if (open && open.permission !== declared) throw new Error(`${o.name} is listed in OPEN_ROUTES as "${open.permission}" but declares "${declared}"`);
  return declared as Permission;
}

const allows = (permission: Permission, role: Role, apiKey: boolean) =>
  permission === "public" ||
  permission === "signedIn" ||
  (Array.isArray(permission) ? permission : [permission]).some(
    (action) => (policy[action] as readonly Role[]).includes(role) && !(apiKey && isPeopleOnly(action)),
  );

interface PathParam {
  name: string;
  /** An object id (named by the key into OBJECTS) or a fixed value. */
  object: string | null;
  value: string | null;
}

/** The path's parameters in order; an object parameter without an OBJECTS entry throws, saying what to add. */
function pathParams(o: SweptOperation): PathParam[] {
  return [...o.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => {
    const name = m[1]!;
    const schema = deref(o.op.parameters?.find((q) => q.in === "path" && q.name === name)?.schema ?? {});
    if (schema.enum) return { name, object: null, value: String(schema.enum[0]) };
    const key = o.path.slice(0, m.index + m[0].length);
    if (VALUES[key] !== undefined) return { name, object: null, value: VALUES[key] };
    if (!OBJECTS[key]) {
      throw new Error(
        `${o.name}: path parameter {${name}} names an object kind the sweep cannot make: add "${key}" to OBJECTS in this file (or to VALUES if it is not an object id)`,
      );
    }
    return { name, object: key, value: null };
  });
}

function pathFor(o: SweptOperation, ids: Record<string, string>): string {
  return o.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(ids[name]!));
}

function querySample(o: SweptOperation): string {
  const required = (o.op.parameters ?? []).filter((q) => q.in === "query" && q.required);
  if (required.length === 0) return "";
  return `?${new URLSearchParams(required.map((q) => [q.name, String(sample(q.schema, q.name))])).toString()}`;
}

function bodySample(o: SweptOperation): unknown {
  const schema = o.op.requestBody?.content["application/json"]?.schema;
  return schema ? sample(schema) : undefined;
}

async function idsOn(params: PathParam[], s: Side, foreign?: { param: string; side: Side }): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const param of params) {
    ids[param.name] = param.value ?? (await OBJECTS[param.object!]!.make(foreign?.param === param.name ? foreign.side : s));
  }
  return ids;
}

interface Check {
  who: string;
  token: string | null;
  apiKey: boolean;
  what: string;
  ids: Record<string, string>;
  /** The path parameter holding the foreign object, for the 404 checks. */
  foreign?: string;
  expect: 401 | 403 | 404;
}

/** Every check the policy table implies for one operation. */
async function checksFor(o: SweptOperation): Promise<Check[]> {
  const permission = permissionOf(o);
  const params = pathParams(o);
  const home = await idsOn(params, sides.home);
  const checks: Check[] = [];
  if (permission !== "public") checks.push({ who: "no session", token: null, apiKey: false, what: "its own tenant's objects", ids: home, expect: 401 });
  for (const c of callers) {
    if (!allows(permission, c.role, c.apiKey)) checks.push({ who: c.label, token: c.token, apiKey: c.apiKey, what: "its own tenant's objects", ids: home, expect: 403 });
  }
  const permitted: { who: string; token: string | null; apiKey: boolean; role: Role | null }[] = callers
    .filter((c) => allows(permission, c.role, c.apiKey))
    .map((c) => ({ who: c.label, token: c.token, apiKey: c.apiKey, role: c.role }));
  if (permission === "public") permitted.push({ who: "no session", token: null, apiKey: false, role: null });
  for (const param of params.filter((q) => q.object)) {
    const otherTenant = await idsOn(params, sides.home, { param: param.name, side: sides.otherTenant });
    for (const c of permitted) checks.push({ ...c, what: `another tenant's object as {${param.name}}`, ids: otherTenant, foreign: param.name, expect: 404 });
    if (OBJECTS[param.object!]!.orgScoped) {
      const otherOrg = await idsOn(params, sides.home, { param: param.name, side: sides.otherOrg });
      for (const c of permitted.filter((q) => q.role === "partner_admin" || q.role === "partner_user")) {
        checks.push({ ...c, what: `another organization's object as {${param.name}}`, ids: otherOrg, foreign: param.name, expect: 404 });
      }
    }
  }
  return checks;
}

const NOT_THE_OBJECT = new Set(["route_not_found", "tenant_not_found"]);

interface Answer {
  status: number;
  problem: boolean;
  code?: string;
  errors?: unknown[];
  text: string;
}

async function ask(o: SweptOperation, check: Check, ids: Record<string, string>): Promise<Answer> {
  const call: ApiCall = { token: check.token };
  const body = bodySample(o);
  if (body !== undefined) call.body = body;
  const res = await api(o.method, `${sides.home.base}${pathFor(o, ids)}${querySample(o)}`, call);
  const text = await res.text();
  let parsed: { code?: string; errors?: unknown[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = {};
  }
  const problem = (res.headers.get("content-type") ?? "").startsWith("application/problem+json");
  return { status: res.status, problem, ...(problem ? { code: parsed.code, errors: parsed.errors } : {}), text };
}

/**
 * A 403 instead of the 404, when the caller is refused whatever the id: some
 * acts are for people only (signing, an inbox), whose verbs refuse an API key
 * with 403 person_required before looking anything up; and a route open to
 * several actions (or to any member) lets its verb narrow to the right one
 * (only a partner admin ticks onboarding steps). Fine only when an id that
 * exists nowhere gets the very same answer: then it tells nothing about the
 * other tenant's (or organization's) object.
 */
async function refusedWhateverTheId(o: SweptOperation, check: Check, answer: Answer): Promise<boolean> {
  if (!check.foreign || answer.status !== 403) return false;
  const permission = o.op["x-permission"];
  const verbNarrows = Array.isArray(permission) || permission === "signedIn";
  if (!(verbNarrows || (check.apiKey && answer.code === "person_required"))) return false;
  const unknown = await ask(o, check, { ...check.ids, [check.foreign]: crypto.randomUUID() });
  return unknown.status === answer.status && unknown.code === answer.code;
}

/** "" when the response is what the check expects, otherwise one line saying what came back. */
async function run(o: SweptOperation, check: Check): Promise<string> {
  const answer = await ask(o, check, check.ids);
  const fine =
    answer.problem &&
    ((answer.status === check.expect && !(check.expect === 404 && answer.code !== undefined && NOT_THE_OBJECT.has(answer.code))) ||
      (check.expect === 404 && (await refusedWhateverTheId(o, check, answer))));
  if (fine) return "";
  const got = answer.code ? `${answer.code}${answer.errors ? ` ${JSON.stringify(answer.errors)}` : ""}` : answer.text.slice(0, 200);
  return `${check.who}, ${check.what}: expected ${check.expect} problem+json, got ${answer.status} ${got}`;
}

const CHUNK = 8;

describe.concurrent("security sweep: every tenant operation against the policy table", () => {
  it("finds the tenant operations in the OpenAPI document", () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const name of Object.keys(OPEN_ROUTES)) expect(operations.map((o) => o.name), `OPEN_ROUTES lists ${name}, which no longer exists`).toContain(name);
  });

  for (const o of operations) {
    it(o.name, async () => {
      const checks = await checksFor(o);
      const failures: string[] = [];
      for (let i = 0; i < checks.length; i += CHUNK) {
        failures.push(...(await Promise.all(checks.slice(i, i + CHUNK).map((c) => run(o, c)))).filter(Boolean));
      }
      expect(failures, `${o.name} (x-permission ${o.op["x-permission"]})`).toEqual([]);
    });
  }
});
