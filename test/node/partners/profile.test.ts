// A partner organization's profile: who may read and edit it, how fields are
// validated and normalized, the search text and audit that go with an edit,
// and completeness for onboarding.
import { describe, expect, it } from "vitest";
import { createPartnerOrg } from "../../../worker/partners/create-partner-org.ts";
import { getPartnerOrg, profileCompleteness } from "../../../worker/partners/get-partner-org.ts";
import { listPartnerOrgs } from "../../../worker/partners/list-partner-orgs.ts";
import { createPartnerOrgInput, normalizeWebsiteDomain, updatePartnerProfileInput } from "../../../worker/partners/partner-org-schema.ts";
import { updatePartnerProfile } from "../../../worker/partners/update-partner-profile.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { fieldErrorsFromZod } from "../../../worker/platform/problem.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, tenantCtx, type TestTenant } from "../../support/platform.ts";

const p = await createTestPlatform();

const fullProfile = updatePartnerProfileInput.parse({
  legalName: "Northwind Solutions GmbH",
  websiteDomain: "https://www.NorthWind.example.com/partners?ref=1",
  country: "de",
  region: "DACH",
  partnerType: "msp",
  industries: ["Healthcare", "healthcare ", "Retail"],
  products: ["Cloud Backup"],
  size: "51-200",
  address: { line1: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
  logoUrl: "https://cdn.example.com/northwind.png",
});

async function world() {
  const t = await createTenant(p);
  const north = await addPartnerOrg(p, t, "Northwind");
  const south = await addPartnerOrg(p, t, "Southwind");
  const manager = await addMember(p, t, { role: "channel_manager", name: "Cora Manager" });
  const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north });
  const northUser = await addMember(p, t, { role: "partner_user", partnerOrgId: north });
  const ctx = (token: string | null) => tenantCtx(p, t.tenant, token);
  return { t, north, south, manager, northAdmin, northUser, ctx };
}

async function membershipId(ctx: Ctx, email: string): Promise<string> {
  return String((await ctx.db.$client.execute({ sql: "SELECT id FROM memberships WHERE email = ?", args: [email] })).rows[0]!.id);
}

describe("getPartnerOrg", () => {
  it("shows vendor staff any organization and partner roles only their own", async () => {
    const w = await world();
    for (const token of [w.t.admin.token, w.manager.token]) {
      expect((await getPartnerOrg({ ctx: await w.ctx(token), id: w.south })).name).toBe("Southwind");
    }
    for (const token of [w.northAdmin.token, w.northUser.token]) {
      const own = await getPartnerOrg({ ctx: await w.ctx(token), id: w.north });
      expect(own).toMatchObject({ id: w.north, name: "Northwind", status: "active", userCount: 2 });
      const err = await getPartnerOrg({ ctx: await w.ctx(token), id: w.south }).catch((e) => e);
      expect(err).toBeInstanceOf(NotFound);
    }
    await expect(getPartnerOrg({ ctx: await w.ctx(null), id: w.north })).rejects.toBeInstanceOf(Forbidden);
    await expect(getPartnerOrg({ ctx: await w.ctx(w.t.admin.token), id: "no-such-org" })).rejects.toBeInstanceOf(NotFound);
  });

  it("returns every profile field, the lifecycle and tier columns, and what is missing for a complete profile", async () => {
    const w = await world();
    const org = await getPartnerOrg({ ctx: await w.ctx(w.t.admin.token), id: w.south });
    expect(org).toEqual({
      id: w.south,
      name: "Southwind",
      legalName: null,
      websiteDomain: null,
      country: null,
      region: null,
      partnerType: null,
      industries: [],
      products: [],
      size: null,
      address: {},
      logoUrl: null,
      ownerId: null,
      status: "active",
      statusReason: null,
      statusChangedAt: org.createdAt,
      tierId: null,
      tierSince: null,
      createdAt: org.createdAt,
      updatedAt: org.createdAt,
      userCount: 0,
      profile: {
        complete: false,
        missing: ["legalName", "websiteDomain", "country", "partnerType", "size", "address.line1", "address.city", "address.country"],
      },
    });
  });

  it("is not reachable from another portal", async () => {
    const a = await world();
    const b = await createTenant(p);
    const bAdmin = await tenantCtx(p, b.tenant, b.admin.token);
    await expect(getPartnerOrg({ ctx: bAdmin, id: a.north })).rejects.toBeInstanceOf(NotFound);
    await expect(updatePartnerProfile({ ctx: bAdmin, id: a.north, input: { name: "Hijacked" } })).rejects.toBeInstanceOf(NotFound);
    expect((await getPartnerOrg({ ctx: await a.ctx(a.t.admin.token), id: a.north })).name).toBe("Northwind");
  });
});

