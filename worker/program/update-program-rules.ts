// Vendor admins publish a new version of a kind's rules. Versions are never
// edited: version n+1 is inserted with its audit row in one batch. Two admins
// editing from the same version race for n+1 and the unique (kind, version)
// index lets exactly one win; the other gets a Conflict and reloads.
import { LibsqlError } from "@libsql/client/web";
import { auditWhen } from "../platform/audit.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { fieldErrorsFromZod } from "../platform/problem.ts";
import { newId } from "../platform/auth/tokens.ts";
import { currentRulesStatement, RULES_COLUMNS, rulesFromRow, ruleSchemas, type ProgramRuleKind, type ProgramRules } from "./program-rules-schema.ts";

function versionConflict(): Conflict {
  return new Conflict("Someone else changed these rules meanwhile. Reload them and apply your change again.", "version_conflict", [
    { field: "baseVersion", message: "These rules changed since you loaded them.", code: "stale" },
  ]);
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof LibsqlError && e.code.startsWith("SQLITE_CONSTRAINT") && /UNIQUE/i.test(e.message);
}

export async function updateProgramRules<K extends ProgramRuleKind>({
  ctx,
  kind,
  rules,
  baseVersion,
}: {
  ctx: Ctx;
  kind: K;
  /** The document as received; validated here against the kind's schema. */
  rules: unknown;
  /** The version the editor started from (0 for the defaults); omitted: whatever is current now. */
  baseVersion?: number | undefined;
}): Promise<ProgramRules<K>> {
  authorize(ctx.actor, "program.manage");
  const parsed = ruleSchemas[kind].safeParse(rules);
  if (!parsed.success) throw new ValidationFailed(fieldErrorsFromZod(parsed.error));

  let base = baseVersion;
  if (base === undefined) {
    const current = await ctx.db.$client.execute(currentRulesStatement(kind));
    base = current.rows[0] ? Number(current.rows[0].version) : 0;
  }
  const id = newId();
  const version = base + 1;
  const { now } = ctx;
  let results;
  try {
    results = await ctx.db.$client.batch(
      [
        // An editor claiming a version that does not exist yet inserts nothing;
        // a stale one collides with the existing n+1 on the unique index.
        {
          sql: `INSERT INTO program_rules (id, kind, version, rules, created_by, created_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE ? <= (SELECT coalesce(max(version), 0) FROM program_rules WHERE kind = ?)
                RETURNING id`,
          args: [id, kind, version, JSON.stringify(parsed.data), actorId(ctx.actor) ?? "unknown", now, base, kind],
        },
        auditWhen(ctx.actor, now, "program_rules.updated", { type: "program_rules", id }, { sql: "SELECT 1 FROM program_rules WHERE id = ?", args: [id] }, {
          kind,
          version,
        }),
        { sql: `SELECT ${RULES_COLUMNS} FROM program_rules r WHERE r.id = ?`, args: [id] },
      ],
      "write",
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw versionConflict();
    throw e;
  }
  const row = results[2]!.rows[0];
  if (!row) throw versionConflict();
  return rulesFromRow(kind, row);
}
