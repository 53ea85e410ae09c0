// Portal branding: a public read with sensible defaults, vendor-admin saves
// and previews, the 4.5:1 contrast rule on the primary colour, and one
// portal's branding never showing in another.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import { toMe } from "../../../worker/platform/auth/me.ts";
import { Forbidden, ValidationFailed } from "../../../worker/platform/errors.ts";
import {
  accessibleTextColor,
  contrastRatio,
  DEFAULT_PRIMARY_COLOR,
  type UpdateBrandingInput,
} from "../../../worker/recruitment/branding/branding-schema.ts";
import { getBranding } from "../../../worker/recruitment/branding/get-branding.ts";
import { previewBranding } from "../../../worker/recruitment/branding/preview-branding.ts";
import { brandingRoutes } from "../../../worker/recruitment/branding/routes.ts";
import { updateBranding } from "../../../worker/recruitment/branding/update-branding.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";
import { caught, testApi } from "../agreements/api-harness.ts";

const p = await createTestPlatform();
const api = testApi(p, brandingRoutes);

const input = (over: Partial<UpdateBrandingInput> = {}): UpdateBrandingInput => ({
  portalName: "Acme Partner Hub",
  logoUrl: "https://cdn.example.com/acme.svg",
  primaryColor: "#1d4ed8",
  welcomeText: "Welcome, partners.",
  programDescription: "## Benefits\n- Deal registration\n- MDF",
  ...over,
});

describe("contrast", () => {
  it("follows WCAG 2 relative luminance", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // The classic threshold greys: #767676 just passes AA against white, #777777 just fails.
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(contrastRatio(DEFAULT_PRIMARY_COLOR, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(accessibleTextColor("#1d4ed8")).toEqual({ textColor: "#ffffff", contrastRatio: 6.7 });
    // A light colour would need dark text; saving it is refused, but the helper still answers.
    expect(accessibleTextColor("#fde047").textColor).toBe("#111827");
  });
});

describe("getBranding", () => {
  it("gives anyone, signed in or not, the tenant's name and the default colour until branding is saved", async () => {
    const t = await createTenant(p);
    const anon = await tenantCtx(p, t.tenant, null);
    expect(await getBranding({ ctx: anon })).toEqual({
      portalName: t.tenant.name,
      logoUrl: null,
      primaryColor: DEFAULT_PRIMARY_COLOR,
      textColor: "#ffffff",
      contrastRatio: expect.any(Number),
      welcomeText: null,
      programDescription: null,
      customized: false,
      updatedAt: null,
    });
  });
});

describe("updateBranding", () => {
  it("saves one row, audited, that the public read then shows", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now + 1000);
    const saved = await updateBranding({ ctx: admin, input: input({ primaryColor: "#1d4ed8" }) });
    expect(saved).toEqual({
      portalName: "Acme Partner Hub",
      logoUrl: "https://cdn.example.com/acme.svg",
      primaryColor: "#1d4ed8",
      textColor: "#ffffff",
      contrastRatio: 6.7,
      welcomeText: "Welcome, partners.",
      programDescription: "## Benefits\n- Deal registration\n- MDF",
      customized: true,
      updatedAt: now + 1000,
    });
    expect(await getBranding({ ctx: await tenantCtx(p, t.tenant, null) })).toEqual(saved);
    // The signed-in shell reads it with the session: no call of its own.
    const reader = await tenantCtx(p, t.tenant, t.admin.token, now + 1500);
    expect(reader.actor.kind === "user" && toMe(reader.actor.membership, t.tenant).branding).toEqual({
      portalName: "Acme Partner Hub",
      logoUrl: "https://cdn.example.com/acme.svg",
      primaryColor: "#1d4ed8",
      textColor: "#ffffff",
    });

    // Saving again replaces the row; cleared fields become null.
    const again = await updateBranding({
      ctx: await tenantCtx(p, t.tenant, t.admin.token, now + 2000),
      input: input({ portalName: "Acme Partners", logoUrl: null, welcomeText: null, programDescription: null, primaryColor: "#7c2d12" }),
    });
    expect(await getBranding({ ctx: await tenantCtx(p, t.tenant, null) })).toEqual(again);
    const rows = await admin.db.$client.execute("SELECT id, portal_name, logo_url, updated_by FROM portal_branding");
    expect(rows.rows.map((r) => [r.id, r.portal_name, r.logo_url])).toEqual([["portal", "Acme Partners", null]]);
    expect(rows.rows[0]!.updated_by).toBe(admin.actor.kind === "user" ? admin.actor.membership.id : null);
    const audit = await admin.db.$client.execute("SELECT target_id, json_extract(data, '$.primaryColor') AS color FROM audit_log WHERE action = 'branding.updated' ORDER BY at");
    expect(audit.rows.map((r) => [r.target_id, r.color])).toEqual([
      ["portal", "#1d4ed8"],
      ["portal", "#7c2d12"],
    ]);
  });

  it("refuses a primary colour white text cannot be read on, naming the field and why", async () => {
    const t = await createTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    for (const color of ["#777777", "#fde047", "#ffffff", "#60a5fa"]) {
      const err = await caught(updateBranding({ ctx: admin, input: input({ primaryColor: color }) }));
      expect(err).toBeInstanceOf(ValidationFailed);
      expect(err.fields).toEqual([{ field: "primaryColor", code: "low_contrast", message: expect.stringMatching(/contrast of \d+\.\d\d:1.*at least 4\.5:1/) }]);
    }
    const rows = await admin.db.$client.execute("SELECT count(*) AS n FROM portal_branding");
    expect(Number(rows.rows[0]!.n)).toBe(0);
    // Just over the line is fine.
    expect((await updateBranding({ ctx: admin, input: input({ primaryColor: "#767676" }) })).primaryColor).toBe("#767676");
  });

  it("is for vendor admins only; previewing too", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const tokens: Record<Exclude<Role, "vendor_admin">, string> = {
      channel_manager: (await addMember(p, t, { role: "channel_manager" })).token,
      partner_admin: (await addMember(p, t, { role: "partner_admin", partnerOrgId: orgId })).token,
      partner_user: (await addMember(p, t, { role: "partner_user", partnerOrgId: orgId })).token,
    };
    for (const token of [...Object.values(tokens), null]) {
      const ctx = await tenantCtx(p, t.tenant, token);
      expect(await caught(updateBranding({ ctx, input: input() }))).toBeInstanceOf(Forbidden);
      expect(await caught(() => previewBranding({ ctx, input: input() }))).toBeInstanceOf(Forbidden);
      // ...while everyone reads it.
      expect((await getBranding({ ctx })).customized).toBe(false);
    }
    const rows = await systemCtx(p, t.tenant).db.$client.execute("SELECT count(*) AS n FROM portal_branding");
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it("keeps each portal's branding to itself", async () => {
    const a = await createTenant(p);
    const b = await createTenant(p);
    await updateBranding({ ctx: await tenantCtx(p, a.tenant, a.admin.token), input: input({ portalName: "Only A" }) });
    const seenFromB = await getBranding({ ctx: await tenantCtx(p, b.tenant, null) });
    expect(seenFromB.portalName).toBe(b.tenant.name);
    expect(seenFromB.customized).toBe(false);
    // A's admin session means nothing in B.
    const crossed = await tenantCtx(p, b.tenant, a.admin.token);
    expect(crossed.actor.kind).toBe("anonymous");
    expect(await caught(updateBranding({ ctx: crossed, input: input() }))).toBeInstanceOf(Forbidden);
  });
});