describe("profileCompleteness", () => {
  const complete = {
    legalName: "X GmbH",
    websiteDomain: "x.example",
    country: "DE",
    partnerType: "msp" as const,
    size: "1-10" as const,
    address: { line1: "Street 1", city: "Berlin", country: "DE" },
  };
  it("needs legal name, domain, country, type, size and address line 1, city and country", () => {
    expect(profileCompleteness(complete)).toEqual({ complete: true, missing: [] });
    expect(profileCompleteness({ ...complete, legalName: "  ", address: { line1: "Street 1" } })).toEqual({
      complete: false,
      missing: ["legalName", "address.city", "address.country"],
    });
    expect(profileCompleteness({ ...complete, address: null }).missing).toEqual(["address.line1", "address.city", "address.country"]);
  });
});

describe("profile field rules", () => {
  const errors = (input: unknown) => {
    const r = updatePartnerProfileInput.safeParse(input);
    return r.success ? [] : fieldErrorsFromZod(r.error).map((e) => e.field);
  };

  it("normalizes website domains to the bare lower-case host", () => {
    for (const [raw, domain] of [
      ["https://www.Example.com/about?x=1#top", "example.com"],
      ["HTTP://shop.example.co.uk:8080/", "shop.example.co.uk"],
      ["www.example.org", "example.org"],
      ["  example.net.  ", "example.net"],
      ["user@example.io/path", "example.io"],
      ["https://www.Bücher.de/katalog", "xn--bcher-kva.de"],
    ]) {
      expect(normalizeWebsiteDomain(raw!)).toBe(domain);
    }
    expect(updatePartnerProfileInput.parse({ websiteDomain: "https://WWW.Acme.COM/x" }).websiteDomain).toBe("acme.com");
  });

  it("names each invalid field", () => {
    expect(errors({ websiteDomain: "not a domain" })).toEqual(["websiteDomain"]);
    expect(errors({ websiteDomain: "https://localhost/" })).toEqual(["websiteDomain"]);
    expect(errors({ country: "XX" })).toEqual(["country"]);
    expect(errors({ country: "Germany" })).toEqual(["country"]);
    expect(errors({ region: "r".repeat(61) })).toEqual(["region"]);
    expect(errors({ partnerType: "distributor" })).toEqual(["partnerType"]);
    expect(errors({ size: "5000" })).toEqual(["size"]);
    expect(errors({ industries: Array.from({ length: 21 }, (_, i) => `Industry ${i}`) })).toEqual(["industries"]);
    expect(errors({ products: ["p".repeat(61)] })).toEqual(["products.0"]);
    expect(errors({ logoUrl: "http://cdn.example.com/logo.png" })).toEqual(["logoUrl"]);
    expect(errors({ logoUrl: "javascript:alert(1)" })).toEqual(["logoUrl"]);
    expect(errors({ address: { country: "ZZ", line1: "x".repeat(201) } }).sort()).toEqual(["address.country", "address.line1"]);
    expect(errors({ name: "x" })).toEqual(["name"]);
    // Status is not part of the profile: only the lifecycle verb moves it.
    expect(errors({ status: "active" })).toEqual(["body"]);
  });

  it("de-duplicates industries and products case-insensitively, keeping the first spelling", () => {
    // 25 items with duplicates collapse under the limit of 20.
    const many = [...Array.from({ length: 15 }, (_, i) => `Item ${i}`), ...Array.from({ length: 10 }, (_, i) => `ITEM ${i}`)];
    expect(updatePartnerProfileInput.parse({ industries: many }).industries).toHaveLength(15);
    expect(fullProfile.industries).toEqual(["Healthcare", "Retail"]);
  });

  it("applies the same rules when vendor staff create an organization", () => {
    expect(createPartnerOrgInput.parse({ name: " Acme ", websiteDomain: "https://www.acme.com", country: "fr" })).toEqual({
      name: "Acme",
      websiteDomain: "acme.com",
      country: "FR",
    });
  });
});

