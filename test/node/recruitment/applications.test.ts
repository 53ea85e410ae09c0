// "Become a partner" applications: the public form (validation, honeypot,
// throttle), the review queue, and each decision with its email, including
// approval creating the partner organization and inviting its admin.
import { describe, expect, it } from "vitest";
import { getPartnerOrg } from "../../../worker/partners/get-partner-org.ts";
import { listPartnerOrgs } from "../../../worker/partners/list-partner-orgs.ts";
import type { Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { locales, renderEmail, type EmailIntent } from "../../../worker/platform/email/templates.ts";
import { Forbidden, NotFound, PreconditionFailed, RateLimited, ValidationFailed } from "../../../worker/platform/errors.ts";
import { fieldErrorsFromZod } from "../../../worker/platform/problem.ts";
import { acceptInvitation } from "../../../worker/platform/users/accept-invitation.ts";
import { submitApplicationInput } from "../../../worker/recruitment/applications/application-schema.ts";
import { getApplication } from "../../../worker/recruitment/applications/get-application.ts";
import { listApplications } from "../../../worker/recruitment/applications/list-applications.ts";
import { reviewApplication } from "../../../worker/recruitment/applications/review-application.ts";
import { submitApplication } from "../../../worker/recruitment/applications/submit-application.ts";
import {
  addMember,
  addPartnerOrg,
  createTenant,
  createTestPlatform,
  lastInvitationToken,
  tenantCtx,
  uniqueName,
  type TestTenant,
} from "../../support/platform.ts";

const p = await createTestPlatform();
const HOUR = 60 * 60_000;

function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

async function visitor(tenant: TenantRef, ip = randomIp(), now = Date.now()): Promise<Ctx> {
  return { ...(await tenantCtx(p, tenant, null, now)), client: { ip, userAgent: "vitest" } };
}

function form(overrides: Record<string, unknown> = {}) {
  return submitApplicationInput.parse({
    company: "Contoso Cloud",
    websiteDomain: "https://www.contoso-cloud.example/",
    country: "nl",
    partnerType: "msp",
    contactName: "Carla Contoso",
    contactEmail: `${uniqueName("carla")}@contoso-cloud.example`,
    message: "We run managed backup for 200 clients.",
    website: "",
    ...overrides,
  });
}

async function outboxTo(ctx: Ctx, email: string): Promise<EmailIntent[]> {
  const rs = await ctx.db.$client.execute({ sql: "SELECT payload FROM outbox WHERE json_extract(payload, '$.to') = ? ORDER BY rowid", args: [email] });
  return rs.rows.map((r) => JSON.parse(String(r.payload)) as EmailIntent);
}

async function count(ctx: Ctx, sql: string): Promise<number> {
  return Number((await ctx.db.$client.execute(sql)).rows[0]!.n);
}

async function applied(t: TestTenant, overrides: Record<string, unknown> = {}) {
  const input = form(overrides);
  const { id } = await submitApplication({ ctx: await visitor(t.tenant), input });
  return { id, input };
}

describe("submitApplication", () => {
  it("stores the application, emails the applicant and audits it, for an anonymous visitor", async () => {
    const t = await createTenant(p);
    const ctx = await visitor(t.tenant, "192.0.2.44");
    const input = form();
    const receipt = await submitApplication({ ctx, input, locale: "fr" });
    expect(receipt.status).toBe("pending");

    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    expect(await getApplication({ ctx: admin, id: receipt.id })).toEqual({
      id: receipt.id,
      company: "Contoso Cloud",
      websiteDomain: "contoso-cloud.example",
      country: "NL",
      partnerType: "msp",
      contactName: "Carla Contoso",
      contactEmail: input.contactEmail,
      message: "We run managed backup for 200 clients.",
      status: "pending",
      decisionReason: null,
      partnerOrgId: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: ctx.now,
    });
    const mails = await outboxTo(admin, input.contactEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "application-received", locale: "fr", data: { company: "Contoso Cloud", contactName: "Carla Contoso" } });
    const audit = await admin.db.$client.execute({ sql: "SELECT actor_kind, actor_id FROM audit_log WHERE action = 'application.submitted' AND target_id = ?", args: [receipt.id] });
    expect(audit.rows.map((r) => [r.actor_kind, r.actor_id])).toEqual([["anonymous", null]]);
    const ip = await admin.db.$client.execute({ sql: "SELECT ip FROM partner_applications WHERE id = ?", args: [receipt.id] });
    expect(ip.rows[0]!.ip).toBe("192.0.2.44");
    expect(p.outbox.sent.some((m) => m.tenantId === t.tenant.id)).toBe(true);
  });

  it("names each invalid field", () => {
    const r = submitApplicationInput.safeParse({
      company: "",
      websiteDomain: "nope",
      country: "XX",
      partnerType: "distributor",
      contactName: "",
      contactEmail: "not-an-email",
      message: "m".repeat(2001),
    });
    expect(r.success).toBe(false);
    expect(fieldErrorsFromZod(r.error!).map((e) => e.field).sort()).toEqual(
      ["company", "contactEmail", "contactName", "country", "message", "partnerType", "websiteDomain"],
    );
  });

  it("pretends to accept a bot that fills the honeypot, and stores nothing", async () => {
    const t = await createTenant(p);
    const ctx = await visitor(t.tenant);
    const receipt = await submitApplication({ ctx, input: form({ website: "http://spam.example" }) });
    expect(receipt).toEqual({ id: expect.any(String), status: "pending" });
    expect(await count(ctx, "SELECT count(*) AS n FROM partner_applications")).toBe(0);
    expect(await count(ctx, "SELECT count(*) AS n FROM outbox WHERE json_extract(payload, '$.template') = 'application-received'")).toBe(0);
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'application.submitted'")).toBe(0);
  });

  it("takes 5 applications an hour from one address per portal", async () => {
    const t = await createTenant(p);
    const other = await createTenant(p);
    const ip = randomIp();
    const now = Date.now();
    for (let i = 0; i < 5; i++) await submitApplication({ ctx: await visitor(t.tenant, ip, now + i), input: form() });
    const sixth = await submitApplication({ ctx: await visitor(t.tenant, ip, now + 10), input: form() }).catch((e) => e);
    expect(sixth).toBeInstanceOf(RateLimited);
    expect(sixth.headers["retry-after"]).toBe(String(Math.ceil((HOUR - 10) / 1000)));
    // Bots are throttled too: the honeypot answer comes after the count.
    await expect(submitApplication({ ctx: await visitor(t.tenant, ip, now + 11), input: form({ website: "x" }) })).rejects.toBeInstanceOf(RateLimited);
    await submitApplication({ ctx: await visitor(t.tenant, randomIp(), now + 12), input: form() });
    await submitApplication({ ctx: await visitor(other.tenant, ip, now + 13), input: form() });
    await submitApplication({ ctx: await visitor(t.tenant, ip, now + HOUR + 1), input: form() });
    expect(await count(await visitor(t.tenant), "SELECT count(*) AS n FROM partner_applications")).toBe(7);
  });
});

