// Builds real platform contexts for service-verb tests in Node: a fresh
// control database per test file on the real local libSQL server, real tenant
// databases per test. The only stand-in is the queue producer, which records
// what was sent (queues themselves are exercised in the workerd suite).
import { inject } from "vitest";
import { bootstrapLocal } from "../../db/bootstrap.ts";
import type { Config, OutboxMessage, TenantOpsMessage } from "../../worker/config.ts";
import { authenticate } from "../../worker/platform/auth/authenticate.ts";
import type { Actor, Ctx, PlatformCtx, TenantRef } from "../../worker/platform/context.ts";
import { openControlDb, openTenantDb } from "../../worker/platform/db.ts";
import { signupVendor } from "../../worker/platform/tenancy/signup-vendor.ts";
import { findTenantById } from "../../worker/platform/tenancy/tenant-context.ts";
import { LocalTenantDatabases } from "../../worker/platform/tenancy/tenant-databases.ts";
import { acceptInvitation } from "../../worker/platform/users/accept-invitation.ts";
import { inviteUser } from "../../worker/platform/users/invite-user.ts";
import { createPartnerOrg } from "../../worker/partners/create-partner-org.ts";
import type { Role } from "../../db/tenant/schema.ts";

export class RecordingQueue<T> {
  readonly sent: T[] = [];
  async send(body: T) {
    this.sent.push(body);
  }
  async sendBatch(messages: Iterable<{ body: T }>) {
    for (const m of messages) this.sent.push(m.body);
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

export interface TestPlatform {
  config: Config;
  outbox: RecordingQueue<OutboxMessage>;
  tenantOps: RecordingQueue<TenantOpsMessage>;
  ctx(now?: number, client?: PlatformCtx["client"]): PlatformCtx;
}

/** A platform with its own control database, so test files never share state. */
export async function createTestPlatform(): Promise<TestPlatform> {
  const baseUrl = inject("libsqlUrl");
  const control = uniqueName("control");
  const mailbox = uniqueName("mail");
  await bootstrapLocal({ baseUrl, control, mailbox });
  const outbox = new RecordingQueue<OutboxMessage>();
  const tenantOps = new RecordingQueue<TenantOpsMessage>();
  const config: Config = {
    environment: "test",
    libsql: { url: baseUrl, authToken: undefined },
    control: { url: `${baseUrl}/${control}/`, authToken: undefined },
    tenantDatabases: { backend: "local", url: baseUrl, authToken: undefined },
    portalUrl: "http://portal.test",
    tenantBaseDomain: "portal.test",
    mail: { provider: "dev", from: "Test <test@portal.test>", mailboxUrl: `${baseUrl}/${mailbox}/`, authToken: undefined },
    adminToken: "admin-secret",
    queues: { outbox: outbox as unknown as Queue<OutboxMessage>, tenantOps: tenantOps as unknown as Queue<TenantOpsMessage> },
  };
  return {
    config,
    outbox,
    tenantOps,
    ctx(now = Date.now(), client = { ip: "203.0.113.7", userAgent: "vitest" }) {
      return {
        control: openControlDb(config.control),
        databases: new LocalTenantDatabases(baseUrl, undefined),
        now,
        env: config,
        requestId: uniqueName("req"),
        trips: { count: 0 },
        client,
      };
    },
  };
}

export interface TestTenant {
  tenant: TenantRef;
  admin: { email: string; password: string; token: string };
}

export async function createTenant(p: TestPlatform, opts: { now?: number; email?: string; password?: string } = {}): Promise<TestTenant> {
  const slug = uniqueName("t").toLowerCase();
  const email = opts.email ?? `${slug}-admin@example.com`;
  const password = opts.password ?? "admin-password-1";
  const pctx = p.ctx(opts.now);
  const result = await signupVendor({ ctx: pctx, input: { company: `Vendor ${slug}`, slug, name: "Vera Admin", email, password } });
  const tenant = (await findTenantById(pctx, result.tenant.id))!;
  return { tenant, admin: { email, password, token: result.session.token } };
}

/** A tenant-scoped context acting as whoever holds `token` (or anonymous). */
export async function tenantCtx(p: TestPlatform, tenant: TenantRef, token: string | null, now = Date.now()): Promise<Ctx> {
  const base = p.ctx(now);
  const db = openTenantDb(base.databases.locate(tenant), base.trips);
  const actor: Actor = await authenticate({ db, token, now });
  return { ...base, tenant, actor, db };
}

export function systemCtx(p: TestPlatform, tenant: TenantRef, now = Date.now()): Ctx {
  const base = p.ctx(now);
  return { ...base, tenant, actor: { kind: "system", job: "test" }, db: openTenantDb(base.databases.locate(tenant), base.trips) };
}

/** The token part of the newest invitation link sent to `email`. */
export async function lastInvitationToken(ctx: Ctx, email: string): Promise<string> {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT payload FROM outbox WHERE json_extract(payload, '$.to') = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
    args: [email],
  });
  const payload = JSON.parse(String(rs.rows[0]!.payload)) as { data: { link: string } };
  return new URL(payload.data.link).searchParams.get("token")!;
}

/** Invites and accepts: returns the new member's session token. */
export async function addMember(
  p: TestPlatform,
  t: TestTenant,
  opts: { role: Role; partnerOrgId?: string | null; email?: string; password?: string; name?: string },
): Promise<{ token: string; email: string; password: string }> {
  const admin = await tenantCtx(p, t.tenant, t.admin.token);
  const email = opts.email ?? `${uniqueName(opts.role)}@example.com`;
  const password = opts.password ?? "member-password-1";
  await inviteUser({ ctx: admin, input: { email, name: opts.name ?? "Member", role: opts.role, partnerOrgId: opts.partnerOrgId ?? null } });
  const token = await lastInvitationToken(admin, email);
  const anon = await tenantCtx(p, t.tenant, null);
  const accepted = await acceptInvitation({ ctx: anon, input: { token, name: opts.name ?? "Member", password } });
  return { token: accepted.session.token, email, password };
}

export async function addPartnerOrg(p: TestPlatform, t: TestTenant, name = "Northwind Solutions"): Promise<string> {
  const admin = await tenantCtx(p, t.tenant, t.admin.token);
  return (await createPartnerOrg({ ctx: admin, input: { name } })).id;
}
