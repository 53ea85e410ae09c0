// The vendor grants or denies a partner's extension request. Granting adds
// the program's days-per-extension to the protection window (from its end,
// or from now if it has already lapsed, which revives an expired
// registration) within the maximum number of extensions. One guarded write
// batch: the request's decision, the deal's new window, timeline, audit,
// domain event, the rep's mail and notification happen together or not at all.
import { z } from "@hono/zod-openapi";
import type { InStatement } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound, PreconditionFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { publishOutbox } from "../platform/outbox/outbox.ts";
import { auditRow, domainEvent, guardRows, sql, timelineEvent, updateRows, whenExists } from "../platform/side-rows.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { dealUpdateMail, sqlDate } from "./deal-mail.ts";
import { selectDealStatement } from "./deal-record.ts";
import { dealFromRow, type Deal } from "./deal-schema.ts";
import { EXTENSION_COLUMNS, extensionFromRow, type DealExtension } from "./extension-schema.ts";

const DAY = 24 * 60 * 60 * 1000;

export const decideDealExtensionInput = z
  .object({
    decision: z.enum(["approve", "deny"]),
    reason: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "deny" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Tell the partner why." });
  })
  .openapi("DecideDealExtensionInput");

export async function decideDealExtension({
  ctx,
  dealId,
  requestId,
  input,
}: {
  ctx: Ctx;
  dealId: string;
  requestId: string;
  input: z.infer<typeof decideDealExtensionInput>;
}): Promise<{ deal: Deal; extension: DealExtension }> {
  authorize(ctx.actor, "deals.review");
  const [rulesRs, stateRs] = await ctx.db.$client.batch(
    [
      currentRulesStatement("deal_registration"),
      {
        sql: `SELECT x.status AS request_status, d.status AS deal_status, d.extensions_used
              FROM deal_extension_requests x JOIN deals d ON d.id = x.deal_id WHERE x.id = ? AND x.deal_id = ?`,
        args: [requestId, dealId],
      },
    ],
    "read",
  );
  const state = stateRs!.rows[0];
  if (!state) throw new NotFound("Extension request not found.");
  if (state.request_status !== "pending") throw new Conflict("This extension request has already been decided.", "already_decided");
  const policy = rulesFromResult("deal_registration", rulesRs!).rules.extensions;
  const approve = input.decision === "approve";
  if (approve && Number(state.extensions_used) >= policy.maxExtensions) {
    throw new PreconditionFailed(`The program allows ${policy.maxExtensions} extension${policy.maxExtensions === 1 ? "" : "s"}; this registration has used them.`, "extension_limit");
  }
  if (approve && state.deal_status !== "approved" && state.deal_status !== "expired") {
    throw new Conflict("The registration is no longer open to an extension.", "illegal_transition");
  }

  const { now } = ctx;
  // The request's decision is the change; every other row follows it as written (decided now, this way), so a
  // request decided meanwhile, or a registration no longer open to extension, writes nothing.
  const decided = whenExists({ sql: "SELECT 1 FROM deal_extension_requests WHERE id = ? AND decided_at = ? AND status = ?", args: [requestId, now, approve ? "approved" : "denied"] });
  const decidedDeal = guardRows("deals", "d", `d.id = ? AND ${decided.where.sql}`, [dealId, ...decided.where.args]);
  const actor = actorId(ctx.actor);
  const statements: InStatement[] = [
    {
      sql: `UPDATE deal_extension_requests SET status = ?, days = ?, decided_by = ?, decided_at = ?, decision_reason = ?
            WHERE id = ? AND deal_id = ? AND status = 'pending'
              AND (? = 0 OR EXISTS (SELECT 1 FROM deals WHERE id = ? AND status IN ('approved', 'expired') AND extensions_used < ?))`,
      args: [approve ? "approved" : "denied", approve ? policy.daysEach : null, actor, now, input.reason ?? null, requestId, dealId, approve ? 1 : 0, dealId, policy.maxExtensions],
    },
    timelineEvent(
      ctx,
      {
        subject: { type: "deal", id: sql("d.id") },
        kind: approve ? "extension_granted" : "extension_denied",
        from: sql("d.status"),
        to: approve ? "approved" : null,
        data: approve ? { days: policy.daysEach } : { reason: input.reason },
      },
      decidedDeal,
    ),
    auditRow(ctx, { action: approve ? "deal.extension_granted" : "deal.extension_denied", target: { type: "deal", id: dealId } }, decided),
  ];
  if (approve) {
    statements.push(
      domainEvent(now, { kind: "deal.extended", partnerOrgId: sql("d.partner_org_id"), subject: { type: "deal", id: sql("d.id") }, data: { days: policy.daysEach } }, decidedDeal),
      updateRows(decidedDeal, {
        status: "approved",
        expires_at: sql("max(coalesce(expires_at, ?), ?) + ?", now, now, policy.daysEach * DAY),
        extensions_used: sql("extensions_used + 1"),
        reminder_sent_at: null,
        updated_at: now,
      }),
    );
  }
  const mailRun = newId();
  // After the deal's UPDATE, so both read the window's new end.
  statements.push(
    dealUpdateMail(ctx, approve ? "extension_granted" : "extension_denied", decidedDeal, {
      detail: approve ? null : (input.reason ?? null),
      date: approve ? sql(sqlDate("d.expires_at")) : null,
      run: mailRun,
    }),
    dealNotification(ctx, approve ? "deal.extension_granted" : "deal.extension_denied", decidedDeal, {
      to: "submitter",
      detail: input.reason ?? null,
      date: approve ? sql("d.expires_at") : null,
    }),
  );
  statements.push(selectDealStatement(dealId), {
    sql: `SELECT ${EXTENSION_COLUMNS} FROM deal_extension_requests x LEFT JOIN memberships m ON m.id = x.requested_by WHERE x.id = ?`,
    args: [requestId],
  });
  const results = await ctx.db.$client.batch(statements, "write");
  if (results[0]!.rowsAffected === 0) throw new Conflict("The request or the registration changed meanwhile; reload and try again.", "extension_changed");
  await publishOutbox(ctx.env, ctx.tenant.id, [`${mailRun}:${dealId}`]);
  return { deal: dealFromRow(results.at(-2)!.rows[0]!, "vendor"), extension: extensionFromRow(results.at(-1)!.rows[0]!) };
}