describe("listApplications and getApplication", () => {
  it("show reviewers the queue newest first, by status, a page at a time", async () => {
    const t = await createTenant(p);
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submitApplication({ ctx: await visitor(t.tenant, randomIp(), now + (i % 3)), input: form() })).id);
    const manager = await addMember(p, t, { role: "channel_manager" });
    const ctx = await tenantCtx(p, t.tenant, manager.token);
    await reviewApplication({ ctx, id: ids[0]!, input: { decision: "decline", reason: "Out of region" } });

    const all = await listApplications({ ctx, query: { limit: 100 } });
    expect(all.items).toHaveLength(5);
    const page1 = await listApplications({ ctx, query: { limit: 2 } });
    const page2 = await listApplications({ ctx, query: { limit: 2, cursor: page1.nextCursor! } });
    const page3 = await listApplications({ ctx, query: { limit: 2, cursor: page2.nextCursor! } });
    expect([...page1.items, ...page2.items, ...page3.items].map((a) => a.id)).toEqual(all.items.map((a) => a.id));
    expect(page3.nextCursor).toBeNull();
    expect(all.items.map((a) => a.createdAt)).toEqual([...all.items.map((a) => a.createdAt)].sort((a, b) => b - a));
    expect((await listApplications({ ctx, query: { status: "declined" } })).items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await listApplications({ ctx, query: { status: "pending" } })).items).toHaveLength(4);
  });

  it("are closed to partner roles and visitors, and to other portals", async () => {
    const t = await createTenant(p);
    const { id } = await applied(t);
    const org = await addPartnerOrg(p, t);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const ctx = await tenantCtx(p, t.tenant, (await addMember(p, t, { role, partnerOrgId: org })).token);
      await expect(listApplications({ ctx })).rejects.toBeInstanceOf(Forbidden);
      await expect(getApplication({ ctx, id })).rejects.toBeInstanceOf(Forbidden);
      await expect(reviewApplication({ ctx, id, input: { decision: "approve" } })).rejects.toBeInstanceOf(Forbidden);
    }
    const anon = await visitor(t.tenant);
    await expect(listApplications({ ctx: anon })).rejects.toBeInstanceOf(Forbidden);
    await expect(reviewApplication({ ctx: anon, id, input: { decision: "approve" } })).rejects.toBeInstanceOf(Forbidden);

    const other = await createTenant(p);
    const otherAdmin = await tenantCtx(p, other.tenant, other.admin.token);
    await expect(getApplication({ ctx: otherAdmin, id })).rejects.toBeInstanceOf(NotFound);
    await expect(reviewApplication({ ctx: otherAdmin, id, input: { decision: "approve" } })).rejects.toBeInstanceOf(NotFound);
    expect((await listApplications({ ctx: otherAdmin })).items).toEqual([]);
    expect((await getApplication({ ctx: await tenantCtx(p, t.tenant, t.admin.token), id })).status).toBe("pending");
  });
});

