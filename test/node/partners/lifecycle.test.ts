// The partner lifecycle: every (from, to) pair against the transition table,
// reasons, who may move a partner, and that suspension and offboarding end
// the partner's sessions and keep them out until reactivated.
import { describe, expect, it } from "vitest";
import { partnerStatuses } from "../../../db/tenant/schema.ts";
import { changePartnerStatus, PARTNER_TRANSITIONS } from "../../../worker/partners/change-partner-status.ts";
import { createPartnerOrg } from "../../../worker/partners/create-partner-org.ts";
import { getPartnerOrg } from "../../../worker/partners/get-partner-org.ts";
import { login } from "../../../worker/platform/auth/login.ts";
import { Forbidden, NotFound, PreconditionFailed, Unauthenticated, ValidationFailed } from "../../../worker/platform/errors.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

const LEGAL = [
  ["applicant", "onboarding"],
  ["onboarding", "active"],
  ["onboarding", "offboarded"],
  ["active", "suspended"],
  ["active", "offboarded"],
  ["suspended", "active"],
  ["suspended", "offboarded"],
];

describe("changePartnerStatus", () => {
  it("has exactly the agreed transitions", () => {
    const table = Object.entries(PARTNER_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => [from, to]));
    expect(table.sort()).toEqual([...LEGAL].sort());
  });

  it("allows each legal transition and refuses every other pair with illegal_transition naming both states", async () => {
    const t = await createTenant(p);
    const now = Date.now() + 5_000;
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now);
    const outcomes: string[] = [];
    for (const from of partnerStatuses) {
      for (const to of partnerStatuses) {
        const org = await createPartnerOrg({ ctx: admin, input: { name: `Org ${from} ${to}`, status: from } });
        const result = await changePartnerStatus({ ctx: admin, id: org.id, input: { status: to, reason: "Quarterly review" } }).catch((e) => e);
        if (result instanceof PreconditionFailed) {
          expect(result.code).toBe("illegal_transition");
          expect(result.message).toBe(`A partner cannot move from ${from} to ${to}.`);
          expect((await getPartnerOrg({ ctx: admin, id: org.id })).status).toBe(from);
          continue;
        }
        if (result instanceof Error) throw result;
        expect(result).toMatchObject({ status: to, statusReason: "Quarterly review", statusChangedAt: now, updatedAt: now });
        outcomes.push(`${from}->${to}`);
      }
    }
    expect(outcomes.sort()).toEqual(LEGAL.map(([f, t]) => `${f}->${t}`).sort());
    const audits = await admin.db.$client.execute("SELECT data FROM audit_log WHERE action = 'partner_org.status_changed'");
    expect(audits.rows.map((r) => JSON.parse(String(r.data))).map((d) => `${d.from}->${d.to}`).sort()).toEqual(outcomes);
  });

  it("needs a reason to suspend or offboard, but not to activate", async () => {
    const t = await createTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const org = await createPartnerOrg({ ctx: admin, input: { name: "Reasonless", status: "onboarding" } });
    for (const status of ["suspended", "offboarded"] as const) {
      const err = await changePartnerStatus({ ctx: admin, id: org.id, input: { status, reason: "" } }).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      expect(err.fields).toEqual([{ field: "reason", message: "Say why, for the partner and the audit trail.", code: "required" }]);
    }
    expect((await changePartnerStatus({ ctx: admin, id: org.id, input: { status: "active" } })).statusReason).toBeNull();
  });

  it("is for vendor staff: channel managers yes, partner roles and strangers no", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const manager = await addMember(p, t, { role: "channel_manager" });
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    const suspend = { status: "suspended" as const, reason: "Late payments" };
    for (const token of [partnerAdmin.token, null]) {
      await expect(changePartnerStatus({ ctx: await tenantCtx(p, t.tenant, token), id: org, input: suspend })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(changePartnerStatus({ ctx: await tenantCtx(p, t.tenant, manager.token), id: "missing", input: suspend })).rejects.toBeInstanceOf(NotFound);
    const other = await createTenant(p);
    await expect(changePartnerStatus({ ctx: await tenantCtx(p, other.tenant, other.admin.token), id: org, input: suspend })).rejects.toBeInstanceOf(
      NotFound,
    );
    expect((await changePartnerStatus({ ctx: await tenantCtx(p, t.tenant, manager.token), id: org, input: suspend })).status).toBe("suspended");
  });

  it("ends a suspended partner's sessions at once, keeps them out, and lets them back in when reactivated", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north });
    const northUser = await addMember(p, t, { role: "partner_user", partnerOrgId: north });
    const southUser = await addMember(p, t, { role: "partner_user", partnerOrgId: south });
    const now = Date.now();
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now);
    const actorKind = async (token: string, at = now) => (await tenantCtx(p, t.tenant, token, at)).actor.kind;
    expect(await actorKind(northUser.token)).toBe("user");

    await changePartnerStatus({ ctx: admin, id: north, input: { status: "suspended", reason: "Contract breach" } });
    expect(await actorKind(northAdmin.token)).toBe("anonymous");
    expect(await actorKind(northUser.token)).toBe("anonymous");
    expect(await actorKind(southUser.token)).toBe("user");
    expect(await actorKind(t.admin.token)).toBe("user");
    const revoked = await admin.db.$client.execute({
      sql: `SELECT count(*) AS n FROM sessions s JOIN memberships m ON m.id = s.membership_id WHERE m.partner_org_id = ? AND s.revoked_at = ?`,
      args: [north, now],
    });
    expect(Number(revoked.rows[0]!.n)).toBe(2);

    const anon = { ...(await tenantCtx(p, t.tenant, null, now)), client: { ip: "198.51.100.20", userAgent: "vitest" } };
    const refused = await login({ ctx: anon, input: { email: northUser.email, password: northUser.password } }).catch((e) => e);
    expect(refused).toBeInstanceOf(Unauthenticated);

    await changePartnerStatus({ ctx: admin, id: north, input: { status: "active" } });
    // The old sessions stay ended; signing in again works.
    expect(await actorKind(northUser.token)).toBe("anonymous");
    const again = await login({ ctx: anon, input: { email: northUser.email, password: northUser.password } });
    expect(await actorKind(again.session.token)).toBe("user");

    await changePartnerStatus({ ctx: admin, id: north, input: { status: "offboarded", reason: "Left the program" } });
    expect(await actorKind(again.session.token)).toBe("anonymous");
  });
});
