// The language a person uses the portal in follows them into their email: it
// is kept on the membership from signup or acceptance (the request's
// Accept-Language) and changed by the shell's language switcher.
import { describe, expect, it } from "vitest";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { renderEmail, type EmailIntent } from "../../../worker/platform/email/templates.ts";
import { acceptInvitation } from "../../../worker/platform/users/accept-invitation.ts";
import { inviteUser } from "../../../worker/platform/users/invite-user.ts";
import { setMyLocale } from "../../../worker/platform/users/set-my-locale.ts";
import { Unauthenticated } from "../../../worker/platform/errors.ts";
import { createDealPortal, dealInput } from "../../support/deals.ts";
import { appHarness } from "../../support/app-harness.ts";
import { createTenant, createTestPlatform, lastInvitationToken, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

async function localeOf(ctx: Ctx, email: string): Promise<string> {
  const rs = await ctx.db.$client.execute({ sql: "SELECT locale FROM memberships WHERE email = ?", args: [email] });
  return String(rs.rows[0]!.locale);
}

async function dealMails(ctx: Ctx, dealId: string): Promise<EmailIntent[]> {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT payload FROM outbox WHERE json_extract(payload, '$.template') = 'deal-update' AND id LIKE ? ORDER BY created_at, rowid",
    args: [`%:${dealId}`],
  });
  return rs.rows.map((r) => JSON.parse(String(r.payload)) as EmailIntent);
}

describe("a member's language", () => {
  it("is the one they accepted their invitation in, and English by default", async () => {
    const t = await createTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    expect(await localeOf(admin, t.admin.email)).toBe("en");
    await inviteUser({ ctx: admin, input: { email: "lea@example.com", name: "Léa", role: "channel_manager", partnerOrgId: null } });
    const token = await lastInvitationToken(admin, "lea@example.com");
    await acceptInvitation({ ctx: await tenantCtx(p, t.tenant, null), input: { token, name: "Léa", password: "member-password-1" }, locale: "fr" });
    expect(await localeOf(admin, "lea@example.com")).toBe("fr");
  });

  it("changes with the switcher, and the deal mail they get from then on is written in it", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const first = await registerDeal({ ctx: rep, input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", now), id: first.deal.id });

    await setMyLocale({ ctx: rep, input: { locale: "es" } });
    const second = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Initech", customerDomain: "initech.com", contactEmail: undefined }) });
    await approveDeal({ ctx: await w.at("manager", now), id: second.deal.id });

    const [before] = await dealMails(rep, first.deal.id);
    const [after] = await dealMails(rep, second.deal.id);
    expect(before!.locale).toBe("en");
    expect(after!.locale).toBe("es");
    expect(renderEmail(after!).subject).not.toBe(renderEmail({ ...after!, locale: "en" } as EmailIntent).subject);
  });

  it("cannot be set without a signed-in person", async () => {
    const w = await createDealPortal(p);
    const anon = await tenantCtx(p, w.t.tenant, null);
    await expect(setMyLocale({ ctx: anon, input: { locale: "fr" } })).rejects.toBeInstanceOf(Unauthenticated);
  });

  it("refuses an unknown language at the route with a problem naming the field, and stores nothing", async () => {
    const w = await createDealPortal(p);
    const call = appHarness(p);
    const path = `/api/t/${w.t.tenant.slug}/me/locale`;
    const bad = await call("PUT", path, { token: w.tokens.northRep, body: { locale: "klingon" } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(["locale"]);
    const rep = await w.at("northRep");
    expect(await localeOf(rep, await emailOf(rep))).toBe("en");

    const anon = await call("PUT", path, { body: { locale: "fr" } });
    expect(anon.status).toBe(401);

    const ok = await call("PUT", path, { token: w.tokens.northRep, body: { locale: "zh" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ locale: "zh" });
    expect(await localeOf(rep, await emailOf(rep))).toBe("zh");
  });
});

async function emailOf(ctx: Ctx): Promise<string> {
  const rs = await ctx.db.$client.execute({ sql: "SELECT email FROM memberships WHERE id = ?", args: [ctx.actor.kind === "user" ? ctx.actor.membership.id : ""] });
  return String(rs.rows[0]!.email);
}
