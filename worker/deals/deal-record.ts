// Statements the deal verbs put in their batches: a timeline entry, a domain
// event for the rollups, and the deal read back as callers see it.
import type { InStatement } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { DEAL_COLUMNS, DEAL_FROM } from "./deal-schema.ts";

export function dealEventStatement(
  ctx: Pick<Ctx, "actor" | "now">,
  dealId: string,
  kind: string,
  fromStatus: string | null,
  toStatus: string | null,
  data: Record<string, unknown> | null = null,
  id = newId(),
): InStatement {
  return {
    sql: `INSERT INTO deal_events (id, deal_id, at, actor_kind, actor_id, kind, from_status, to_status, data)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, dealId, ctx.now, ctx.actor.kind, actorId(ctx.actor), kind, fromStatus, toStatus, data ? JSON.stringify(data) : null],
  };
}

export function domainEventStatement(
  now: number,
  kind: string,
  partnerOrgId: string | null,
  dealId: string,
  data: Record<string, unknown> | null = null,
): InStatement {
  return {
    sql: `INSERT INTO domain_events (id, at, kind, partner_org_id, subject_type, subject_id, data) VALUES (?, ?, ?, ?, 'deal', ?, ?)`,
    args: [newId(), now, kind, partnerOrgId, dealId, data ? JSON.stringify(data) : null],
  };
}

export function selectDealStatement(id: string): InStatement {
  return { sql: `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ?`, args: [id] };
}
