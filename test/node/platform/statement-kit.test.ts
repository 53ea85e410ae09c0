// The statement kit (worker/platform/side-rows.ts) against the real libSQL
// server: plain side rows are written as given; guarded ones share the
// change's guard, so in one write batch a guard that matches writes the
// change and every row, and one that does not match writes none of them.
import type { InStatement } from "@libsql/client/web";
import { describe, expect, it } from "vitest";
import type { Ctx } from "../../../worker/platform/context.ts";
import {
  afterChange,
  auditRow,
  domainEvent,
  type Guard,
  guardRows,
  notification,
  outboxMail,
  sql,
  timelineEvent,
  updateRows,
  whenExists,
} from "../../../worker/platform/side-rows.ts";
import { addPartnerOrg, createTenant, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

async function portal() {
  const t = await createTenant(p);
  const orgId = await addPartnerOrg(p, t, "Guarded Partners");
  const admin = await tenantCtx(p, t.tenant, t.admin.token);
  return { t, orgId, admin, system: systemCtx(p, t.tenant) };
}

/** The side rows written about `subjectId`, by kind, since `since`. */
async function written(ctx: Ctx, subjectId: string, since: number) {
  const count = async (sqlText: string, args: (string | number)[]) => Number((await ctx.db.$client.execute({ sql: sqlText, args })).rows[0]!.n);
  return {
    audit: await count("SELECT count(*) AS n FROM audit_log WHERE target_id = ? AND at >= ? AND action LIKE 'kit.%'", [subjectId, since]),
    timeline: await count("SELECT count(*) AS n FROM deal_events WHERE deal_id = ? AND at >= ?", [subjectId, since]),
    domain: await count("SELECT count(*) AS n FROM domain_events WHERE subject_id = ? AND at >= ?", [subjectId, since]),
    mail: await count("SELECT count(*) AS n FROM outbox WHERE json_extract(payload, '$.data.subject') = ? AND created_at >= ?", [subjectId, since]),
    notifications: await count("SELECT count(*) AS n FROM notifications WHERE subject_id = ? AND created_at >= ?", [subjectId, since]),
  };
}

/** A change (suspend the organization) and one of each side row, all under `guard`. */
function suspension(ctx: Ctx, guard: Guard, orgId: string): InStatement[] {
  const org = { type: "partner_org", id: sql("o.id") };
  return [
    timelineEvent(ctx, { subject: { type: "deal", id: sql("o.id") }, kind: "kit.suspended", from: sql("o.status"), to: "suspended" }, guard),
    auditRow(ctx, { action: "kit.suspended", target: org, data: sql("json_object('name', o.name)") }, guard),
    domainEvent(ctx.now, { kind: "kit.suspended", partnerOrgId: sql("o.id"), subject: org, data: { why: "test" } }, guard),
    outboxMail(ctx.now, { id: `kit-${orgId}-${ctx.now}`, payload: sql("json_object('template', 'kit', 'data', json_object('subject', o.id))") }, guard),
    notification(ctx, { kind: "kit.suspended", subject: org, to: sql("m.role = 'vendor_admin'"), data: sql("json_object('name', o.name)") }, guard),
    updateRows(guard, { status: "suspended" }),
  ];
}

describe("the statement kit", () => {
  it("writes plain rows with the values given", async () => {
    const { system, orgId } = await portal();
    const now = system.now;
    await system.db.$client.batch(
      [
        timelineEvent(system, { subject: { type: "deal", id: orgId }, kind: "kit.noted", data: { n: 1 } }),
        auditRow(system, { action: "kit.noted", target: { type: "partner_org", id: orgId }, data: { n: 1 } }),
        domainEvent(now, { kind: "kit.noted", partnerOrgId: orgId, subject: { type: "partner_org", id: orgId } }),
        outboxMail(now, { id: `kit-plain-${orgId}`, payload: { template: "kit", data: { subject: orgId } } as never }),
        notification(system, { kind: "kit.noted", subject: { type: "partner_org", id: orgId }, to: sql("m.role = 'vendor_admin'"), data: { n: 1 } }),
      ],
      "write",
    );
    expect(await written(system, orgId, now)).toEqual({ audit: 1, timeline: 1, domain: 1, mail: 1, notifications: 1 });
    const audit = await system.db.$client.execute({ sql: "SELECT actor_kind, actor_id, target_type, data FROM audit_log WHERE target_id = ? AND action = 'kit.noted'", args: [orgId] });
    expect(audit.rows.map((r) => ({ ...r }))).toEqual([{ actor_kind: "system", actor_id: "test", target_type: "partner_org", data: '{"n":1}' }]);
    const mail = await system.db.$client.execute({ sql: "SELECT kind, status, attempts FROM outbox WHERE id = ?", args: [`kit-plain-${orgId}`] });
    expect({ ...mail.rows[0] }).toEqual({ kind: "email", status: "pending", attempts: 0 });
  });

  it("writes the change and every guarded row in one batch when the guard matches", async () => {
    const { system, orgId } = await portal();
    const trips = system.trips.count;
    const results = await system.db.$client.batch(suspension(system, guardRows("partner_orgs", "o", "o.id = ? AND o.status = ?", [orgId, "active"]), orgId), "write");
    expect(system.trips.count - trips).toBe(1);
    expect(results.at(-1)!.rowsAffected).toBe(1);
    expect(await written(system, orgId, system.now)).toEqual({ audit: 1, timeline: 1, domain: 1, mail: 1, notifications: 1 });
    const event = await system.db.$client.execute({ sql: "SELECT from_status, to_status FROM deal_events WHERE deal_id = ?", args: [orgId] });
    // Written before the UPDATE, under its guard: the row records the state it moved from.
    expect({ ...event.rows[0] }).toEqual({ from_status: "active", to_status: "suspended" });
  });

  it("writes nothing, neither the change nor any row, when the guard does not match", async () => {
    const { system, orgId } = await portal();
    const results = await system.db.$client.batch(suspension(system, guardRows("partner_orgs", "o", "o.id = ? AND o.status = ?", [orgId, "suspended"]), orgId), "write");
    expect(results.at(-1)!.rowsAffected).toBe(0);
    expect(await written(system, orgId, system.now)).toEqual({ audit: 0, timeline: 0, domain: 0, mail: 0, notifications: 0 });
    const org = await system.db.$client.execute({ sql: "SELECT status FROM partner_orgs WHERE id = ?", args: [orgId] });
    expect(org.rows[0]!.status).toBe("active");
  });

  it("guards a row on the change as written (whenExists) or on the statement just before (afterChange)", async () => {
    const { admin, orgId } = await portal();
    const audit = (action: string, guard: Guard) => auditRow(admin, { action, target: { type: "partner_org", id: orgId } }, guard);
    const renamed = whenExists({ sql: "SELECT 1 FROM partner_orgs WHERE id = ? AND name = ?", args: [orgId, "Renamed"] });
    await admin.db.$client.batch(
      [
        { sql: "UPDATE partner_orgs SET name = 'Renamed' WHERE id = ? AND name = 'Nobody'", args: [orgId] },
        audit("kit.refused_after", afterChange),
        audit("kit.refused_exists", renamed),
        { sql: "UPDATE partner_orgs SET name = 'Renamed' WHERE id = ?", args: [orgId] },
        audit("kit.renamed_after", afterChange),
        audit("kit.renamed_exists", renamed),
      ],
      "write",
    );
    const rs = await admin.db.$client.execute({ sql: "SELECT action, actor_kind FROM audit_log WHERE target_id = ? AND action LIKE 'kit.%' ORDER BY rowid", args: [orgId] });
    expect(rs.rows.map((r) => [r.action, r.actor_kind])).toEqual([
      ["kit.renamed_after", "user"],
      ["kit.renamed_exists", "user"],
    ]);
  });

  it("never notifies the actor of their own change", async () => {
    const { admin, orgId } = await portal();
    await admin.db.$client.execute(
      notification(admin, { kind: "kit.noted", subject: { type: "partner_org", id: orgId }, to: sql("m.role = 'vendor_admin'"), data: {} }, guardRows("partner_orgs", "o", "o.id = ?", [orgId])),
    );
    expect((await written(admin, orgId, admin.now)).notifications).toBe(0);
  });
});
