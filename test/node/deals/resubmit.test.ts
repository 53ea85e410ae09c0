// A vendor asks for information; the partner edits the registration and
// resubmits it. The edit is checked like a new registration (fields, custom
// fields, conflicts), keeps who registered and who reviews it, restarts the
// vendor's clock, is never approved automatically, and says on the timeline
// what changed. A refused resubmission writes nothing.
import { describe, expect, it } from "vitest";
import { reassignDeal } from "../../../worker/deals/reassign-deal.ts";
import { getDeal } from "../../../worker/deals/get-deal.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { rejectDeal } from "../../../worker/deals/reject-deal.ts";
import { requestDealInfo } from "../../../worker/deals/request-deal-info.ts";
import { resubmitDeal, resubmitDealInput } from "../../../worker/deals/resubmit-deal.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { Conflict, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { createDealPortal, dealInput, HOUR, setDealRules } from "../../support/deals.ts";
import { appHarness } from "../../support/app-harness.ts";
import { createTestPlatform } from "../../support/platform.ts";

const p = await createTestPlatform();

async function rowsOf(ctx: Ctx, id: string) {
  const rs = await ctx.db.$client.batch(
    [
      { sql: "SELECT * FROM deals WHERE id = ?", args: [id] },
      { sql: "SELECT token FROM deal_name_tokens WHERE deal_id = ? ORDER BY token", args: [id] },
      { sql: "SELECT count(*) AS n FROM deal_events WHERE deal_id = ?", args: [id] },
      { sql: "SELECT count(*) AS n FROM audit_log WHERE target_id = ?", args: [id] },
      { sql: "SELECT kind FROM domain_events WHERE subject_id = ? ORDER BY at, rowid", args: [id] },
    ],
    "read",
  );
  return {
    deal: rs[0]!.rows[0]!,
    tokens: rs[1]!.rows.map((r) => String(r.token)),
    events: Number(rs[2]!.rows[0]!.n),
    audits: Number(rs[3]!.rows[0]!.n),
    domainEvents: rs[4]!.rows.map((r) => String(r.kind)),
  };
}

const edit = (overrides: Record<string, unknown> = {}) => {
  const { submit: _submit, ...deal } = dealInput(overrides);
  return deal;
};