describe("updatePartnerProfile", () => {
  it("lets vendor staff edit any organization: normalized fields, search text, updated_at and an audit row", async () => {
    const w = await world();
    const now = Date.now() + 60_000;
    const manager = await tenantCtx(p, w.t.tenant, w.manager.token, now);
    const org = await updatePartnerProfile({ ctx: manager, id: w.north, input: fullProfile });
    expect(org).toMatchObject({
      legalName: "Northwind Solutions GmbH",
      websiteDomain: "northwind.example.com",
      country: "DE",
      region: "DACH",
      partnerType: "msp",
      industries: ["Healthcare", "Retail"],
      products: ["Cloud Backup"],
      size: "51-200",
      address: { line1: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
      logoUrl: "https://cdn.example.com/northwind.png",
      updatedAt: now,
      profile: { complete: true, missing: [] },
    });
    const row = (await manager.db.$client.execute({ sql: "SELECT search_text FROM partner_orgs WHERE id = ?", args: [w.north] })).rows[0]!;
    expect(row.search_text).toBe("northwind northwind solutions gmbh northwind.example.com");
    const found = await listPartnerOrgs({ ctx: manager, query: { q: "solutions gmbh" } });
    expect(found.items.map((o) => o.id)).toEqual([w.north]);

    const audit = await manager.db.$client.execute({
      sql: "SELECT actor_id, data FROM audit_log WHERE action = 'partner_org.profile_updated' AND target_id = ?",
      args: [w.north],
    });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_id).toBe(await membershipId(manager, w.manager.email));
    expect(Object.keys(JSON.parse(String(audit.rows[0]!.data)).changed).sort()).toEqual(
      ["address", "country", "industries", "legalName", "logoUrl", "partnerType", "products", "region", "size", "websiteDomain"],
    );

    // Saving the same values again changes nothing and records nothing.
    await updatePartnerProfile({ ctx: manager, id: w.north, input: fullProfile });
    const audits = await manager.db.$client.execute({ sql: "SELECT count(*) AS n FROM audit_log WHERE action = 'partner_org.profile_updated'" });
    expect(Number(audits.rows[0]!.n)).toBe(1);

    // null clears an optional field.
    const cleared = await updatePartnerProfile({ ctx: manager, id: w.north, input: { logoUrl: null, address: null } });
    expect(cleared).toMatchObject({ logoUrl: null, address: {}, profile: { complete: false, missing: ["address.line1", "address.city", "address.country"] } });
  });

  it("takes an active channel manager or vendor admin as owner, and nobody else", async () => {
    const w = await world();
    const admin = await w.ctx(w.t.admin.token);
    const managerId = await membershipId(admin, w.manager.email);
    expect((await updatePartnerProfile({ ctx: admin, id: w.north, input: { ownerId: managerId } })).ownerId).toBe(managerId);
    const adminId = await membershipId(admin, w.t.admin.email);
    expect((await updatePartnerProfile({ ctx: admin, id: w.north, input: { ownerId: adminId } })).ownerId).toBe(adminId);

    const disabled = await addMember(p, w.t, { role: "channel_manager" });
    const disabledId = await membershipId(admin, disabled.email);
    await admin.db.$client.execute({ sql: "UPDATE memberships SET status = 'disabled' WHERE id = ?", args: [disabledId] });
    for (const ownerId of [await membershipId(admin, w.northAdmin.email), disabledId, "no-such-member"]) {
      const err = await updatePartnerProfile({ ctx: admin, id: w.north, input: { ownerId } }).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      expect(err.fields).toEqual([{ field: "ownerId", message: "Choose an active channel manager or vendor admin.", code: "invalid_owner" }]);
    }
    expect((await getPartnerOrg({ ctx: admin, id: w.north })).ownerId).toBe(adminId);
    expect((await updatePartnerProfile({ ctx: admin, id: w.north, input: { ownerId: null } })).ownerId).toBeNull();
  });

  it("lets a partner admin edit their own profile, but not the owner, another organization, or as a partner user", async () => {
    const w = await world();
    const partnerAdmin = await w.ctx(w.northAdmin.token);
    const org = await updatePartnerProfile({ ctx: partnerAdmin, id: w.north, input: { legalName: "Northwind GmbH", size: "11-50" } });
    expect(org).toMatchObject({ legalName: "Northwind GmbH", size: "11-50" });

    const managerId = await membershipId(partnerAdmin, w.manager.email);
    const owner = await updatePartnerProfile({ ctx: partnerAdmin, id: w.north, input: { ownerId: managerId } }).catch((e) => e);
    expect(owner).toBeInstanceOf(Forbidden);
    expect(owner.code).toBe("vendor_only_field");

    await expect(updatePartnerProfile({ ctx: partnerAdmin, id: w.south, input: { legalName: "Mine now" } })).rejects.toBeInstanceOf(NotFound);
    await expect(updatePartnerProfile({ ctx: await w.ctx(w.northUser.token), id: w.north, input: { legalName: "Rep edit" } })).rejects.toBeInstanceOf(Forbidden);
    await expect(updatePartnerProfile({ ctx: await w.ctx(null), id: w.north, input: { legalName: "Anon" } })).rejects.toBeInstanceOf(Forbidden);

    const vendorView = await getPartnerOrg({ ctx: await w.ctx(w.t.admin.token), id: w.south });
    expect(vendorView.legalName).toBeNull();
    expect((await getPartnerOrg({ ctx: partnerAdmin, id: w.north })).legalName).toBe("Northwind GmbH");
  });
});

describe("createPartnerOrg", () => {
  it("still creates an active organization from a name alone, and takes an optional profile", async () => {
    const t: TestTenant = await createTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const plain = await createPartnerOrg({ ctx: admin, input: { name: "Plain Co" } });
    expect(plain).toMatchObject({ name: "Plain Co", status: "active", userCount: 0, tierId: null });
    const rich = await createPartnerOrg({
      ctx: admin,
      input: createPartnerOrgInput.parse({ name: "Rich Co", websiteDomain: "www.rich.example", partnerType: "reseller", status: "onboarding" }),
    });
    expect(await getPartnerOrg({ ctx: admin, id: rich.id })).toMatchObject({ websiteDomain: "rich.example", partnerType: "reseller", status: "onboarding" });
    expect((await listPartnerOrgs({ ctx: admin, query: { q: "rich.exam" } })).items.map((o) => o.id)).toEqual([rich.id]);
  });
});
