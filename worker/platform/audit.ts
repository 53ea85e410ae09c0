// Audit rows as the verbs written before the statement kit call them: thin
// forms of `auditRow` (side-rows.ts), which owns the SQL. New code uses
// `auditRow` with a guard directly.
import type { InStatement, InValue } from "@libsql/client/web";
import type { Actor } from "./context.ts";
import { auditRow, whenExists } from "./side-rows.ts";

export function auditStatement(
  actor: Actor,
  now: number,
  action: string,
  target: { type: string; id: string } | null,
  data: Record<string, unknown> | null = null,
): InStatement {
  return auditRow({ actor, now }, { action, target, data });
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
  return auditRow({ actor, now }, { action, target, data }, whenExists(exists));
}
