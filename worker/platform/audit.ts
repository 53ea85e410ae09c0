// Audit rows are statements, not calls: a verb puts them in the same batch as
// the change they record.
import type { InStatement, InValue } from "@libsql/client/web";
import { type Actor, actorId } from "./context.ts";
import { newId } from "./auth/tokens.ts";

export function auditStatement(
  actor: Actor,
  now: number,
  action: string,
  target: { type: string; id: string } | null,
  data: Record<string, unknown> | null = null,
): InStatement {
  return {
    sql: `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, data)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      newId(),
      now,
      actor.kind,
      actorId(actor),
      action,
      target?.type ?? null,
      target?.id ?? null,
      data ? JSON.stringify(data) : null,
    ],
  };
}

/** An audit row written only if `exists` finds a row: for changes guarded in SQL. */
export function auditWhen(
  actor: Actor,
  now: number,
  action: string,
  target: { type: string; id: string },
  exists: { sql: string; args: InValue[] },
  data: Record<string, unknown> | null = null,
): InStatement {
  const base = auditStatement(actor, now, action, target, data) as { args: InValue[] };
  return {
    sql: `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, data)
          SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (${exists.sql})`,
    args: [...base.args, ...exists.args],
  };
}
