// Deal-registration test helpers: a portal with two partner organizations
// (an admin and a rep each) and a channel manager, and a valid registration.
import type { Ctx } from "../../worker/platform/context.ts";
import { registerDealInput, type RegisterDealInput } from "../../worker/deals/deal-schema.ts";
import { updateProgramRules } from "../../worker/program/update-program-rules.ts";
import { addMember, tenantCtx, type TestPlatform, type TestTenant } from "./platform.ts";
import { addPartner, createProgramTenant } from "./program.ts";

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export interface DealPortal {
  t: TestTenant;
  north: string;
  south: string;
  at: (who: "admin" | "manager" | "northAdmin" | "northRep" | "northRep2" | "southAdmin" | "southRep", now?: number) => Promise<Ctx>;
  tokens: Record<"admin" | "manager" | "northAdmin" | "northRep" | "northRep2" | "southAdmin" | "southRep", string>;
}

export async function createDealPortal(p: TestPlatform, now = Date.now()): Promise<DealPortal> {
  const t = await createProgramTenant(p, { now });
  const north = await addPartner(p, t, "North Resellers");
  const south = await addPartner(p, t, "South Integrators");
  const manager = await addMember(p, t, { role: "channel_manager", name: "Mia Manager" });
  const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north, name: "Nora North" });
  const northRep = await addMember(p, t, { role: "partner_user", partnerOrgId: north, name: "Ned North" });
  const northRep2 = await addMember(p, t, { role: "partner_user", partnerOrgId: north, name: "Nils North" });
  const southAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: south, name: "Sara South" });
  const southRep = await addMember(p, t, { role: "partner_user", partnerOrgId: south, name: "Sam South" });
  const tokens = {
    admin: t.admin.token,
    manager: manager.token,
    northAdmin: northAdmin.token,
    northRep: northRep.token,
    northRep2: northRep2.token,
    southAdmin: southAdmin.token,
    southRep: southRep.token,
  };
  return { t, north, south, tokens, at: (who, at = Date.now()) => tenantCtx(p, t.tenant, tokens[who], at) };
}

/** A valid registration, parsed like the route parses it. */
export function dealInput(overrides: Partial<Record<keyof RegisterDealInput, unknown>> = {}): RegisterDealInput {
  return registerDealInput.parse({
    customerName: "Globex Corporation",
    customerDomain: "https://www.globex.com",
    contactName: "Hank Scorpio",
    contactEmail: "hank@globex.com",
    country: "US",
    value: 48000,
    currency: "USD",
    products: ["Core Switch X", "Support Plus"],
    ...overrides,
  });
}

export async function setDealRules(ctx: Ctx, rules: Record<string, unknown>): Promise<void> {
  await updateProgramRules({ ctx, kind: "deal_registration", rules });
}
