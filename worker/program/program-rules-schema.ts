// The program's rule documents, one zod schema per kind. Every field has a
// default, so `{}` is a valid document and a tenant that never edited a kind
// runs on `defaultRules(kind)`. Stored documents are versioned in
// `program_rules`; the highest version of a kind is in force.
import { z } from "@hono/zod-openapi";
import type { InStatement, ResultSet, Row } from "@libsql/client/web";

export const programRuleKinds = ["deal_registration", "leads", "mdf", "tier_policy"] as const;
export type ProgramRuleKind = (typeof programRuleKinds)[number];

const intRange = (min: number, max: number) => z.int("Use a whole number.").min(min, `Use ${min} to ${max}.`).max(max, `Use ${min} to ${max}.`);

export const customFieldTypes = ["text", "number", "date", "select"] as const;

export const dealCustomFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use a lowercase key: letters, digits and underscores, starting with a letter (at most 40)."),
    label: z.string().trim().min(1, "Enter a label.").max(80, "Use at most 80 characters."),
    type: z.enum(customFieldTypes),
    options: z
      .array(z.string().trim().min(1, "Enter the option.").max(80, "Use at most 80 characters."))
      .max(50, "Use at most 50 options.")
      .optional(),
    required: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    if (field.type === "select") {
      if (!field.options || field.options.length === 0) {
        ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs at least one option." });
      } else if (new Set(field.options).size !== field.options.length) {
        ctx.addIssue({ code: "custom", path: ["options"], message: "Options must be different from each other." });
      }
    } else if (field.options !== undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Only select fields have options." });
    }
  })
  .openapi("DealCustomField");

export const dealRegistrationRulesSchema = z
  .object({
    customFields: z
      .array(dealCustomFieldSchema)
      .max(30, "Use at most 30 custom fields.")
      .default([])
      .superRefine((fields, ctx) => {
        const seen = new Set<string>();
        fields.forEach((f, i) => {
          if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "Each field needs its own key." });
          seen.add(f.key);
        });
      }),
    conflictPolicy: z.enum(["first_approved_wins", "vendor_decides", "block_duplicates"]).default("vendor_decides"),
    autoApprove: z
      .object({
        enabled: z.boolean().default(false),
        /** Only partners whose tier has at least this rank. */
        minTierRank: intRange(0, 10_000).optional(),
        /** Only deals worth at most this much, in the tenant's minor units. */
        maxValueMinor: z.int("Use a whole number.").min(0, "Use 0 or more.").max(Number.MAX_SAFE_INTEGER).optional(),
        requireNoConflict: z.boolean().default(true),
      })
      .prefault({}),
    /** Protection window of an approved registration; a tier's `dealProtectionDays` overrides it. */
    defaultProtectionDays: intRange(1, 365).default(90),
    extensions: z
      .object({
        maxExtensions: intRange(0, 10).default(1),
        daysEach: intRange(1, 180).default(30),
      })
      .prefault({}),
    reviewSlaHours: intRange(1, 720).default(48),
    autoApproveOnSlaBreach: z.boolean().default(false),
  })
  .openapi("DealRegistrationRules");

export const leadRulesSchema = z
  .object({
    assignment: z
      .object({
        strategy: z.enum(["round_robin", "weighted", "territory", "manual"]).default("manual"),
        /** Per-partner weights (partner organization id -> 0..100) for `weighted`; partners not listed use their tier's leadPriorityWeight. */
        weights: z.record(z.string().min(1).max(64), intRange(0, 100)).optional(),
      })
      .prefault({}),
    acceptSlaHours: intRange(1, 720).default(48),
    firstContactSlaHours: intRange(1, 720).default(72),
    maxOpenLeadsPerPartner: intRange(1, 10_000).default(50),
  })
  .openapi("LeadRules");

export const proofTypes = ["invoice", "photo", "attendee_list", "screenshot", "report"] as const;

export const mdfRulesSchema = z
  .object({
    fundPeriod: z.enum(["quarter", "half", "year"]).default("quarter"),
    requestLeadTimeDays: intRange(0, 365).default(30),
    claimDeadlineDays: intRange(1, 365).default(60),
    requiredProofTypes: z
      .array(z.enum(proofTypes))
      .default(["invoice"])
      .superRefine((types, ctx) => {
        types.forEach((t, i) => {
          if (types.indexOf(t) !== i) ctx.addIssue({ code: "custom", path: [i], message: "Each proof type can appear once." });
        });
      }),
  })
  .openapi("MdfRules");

