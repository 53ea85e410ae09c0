// Every published version of a kind's rules, newest first: who changed the
// program, when, and to what.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { RULES_COLUMNS, rulesFromRow, type ProgramRuleKind, type RulesOf } from "./program-rules-schema.ts";

export interface ProgramRuleVersion<K extends ProgramRuleKind = ProgramRuleKind> {
  kind: K;
  version: number;
  rules: RulesOf<K>;
  createdBy: { id: string; name: string | null };
  createdAt: number;
}

export async function listProgramRuleVersions<K extends ProgramRuleKind>({
  ctx,
  kind,
}: {
  ctx: Ctx;
  kind: K;
}): Promise<{ items: ProgramRuleVersion<K>[] }> {
  authorize(ctx.actor, "program.read");
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${RULES_COLUMNS} FROM program_rules r WHERE r.kind = ? ORDER BY r.version DESC LIMIT 500`,
    args: [kind],
  });
  return { items: rs.rows.map((r) => rulesFromRow(kind, r) as ProgramRuleVersion<K>) };
}