describe("previewBranding", () => {
  it("returns what would be saved with its text colour, and saves nothing", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now);
    const preview = previewBranding({ ctx: admin, input: input({ primaryColor: "#065f46" }) });
    expect(preview).toMatchObject({ portalName: "Acme Partner Hub", primaryColor: "#065f46", textColor: "#ffffff", customized: true });
    expect(preview.contrastRatio).toBeGreaterThanOrEqual(4.5);
    expect((await getBranding({ ctx: admin })).customized).toBe(false);
    const err = await caught(() => previewBranding({ ctx: admin, input: input({ primaryColor: "#a3e635" }) }));
    expect(err.fields?.map((f) => f.field)).toEqual(["primaryColor"]);
  });
});

describe("branding routes", () => {
  it("serve the public read without a session and the writes to vendor admins", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const partner = await addMember(p, t, { role: "partner_admin", partnerOrgId: orgId });
    const path = `/api/t/${t.tenant.slug}/branding`;

    const initial = await api(path);
    expect(initial.status).toBe(200);
    expect(initial.json).toMatchObject({ portalName: t.tenant.name, customized: false });

    const body = input({ primaryColor: "#1D4ED8", welcomeText: "  Hello\r\npartners  " });
    const saved = await api(path, { method: "PUT", token: t.admin.token, body });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ primaryColor: "#1d4ed8", welcomeText: "Hello\npartners", customized: true });
    expect((await api(path)).json).toEqual(saved.json);

    const preview = await api(`${path}/preview`, { token: t.admin.token, body: input({ portalName: "Draft" }) });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ portalName: "Draft", textColor: "#ffffff" });
    expect(((await api(path)).json as { portalName: string }).portalName).toBe("Acme Partner Hub");

    expect((await api(path, { method: "PUT", body })).status).toBe(401);
    const forbidden = await api(path, { method: "PUT", token: partner.token, body });
    expect([forbidden.status, forbidden.json?.code]).toEqual([403, "forbidden"]);
    expect((await api(`${path}/preview`, { token: partner.token, body })).status).toBe(403);
    expect((await api(`/api/t/no-such-portal/branding`)).status).toBe(404);
  });

  it("answer invalid fields with 422 naming each one", async () => {
    const t = await createTenant(p);
    const path = `/api/t/${t.tenant.slug}/branding`;
    const bad = await api(path, {
      method: "PUT",
      token: t.admin.token,
      body: {
        portalName: "x".repeat(81),
        logoUrl: "http://insecure.example.com/logo.png",
        primaryColor: "blue",
        welcomeText: "w".repeat(501),
        programDescription: "d".repeat(5001),
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.json?.errors?.map((e) => e.field).sort()).toEqual(["logoUrl", "portalName", "primaryColor", "programDescription", "welcomeText"]);
    const empty = await api(path, { method: "PUT", token: t.admin.token, body: { portalName: "", primaryColor: "#1d4ed8" } });
    expect(empty.json?.errors).toEqual([{ field: "portalName", code: "required", message: "This field is required." }]);
    const lowContrast = await api(`${path}/preview`, { token: t.admin.token, body: input({ primaryColor: "#facc15" }) });
    expect(lowContrast.status).toBe(422);
    expect(lowContrast.json?.errors?.map((e) => [e.field, e.code])).toEqual([["primaryColor", "low_contrast"]]);
  });
});