describe("resubmitting with edits", () => {
  it("replaces the fields, re-checks conflicts, keeps the submitter and reviewer, restarts the clock and lists what changed", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const manager = await w.at("manager", now);
    // South holds Initech; North registers Globex and is asked which customer it really is.
    await registerDeal({ ctx: await w.at("southRep", now), input: dealInput({ customerName: "Initech", customerDomain: "initech.com", contactEmail: undefined }) });
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    expect(deal.conflict?.matches ?? []).toEqual([]);
    await reassignDeal({ ctx: await w.at("admin", now), id: deal.id, input: { reviewerId: (manager.actor as { membership: { id: string } }).membership.id } });
    await requestDealInfo({ ctx: manager, id: deal.id, input: { message: "Is this Globex or its parent Initech?" } });

    const later = now + 5 * HOUR;
    const rep = await w.at("northRep", later);
    const back = await resubmitDeal({
      ctx: rep,
      id: deal.id,
      input: resubmitDealInput.parse({
        message: "It is Initech, the parent.",
        deal: edit({ customerName: "Initech Inc.", customerDomain: "www.initech.com", contactEmail: undefined, value: 60000, notes: "Parent company deal." }),
      }),
    });
    expect(back).toMatchObject({
      status: "submitted",
      customerName: "Initech Inc.",
      customerDomain: "initech.com",
      valueMinor: 6_000_000,
      notes: "Parent company deal.",
      submittedBy: { name: "Ned North" },
      reviewer: { name: "Mia Manager" },
      submittedAt: now,
      reviewDueAt: later + 48 * HOUR,
    });
    // The edit now conflicts with South's registration: the partner sees why, without South's name.
    expect(back.conflict!.matches).toHaveLength(1);
    expect(back.conflict!.matches[0]).toMatchObject({ sameOrganization: false, reasons: expect.arrayContaining(["domain", "name"]) });
    expect(back.conflict!.matches[0]!.partnerOrgName).toBeUndefined();

    const { timeline } = await getDeal({ ctx: manager, id: deal.id });
    const last = timeline.at(-1)!;
    expect([last.kind, last.fromStatus, last.toStatus]).toEqual(["resubmitted", "needs_info", "submitted"]);
    expect(last.data).toMatchObject({ message: "It is Initech, the parent.", conflicts: 1, changed: ["customerName", "customerDomain", "contactEmail", "value", "notes"] });

    const stored = await rowsOf(manager, deal.id);
    expect(stored.tokens).toEqual(["initech"]);
    expect(stored.deal.review_escalated_at).toBeNull();
    // Registered once: a resubmission is not a second registration.
    expect(stored.domainEvents).toEqual(["deal.registered"]);
  });

  it("is never approved automatically: the vendor asked, so the vendor decides", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    await requestDealInfo({ ctx: await w.at("manager", now), id: deal.id, input: { message: "Seats?" } });
    await setDealRules(await w.at("admin", now), { autoApprove: { enabled: true } });
    const back = await resubmitDeal({ ctx: await w.at("northRep", now), id: deal.id, input: { message: "40 seats", deal: edit({ notes: "40 seats" }) } });
    expect(back.status).toBe("submitted");
  });

  it("names the bad fields under deal, and writes nothing", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    await requestDealInfo({ ctx: await w.at("manager", now), id: deal.id, input: { message: "Domain?" } });
    const before = await rowsOf(rep, deal.id);
    const error = await resubmitDeal({
      ctx: rep,
      id: deal.id,
      input: { message: "Fixed", deal: edit({ customerDomain: "not a domain", expectedCloseDate: "2020-01-01" }) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).fields!.map((f) => f.field).sort()).toEqual(["deal.customerDomain", "deal.expectedCloseDate"]);
    expect(await rowsOf(rep, deal.id)).toEqual(before);
  });

  it("refuses a registration that is not waiting for information, another organization's, and another portal's", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const other = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    const input = { message: "Here", deal: edit({ notes: "More" }) };
    const refused = await resubmitDeal({ ctx: rep, id: deal.id, input }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Conflict);
    expect((refused as Conflict).code).toBe("illegal_transition");
    expect((refused as Conflict).message).toBe("This registration is not waiting for more information, so it cannot be resubmitted now.");

    await requestDealInfo({ ctx: await w.at("manager", now), id: deal.id, input: { message: "?" } });
    const before = await rowsOf(rep, deal.id);
    await expect(resubmitDeal({ ctx: await w.at("southRep", now), id: deal.id, input })).rejects.toBeInstanceOf(NotFound);
    await expect(resubmitDeal({ ctx: await w.at("northRep2", now), id: deal.id, input })).rejects.toBeInstanceOf(NotFound);
    await expect(resubmitDeal({ ctx: await other.at("northRep", now), id: deal.id, input })).rejects.toBeInstanceOf(NotFound);
    expect(await rowsOf(rep, deal.id)).toEqual(before);

    // The partner admin may answer for the organization; the rep stays the submitter.
    const back = await resubmitDeal({ ctx: await w.at("northAdmin", now), id: deal.id, input });
    expect(back).toMatchObject({ status: "submitted", notes: "More", submittedBy: { name: "Ned North" } });
    await rejectDeal({ ctx: await w.at("manager", now), id: deal.id, input: { reason: "No." } });
  });

  it("answers the route with 422 naming deal fields, and 409 for a second resubmission", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const call = appHarness(p);
    const rep = await w.at("northRep", now);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    await requestDealInfo({ ctx: await w.at("manager", now), id: deal.id, input: { message: "?" } });
    const path = `/api/t/${w.t.tenant.slug}/deals/${deal.id}/resubmit`;
    const bad = await call("POST", path, { token: w.tokens.northRep, body: { message: "x", notes: "y", deal: { ...edit(), currency: "XXX", value: -1 } } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const fields = ((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(["deal.currency", "deal.value", "notes"]);

    const ok = await call("POST", path, { token: w.tokens.northRep, body: { message: "x", deal: edit({ country: "DE" }) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "submitted", country: "DE" });
    const again = await call("POST", path, { token: w.tokens.northRep, body: { message: "x", deal: edit({ country: "FR" }) } });
    expect(again.status).toBe(409);
  });
});
