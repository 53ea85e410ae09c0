// A partner asks for more protection time on an approved registration, with
// a justification. The program's extension policy bounds it: no request once
// the maximum number of extensions is used, and one pending request at a time
// (a unique index, so a double submit cannot create two). The reviewer (or
// the vendor admins) hears of it in the same batch.
import { z } from "@hono/zod-openapi";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound, PreconditionFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { auditRow, guardRows, timelineEvent } from "../platform/side-rows.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { extensionFromRow, EXTENSION_COLUMNS, type DealExtension } from "./extension-schema.ts";

export const requestDealExtensionInput = z
  .object({ justification: z.string().trim().min(10, "Explain why in a sentence or two.").max(2000, "Use at most 2000 characters.") })
  .openapi("RequestDealExtensionInput");

export async function requestDealExtension({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof requestDealExtensionInput>;
}): Promise<DealExtension> {
  authorize(ctx.actor, "deals.register");
  const filter = scopeSql(dealScopeOf(ctx.actor));
  const [rulesRs, dealRs] = await ctx.db.$client.batch(
    [
      currentRulesStatement("deal_registration"),
      {
        sql: `SELECT d.status, d.extensions_used, (SELECT count(*) FROM deal_extension_requests x WHERE x.deal_id = d.id AND x.status = 'pending') AS pending
              FROM deals d WHERE d.id = ? ${filter.sql}`,
        args: [id, ...filter.args],
      },
    ],
    "read",
  );
  const deal = dealRs!.rows[0];
  if (!deal) throw new NotFound("Deal not found.");
  const policy = rulesFromResult("deal_registration", rulesRs!).rules.extensions;
  // An expired registration may still ask: the vendor can revive its protection.
  if (deal.status !== "approved" && deal.status !== "expired") {
    throw new Conflict("Only an approved or expired registration can be extended.", "illegal_transition");
  }
  if (Number(deal.pending) > 0) throw new Conflict("An extension request for this deal is already waiting for the vendor.", "extension_pending");
  if (Number(deal.extensions_used) >= policy.maxExtensions) {
    throw new PreconditionFailed(
      policy.maxExtensions === 0
        ? "This program does not extend protection windows."
        : `This registration has had the ${policy.maxExtensions} extension${policy.maxExtensions === 1 ? "" : "s"} the program allows.`,
      "extension_limit",
    );
  }
  const requestId = newId();
  try {
    const results = await ctx.db.$client.batch(
      [
        {
          sql: `INSERT INTO deal_extension_requests (id, deal_id, requested_by, justification, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
          args: [requestId, id, actorId(ctx.actor), input.justification, ctx.now],
        },
        timelineEvent(ctx, { subject: { type: "deal", id }, kind: "extension_requested", data: { justification: input.justification } }),
        auditRow(ctx, { action: "deal.extension_requested", target: { type: "deal", id } }),
        dealNotification(ctx, "deal.extension_requested", guardRows("deals", "d", "d.id = ?", [id]), { to: "reviewers", detail: input.justification }),
        { sql: `SELECT ${EXTENSION_COLUMNS} FROM deal_extension_requests x LEFT JOIN memberships m ON m.id = x.requested_by WHERE x.id = ?`, args: [requestId] },
      ],
      "write",
    );
    return extensionFromRow(results.at(-1)!.rows[0]!);
  } catch (e) {
    if (String(e).includes("UNIQUE")) throw new Conflict("An extension request for this deal is already waiting for the vendor.", "extension_pending");
    throw e;
  }
}
