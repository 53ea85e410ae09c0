// A partner organization's activity feed: its own audit entries and those
// about its people, newest first, capped, and only for vendor staff.
import { describe, expect, it } from "vitest";
import { changePartnerStatus } from "../../../worker/partners/change-partner-status.ts";
import { listPartnerActivity } from "../../../worker/partners/list-partner-activity.ts";
import { updatePartnerProfile } from "../../../worker/partners/update-partner-profile.ts";
import { Forbidden, NotFound } from "../../../worker/platform/errors.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

describe("listPartnerActivity", () => {
  it("lists the organization's and its people's audit entries, newest first, not other organizations'", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    await addMember(p, t, { role: "partner_admin", partnerOrgId: north, name: "Nina North" });
    await addMember(p, t, { role: "partner_user", partnerOrgId: south });
    const start = Date.now() + 1000;
    await updatePartnerProfile({ ctx: await tenantCtx(p, t.tenant, t.admin.token, start), id: north, input: { region: "EMEA" } });
    await changePartnerStatus({ ctx: await tenantCtx(p, t.tenant, t.admin.token, start + 1000), id: north, input: { status: "suspended", reason: "Review" } });

    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const { items } = await listPartnerActivity({ ctx: admin, id: north });
    expect(items.map((i) => i.action)).toEqual([
      "partner_org.status_changed",
      "partner_org.profile_updated",
      "user.invitation_accepted",
      "user.invited",
      "partner_org.created",
    ]);
    expect(items[0]).toMatchObject({
      at: start + 1000,
      actor: { kind: "user", name: "Vera Admin" },
      target: { type: "partner_org", id: north },
      data: { from: "active", to: "suspended", reason: "Review" },
    });
    expect(items.every((i) => i.at >= items.at(-1)!.at)).toBe(true);
    const southActions = (await listPartnerActivity({ ctx: admin, id: south })).items.map((i) => i.action);
    expect(southActions).toEqual(["user.invitation_accepted", "user.invited", "partner_org.created"]);
  });

  it("keeps the latest 50", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const now = Date.now();
    for (let i = 0; i < 55; i++) {
      await updatePartnerProfile({ ctx: await tenantCtx(p, t.tenant, t.admin.token, now + i), id: org, input: { region: `Region ${i}` } });
    }
    const { items } = await listPartnerActivity({ ctx: await tenantCtx(p, t.tenant, t.admin.token), id: org });
    expect(items).toHaveLength(50);
    expect(items[0]!.data).toEqual({ changed: { region: "Region 54" } });
  });

  it("is vendor staff only; another organization or portal gets not found", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north });
    const manager = await addMember(p, t, { role: "channel_manager" });
    const partnerCtx = await tenantCtx(p, t.tenant, northAdmin.token);
    await expect(listPartnerActivity({ ctx: partnerCtx, id: north })).rejects.toBeInstanceOf(Forbidden);
    await expect(listPartnerActivity({ ctx: partnerCtx, id: south })).rejects.toBeInstanceOf(NotFound);
    expect((await listPartnerActivity({ ctx: await tenantCtx(p, t.tenant, manager.token), id: south })).items.length).toBeGreaterThan(0);
    const other = await createTenant(p);
    await expect(listPartnerActivity({ ctx: await tenantCtx(p, other.tenant, other.admin.token), id: north })).rejects.toBeInstanceOf(NotFound);
  });
});
