// The rules of one kind in force: the highest version, or the defaults when a
// vendor has never edited them. Other modules read rules inside their own
// batches with `currentRulesStatement` / `rulesFromResult`.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult, type ProgramRuleKind, type ProgramRules } from "./program-rules-schema.ts";

export async function getProgramRules<K extends ProgramRuleKind>({ ctx, kind }: { ctx: Ctx; kind: K }): Promise<ProgramRules<K>> {
  authorize(ctx.actor, "program.read");
  return rulesFromResult(kind, await ctx.db.$client.execute(currentRulesStatement(kind)));
}
