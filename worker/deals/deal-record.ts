// The deal read back as callers see it, for the end of a verb's batch.
// (A deal's timeline entries and domain events come from platform/side-rows.ts.)
import type { InStatement } from "@libsql/client/web";
import { DEAL_COLUMNS, DEAL_FROM } from "./deal-schema.ts";

export function selectDealStatement(id: string): InStatement {
  return { sql: `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ?`, args: [id] };
}