describe("reviewApplication", () => {
  it("approves: creates the organization in onboarding from the application, owned by the reviewer, and invites its admin", async () => {
    const t = await createTenant(p);
    const { id, input } = await applied(t);
    const manager = await addMember(p, t, { role: "channel_manager", name: "Cora Manager" });
    const ctx = await tenantCtx(p, t.tenant, manager.token);
    const managerId = ctx.actor.kind === "user" ? ctx.actor.membership.id : "";

    const result = await reviewApplication({ ctx, id, input: { decision: "approve", reason: "Strong MSP" } });
    expect(result.application).toMatchObject({ status: "approved", decisionReason: "Strong MSP", reviewedBy: managerId, reviewedAt: ctx.now });
    const orgId = result.application.partnerOrgId!;
    expect(await getPartnerOrg({ ctx, id: orgId })).toMatchObject({
      name: "Contoso Cloud",
      status: "onboarding",
      websiteDomain: "contoso-cloud.example",
      country: "NL",
      partnerType: "msp",
      ownerId: managerId,
    });
    expect(result.invitation).toMatchObject({ email: input.contactEmail, role: "partner_admin", partnerOrg: { id: orgId, name: "Contoso Cloud" }, status: "pending" });
    expect(result.invitationError).toBeNull();
    const mails = await outboxTo(ctx, input.contactEmail);
    expect(mails.map((m) => m.template)).toEqual(["application-received", "invitation"]);
    const audits = await ctx.db.$client.execute({
      sql: "SELECT action FROM audit_log WHERE target_id IN (?, ?) ORDER BY rowid",
      args: [id, orgId],
    });
    expect(audits.rows.map((r) => r.action)).toEqual(["application.submitted", "partner_org.created", "application.approved"]);

    // The invited contact joins as the new organization's partner admin and can work while onboarding.
    const token = await lastInvitationToken(ctx, input.contactEmail);
    const joined = await acceptInvitation({ ctx: await visitor(t.tenant), input: { token, name: "Carla Contoso", password: "contoso-password" } });
    const partnerAdmin = await tenantCtx(p, t.tenant, joined.session.token);
    expect(partnerAdmin.actor).toMatchObject({ kind: "user", role: "partner_admin", partnerOrgId: orgId });
    expect((await getPartnerOrg({ ctx: partnerAdmin, id: orgId })).userCount).toBe(1);
  });

  it("keeps the approval when the contact cannot be invited, and says why", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const member = await addMember(p, t, { role: "partner_user", partnerOrgId: org });
    const { id } = await applied(t, { contactEmail: member.email });
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const result = await reviewApplication({ ctx: admin, id, input: { decision: "approve" } });
    expect(result.application.status).toBe("approved");
    expect(result.invitation).toBeNull();
    expect(result.invitationError).toEqual({ code: "already_member", detail: "This person is already a member of this portal." });
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(2);
  });

  it("declines with a reason and emails it", async () => {
    const t = await createTenant(p);
    const { id, input } = await applied(t);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const missing = await reviewApplication({ ctx: admin, id, input: { decision: "decline" } }).catch((e) => e);
    expect(missing).toBeInstanceOf(ValidationFailed);
    expect(missing.fields).toEqual([{ field: "reason", message: "Say why, so the applicant knows.", code: "required" }]);
    expect((await getApplication({ ctx: admin, id })).status).toBe("pending");

    const result = await reviewApplication({ ctx: admin, id, input: { decision: "decline", reason: "We are not recruiting MSPs in NL." } });
    expect(result).toMatchObject({ application: { status: "declined", decisionReason: "We are not recruiting MSPs in NL.", partnerOrgId: null }, invitation: null });
    const mails = await outboxTo(admin, input.contactEmail);
    expect(mails.at(-1)).toMatchObject({ template: "application-declined", data: { reason: "We are not recruiting MSPs in NL.", company: "Contoso Cloud" } });
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(0);
  });

  it("asks for more information with a message and the reviewer's address, then can still decide", async () => {
    const t = await createTenant(p);
    const { id, input } = await applied(t);
    const manager = await addMember(p, t, { role: "channel_manager" });
    const ctx = await tenantCtx(p, t.tenant, manager.token);
    const missing = await reviewApplication({ ctx, id, input: { decision: "request_info", message: "  " } }).catch((e) => e);
    expect(missing).toBeInstanceOf(ValidationFailed);
    expect(missing.fields[0].field).toBe("message");

    const asked = await reviewApplication({ ctx, id, input: { decision: "request_info", message: "How many certified engineers do you have?" } });
    expect(asked.application).toMatchObject({ status: "info_requested", decisionReason: "How many certified engineers do you have?" });
    expect((await outboxTo(ctx, input.contactEmail)).at(-1)).toMatchObject({
      template: "application-info-requested",
      data: { message: "How many certified engineers do you have?", replyTo: manager.email },
    });
    const approved = await reviewApplication({ ctx, id, input: { decision: "approve" } });
    expect(approved.application.status).toBe("approved");
  });

  it("refuses to re-decide an approved or declined application, and writes nothing", async () => {
    const t = await createTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const a = await applied(t);
    const b = await applied(t);
    await reviewApplication({ ctx: admin, id: a.id, input: { decision: "approve" } });
    await reviewApplication({ ctx: admin, id: b.id, input: { decision: "decline", reason: "No" } });
    const outboxBefore = await count(admin, "SELECT count(*) AS n FROM outbox");
    for (const [id, was] of [
      [a.id, "approved"],
      [b.id, "declined"],
    ] as const) {
      for (const input of [{ decision: "approve" as const }, { decision: "decline" as const, reason: "x" }, { decision: "request_info" as const, message: "x" }]) {
        const err = await reviewApplication({ ctx: admin, id, input }).catch((e) => e);
        expect(err).toBeInstanceOf(PreconditionFailed);
        expect([err.code, err.message]).toEqual(["already_decided", `This application was already ${was}.`]);
      }
    }
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(1);
    expect(await count(admin, "SELECT count(*) AS n FROM outbox")).toBe(outboxBefore);
    await expect(reviewApplication({ ctx: admin, id: "missing", input: { decision: "approve" } })).rejects.toBeInstanceOf(NotFound);
  });

  it("lets exactly one of two simultaneous approvals win", async () => {
    const t = await createTenant(p);
    const { id } = await applied(t);
    const manager = await addMember(p, t, { role: "channel_manager" });
    const [x, y] = await Promise.all([
      reviewApplication({ ctx: await tenantCtx(p, t.tenant, t.admin.token), id, input: { decision: "approve" } }).catch((e) => e),
      reviewApplication({ ctx: await tenantCtx(p, t.tenant, manager.token), id, input: { decision: "decline", reason: "Duplicate" } }).catch((e) => e),
    ]);
    const outcomes = [x, y].map((r) => (r instanceof PreconditionFailed ? "refused" : r instanceof Error ? String(r) : r.application.status)).sort();
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(1);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const final = await getApplication({ ctx: admin, id });
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(final.status === "approved" ? 1 : 0);
    expect(await count(admin, "SELECT count(*) AS n FROM audit_log WHERE action IN ('application.approved', 'application.declined')")).toBe(1);
  });
});

describe("application emails", () => {
  it("render in every portal language with the company and the decision's text", () => {
    const base = { tenantName: "Acme", company: "Contoso Cloud", contactName: "Carla", link: "http://portal.test/t/acme" };
    for (const locale of locales) {
      const intents: EmailIntent[] = [
        { template: "application-received", to: "c@example.com", locale, tenantSlug: "acme", data: base },
        { template: "application-declined", to: "c@example.com", locale, tenantSlug: "acme", data: { ...base, reason: "Out of region <b>" } },
        {
          template: "application-info-requested",
          to: "c@example.com",
          locale,
          tenantSlug: "acme",
          data: { ...base, message: "How many engineers?", replyTo: "cora@acme.example" },
        },
      ];
      for (const intent of intents) {
        const mail = renderEmail(intent);
        expect(mail.text).toContain("Contoso Cloud");
        expect(mail.subject).toContain("Acme");
      }
      expect(renderEmail(intents[1]!).html).toContain("Out of region &lt;b&gt;");
      expect(renderEmail(intents[2]!).text).toContain("cora@acme.example");
    }
  });
});
