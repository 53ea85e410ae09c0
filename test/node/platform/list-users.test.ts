// The people list's role filter (the deal page's reviewer choice reads the
// vendor staff with it): only the roles asked for, still within the caller's
// reach, and an unknown role named in a 422.
import { describe, expect, it } from "vitest";
import { listUsers, listUsersQuery } from "../../../worker/platform/users/list-users.ts";
import { appHarness } from "../../support/app-harness.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

describe("listUsers by role", () => {
  it("lists only the roles asked for, within the caller's reach", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const manager = await addMember(p, t, { role: "channel_manager", name: "Cora Manager" });
    const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north, name: "Nina North" });
    await addMember(p, t, { role: "partner_user", partnerOrgId: north, name: "Ned North" });

    const names = async (token: string, role: string) =>
      (await listUsers({ ctx: await tenantCtx(p, t.tenant, token), query: listUsersQuery.parse({ role }) })).items.map((u) => u.name).sort();
    expect(await names(manager.token, "vendor_admin,channel_manager")).toEqual(["Cora Manager", "Vera Admin"]);
    expect(await names(manager.token, "partner_user")).toEqual(["Ned North"]);
    // A partner admin asking for vendor staff still sees only its organization.
    expect(await names(northAdmin.token, "vendor_admin,channel_manager")).toEqual([]);
    expect(await names(northAdmin.token, "partner_admin, partner_user")).toEqual(["Ned North", "Nina North"]);
  });

  it("names an unknown role in a 422", async () => {
    const t = await createTenant(p);
    const res = await api("GET", `/api/t/${t.tenant.slug}/users?role=vendor_admin,owner`, { token: t.admin.token });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(["query.role.1"]);
  });
});