export const tierPolicySchema = z
  .object({
    /** automatic: evaluation applies tier changes; review: it proposes them for a person to decide. */
    mode: z.enum(["automatic", "review"]).default("automatic"),
    /** Days a partner keeps its tier after it stops meeting the criteria, before an automatic demotion. */
    demotionGraceDays: intRange(0, 365).default(0),
  })
  .openapi("TierPolicy");

export const ruleSchemas = {
  deal_registration: dealRegistrationRulesSchema,
  leads: leadRulesSchema,
  mdf: mdfRulesSchema,
  tier_policy: tierPolicySchema,
} as const;

export type RulesOf<K extends ProgramRuleKind> = z.output<(typeof ruleSchemas)[K]>;
export type DealRegistrationRules = RulesOf<"deal_registration">;
export type LeadRules = RulesOf<"leads">;
export type MdfRules = RulesOf<"mdf">;
export type TierPolicy = RulesOf<"tier_policy">;

export function defaultRules<K extends ProgramRuleKind>(kind: K): RulesOf<K> {
  return ruleSchemas[kind].parse({}) as RulesOf<K>;
}

export const programRuleKindField = z.enum(programRuleKinds).openapi({ param: { name: "kind", in: "path" }, example: "deal_registration" });

const rulesDocument = z.union([dealRegistrationRulesSchema, leadRulesSchema, mdfRulesSchema, tierPolicySchema]);

export const ruleAuthorSchema = z.object({ id: z.string(), name: z.string().nullable() }).openapi("RuleAuthor");

export const programRulesSchema = z
  .object({
    kind: z.enum(programRuleKinds),
    /** 0 while the kind still runs on the defaults. */
    version: z.number(),
    rules: rulesDocument,
    createdBy: ruleAuthorSchema.nullable(),
    createdAt: z.number().nullable(),
  })
  .openapi("ProgramRules");

export const programRuleVersionSchema = programRulesSchema.extend({ version: z.number(), createdBy: ruleAuthorSchema, createdAt: z.number() }).openapi("ProgramRuleVersion");

export type ProgramRules<K extends ProgramRuleKind = ProgramRuleKind> = {
  kind: K;
  version: number;
  rules: RulesOf<K>;
  createdBy: { id: string; name: string | null } | null;
  createdAt: number | null;
};

/** The document body of `PUT .../program-rules/{kind}`: validated by the verb against the kind's schema. */
export const programRulesBody = z.record(z.string(), z.unknown()).openapi("ProgramRulesInput", {
  description: "A rules document of the kind in the path: DealRegistrationRules, LeadRules, MdfRules or TierPolicy. Omitted fields take their defaults.",
});

export const RULES_COLUMNS = `r.kind, r.version, r.rules, r.created_by, r.created_at,
  coalesce((SELECT m.name FROM memberships m WHERE m.id = r.created_by), (SELECT k.name FROM api_keys k WHERE k.id = r.created_by)) AS created_by_name`;

/** The statement reading a kind's rules in force, for other modules' read batches. */
export function currentRulesStatement(kind: ProgramRuleKind): InStatement {
  return { sql: `SELECT ${RULES_COLUMNS} FROM program_rules r WHERE r.kind = ? ORDER BY r.version DESC LIMIT 1`, args: [kind] };
}

export function rulesFromRow<K extends ProgramRuleKind>(kind: K, r: Row | undefined): ProgramRules<K> {
  if (!r) return { kind, version: 0, rules: defaultRules(kind), createdBy: null, createdAt: null };
  // Parsing (not casting) fills in defaults for fields added since the version was written.
  return {
    kind,
    version: Number(r.version),
    rules: ruleSchemas[kind].parse(JSON.parse(String(r.rules))) as RulesOf<K>,
    createdBy: { id: String(r.created_by), name: r.created_by_name == null ? null : String(r.created_by_name) },
    createdAt: Number(r.created_at),
  };
}

/** The rules in force from the result of `currentRulesStatement`. */
export function rulesFromResult<K extends ProgramRuleKind>(kind: K, rs: ResultSet): ProgramRules<K> {
  return rulesFromRow(kind, rs.rows[0]);
}
