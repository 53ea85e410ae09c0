// Tier evaluation: measures every active or onboarding partner against the
// ladder and records where its tier should change. The tenant's tier policy
// decides what happens to a change: `automatic` applies it (a demotion only
// once the grace period has run out: until then it waits as a proposal with
// `graceUntil`), `review` proposes it for a person (`decideTierChange`).
//
// Set-based: one read batch (tiers, policy, all partners joined with the
// metrics criteria use, open proposals, partner admins) and one write batch
// of a few statements over JSON arrays, whatever the number of partners. Very
// large runs are split into several write batches so each stays well under
// the database's request size limit; each partner's change is atomic either way.
//
// Idempotent: a partner whose standing is unchanged gets no row; an identical
// proposal is kept, not duplicated; every write is guarded by the state it was
// computed from, so an overlapping run (cron and on-demand) writes nothing twice.
import { z } from "@hono/zod-openapi";
import type { InStatement, ResultSet } from "@libsql/client/web";
import { pickRow } from "../../db/rows.ts";
import { tierChanges, tiers as tiersTable } from "../../db/tenant/schema.ts";
import { auditStatement } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { publishOutbox } from "../platform/outbox/outbox.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult, type TierPolicy } from "./program-rules-schema.ts";
import type { TierChangeDirection, TierChangeReason } from "./tier-change-schema.ts";
import { mailsWhenAppliedStatement, promotionMails, recipientFromRow, type PendingMail, type Recipient } from "./tier-notifications.ts";
import { nextTierAbove, progressOf, qualifyingTier, sortLadder, type LadderTier, type MetricValues } from "./tier-qualification.ts";
import type { TierCriterion } from "./tier-schema.ts";

const DAY = 24 * 60 * 60 * 1000;
/** A proposal a person dismissed is not raised again for the same move for this long. */
export const DISMISSAL_COOLDOWN_DAYS = 30;
/** Partners' changes per write batch: keeps a batch to a few MB of JSON. */
const CHANGES_PER_BATCH = 2_000;
const EVALUATED_STATUSES = ["active", "onboarding"] as const;

export const evaluateTiersInput = z
  .object({ partnerOrgId: z.string().min(1).max(64).optional() })
  .openapi("EvaluateTiersInput");

const byDirection = z.object({ promotion: z.number(), demotion: z.number(), initial: z.number() });

export const tierEvaluationSchema = z
  .object({
    /** Partners measured (status active or onboarding). */
    evaluated: z.number(),
    applied: byDirection,
    proposed: byDirection,
    /** Proposals withdrawn because the partner's standing moved on. */
    dismissed: z.number(),
    /** Promotion emails queued. */
    notified: z.number(),
  })
  .openapi("TierEvaluation");

export type TierEvaluation = z.infer<typeof tierEvaluationSchema>;

interface EvaluatedTier extends LadderTier {
  archived: boolean;
}

interface Partner {
  id: string;
  tierId: string | null;
  metrics: Map<string, number>;
}

interface OpenProposal {
  id: string;
  from: string | null;
  to: string | null;
  direction: TierChangeDirection;
  /** When a waiting demotion applies: its recorded deadline, or (proposed under review mode) evaluation + grace. */
  graceUntil: number;
}

interface NewChange {
  id: string;
  p: string;
  from: string | null;
  to: string | null;
  direction: TierChangeDirection;
  status: "proposed" | "applied";
  reason: TierChangeReason;
}

interface ApplyExisting {
  id: string;
  reason: TierChangeReason;
}

interface PartnerMove {
  changeId: string;
  p: string;
  from: string | null;
  to: string | null;
}

interface Plan {
  created: NewChange[];
  applyExisting: ApplyExisting[];
  moves: PartnerMove[];
  stale: string[];
  mails: PendingMail[];
}

const moveKey = (p: string, from: string | null, to: string | null) => `${p}|${from ?? ""}|${to ?? ""}`;

function reasonTier(tier: LadderTier | null, metrics: MetricValues) {
  return tier ? { tierId: tier.id, name: tier.name, rank: tier.rank, criteria: progressOf(tier, metrics) } : null;
}

function summaryOf(direction: TierChangeDirection, current: EvaluatedTier | undefined, target: LadderTier | null): string {
  if (!target) return `No longer meets every criterion of ${current?.name ?? "any tier"}, and qualifies for no tier.`;
  if (direction === "demotion") return `No longer meets every criterion of ${current?.name ?? "its tier"}; qualifies for ${target.name}.`;
  return `Meets every criterion of ${target.name}.`;
}

export async function evaluateTiers({ ctx, partnerOrgId }: { ctx: Ctx; partnerOrgId?: string | undefined }): Promise<TierEvaluation> {
  authorize(ctx.actor, "tiers.evaluate");
  const { now } = ctx;
  const only = partnerOrgId ?? null;
  const statuses = EVALUATED_STATUSES.map(() => "?").join(", ");
  const [tiersRs, policyRs, partnersRs, proposalsRs, adminsRs, existsRs] = await ctx.db.$client.batch(
    [
      { sql: "SELECT id, name, rank, criteria, archived_at FROM tiers", args: [] },
      currentRulesStatement("tier_policy"),
      {
        // Only the metrics some tier's criteria read: a partner's other metrics are not needed.
        sql: `SELECT p.id, p.tier_id, m.metric, m.value FROM partner_orgs p
              LEFT JOIN partner_metrics m ON m.partner_org_id = p.id
                AND m.metric IN (SELECT DISTINCT c.value ->> 'metric' FROM tiers t, json_each(t.criteria) c WHERE t.archived_at IS NULL)
              WHERE p.status IN (${statuses}) AND (? IS NULL OR p.id = ?)`,
        args: [...EVALUATED_STATUSES, only, only],
      },
      {
        sql: `SELECT id, partner_org_id, from_tier_id, to_tier_id, direction, status, evaluated_at, reason ->> 'graceUntil' AS grace_until
              FROM tier_changes
              WHERE (status = 'proposed' OR (status = 'dismissed' AND decided_at > ? AND reason ->> 'autoDismissed' IS NULL))
                AND (? IS NULL OR partner_org_id = ?)`,
        args: [now - DISMISSAL_COOLDOWN_DAYS * DAY, only, only],
      },
      {
        sql: `SELECT m.partner_org_id, m.email, m.locale, o.name AS partner_name FROM memberships m JOIN partner_orgs o ON o.id = m.partner_org_id
              WHERE m.role = 'partner_admin' AND m.status = 'active' AND o.status IN (${statuses}) AND (? IS NULL OR o.id = ?)`,
        args: [...EVALUATED_STATUSES, only, only],
      },
      { sql: "SELECT 1 FROM partner_orgs WHERE id = ?", args: [only] },
    ],
    "read",
  );
  if (only !== null && existsRs!.rows.length === 0) throw new NotFound("Partner organization not found.");

  const plan = planChanges(ctx, {
    tiers: tiersRs!,
    policy: rulesFromResult("tier_policy", policyRs!).rules,
    partners: partnersRs!,
    proposals: proposalsRs!,
    admins: adminsRs!,
  });
  const result: TierEvaluation = {
    evaluated: plan.evaluated,
    applied: { promotion: 0, demotion: 0, initial: 0 },
    proposed: { promotion: 0, demotion: 0, initial: 0 },
    dismissed: 0,
    notified: 0,
  };
  for (const chunk of chunksOf(plan)) {
    const written = await writeChunk(ctx, chunk);
    for (const r of written.created) result[r.status][r.direction]++;
    for (const direction of written.appliedExisting) result.applied[direction]++;
    result.dismissed += written.dismissed;
    result.notified += written.mailIds.length;
    // A queue's sendBatch takes at most 100 messages.
    for (let i = 0; i < written.mailIds.length; i += 100) await publishOutbox(ctx.env, ctx.tenant.id, written.mailIds.slice(i, i + 100));
  }
  return result;
}

function planChanges(
  ctx: Ctx,
  read: { tiers: ResultSet; policy: TierPolicy; partners: ResultSet; proposals: ResultSet; admins: ResultSet },
): Plan & { evaluated: number } {
  const { now } = ctx;
  const tiers = new Map<string, EvaluatedTier>();
  for (const r of read.tiers.rows) {
    const { archivedAt, criteria, ...tier } = pickRow(tiersTable, r, ["id", "name", "rank", "criteria", "archivedAt"]);
    tiers.set(tier.id, { ...tier, criteria: criteria as TierCriterion[], archived: archivedAt != null });
  }
  const ladder = sortLadder([...tiers.values()].filter((t) => !t.archived));

  const partners = new Map<string, Partner>();
  for (const r of read.partners.rows) {
    const id = String(r.id);
    let p = partners.get(id);
    if (!p) partners.set(id, (p = { id, tierId: r.tier_id == null ? null : String(r.tier_id), metrics: new Map() }));
    if (r.metric != null) p.metrics.set(String(r.metric), Number(r.value));
  }

  const { mode, demotionGraceDays } = read.policy;
  const open = new Map<string, OpenProposal[]>();
  const recentlyDismissed = new Set<string>();
  for (const r of read.proposals.rows) {
    const change = pickRow(tierChanges, r, ["id", "partnerOrgId", "fromTierId", "toTierId", "direction", "status", "evaluatedAt"]);
    const { partnerOrgId: p, fromTierId: from, toTierId: to } = change;
    if (change.status === "dismissed") {
      recentlyDismissed.add(moveKey(p, from, to));
      continue;
    }
    const list = open.get(p) ?? [];
    // grace_until is read out of the reason document, not a column of its own.
    const graceUntil = r.grace_until == null ? change.evaluatedAt + demotionGraceDays * DAY : Number(r.grace_until);
    list.push({ id: change.id, from, to, direction: change.direction, graceUntil });
    open.set(p, list);
  }

  const admins = new Map<string, { name: string; admins: Recipient[] }>();
  for (const r of read.admins.rows) {
    const p = String(r.partner_org_id);
    const entry = admins.get(p) ?? { name: String(r.partner_name), admins: [] };
    entry.admins.push(recipientFromRow(r));
    admins.set(p, entry);
  }

  const plan: Plan = { created: [], applyExisting: [], moves: [], stale: [], mails: [] };

  for (const partner of partners.values()) {
    const current = partner.tierId;
    const currentTier = current === null ? undefined : tiers.get(current);
    const target = qualifyingTier(ladder, partner.metrics);
    const to = target?.id ?? null;
    const proposals = open.get(partner.id) ?? [];
    if (to === current) {
      // Back where it stands: whatever was proposed no longer applies.
      plan.stale.push(...proposals.map((o) => o.id));
      continue;
    }
    const direction: TierChangeDirection =
      current === null ? "initial" : target === null ? "demotion" : target.rank > (currentTier?.rank ?? -Infinity) ? "promotion" : "demotion";
    const identical = proposals.find((o) => o.from === current && o.to === to);
    plan.stale.push(...proposals.filter((o) => o !== identical).map((o) => o.id));

    const reason: TierChangeReason = {
      kind: "evaluation",
      summary: summaryOf(direction, currentTier, target),
      target: reasonTier(target, partner.metrics),
      nextTier: reasonTier(nextTierAbove(ladder, target?.rank ?? null), partner.metrics),
      policy: { mode, demotionGraceDays },
    };
    const dismissedByPerson = recentlyDismissed.has(moveKey(partner.id, current, to));

    const apply = (changeId: string) => {
      plan.moves.push({ changeId, p: partner.id, from: current, to });
      const admin = admins.get(partner.id);
      if (direction === "promotion" && target && admin) plan.mails.push(...promotionMails(ctx, changeId, admin, target.name));
    };
    const create = (status: "proposed" | "applied", r: TierChangeReason) => {
      const id = newId();
      plan.created.push({ id, p: partner.id, from: current, to, direction, status, reason: r });
      if (status === "applied") apply(id);
    };

    if (mode === "review") {
      if (!identical && !dismissedByPerson) create("proposed", reason);
    } else if (direction === "demotion" && demotionGraceDays > 0) {
      if (identical) {
        if (identical.graceUntil <= now) {
          plan.applyExisting.push({ id: identical.id, reason: { ...reason, graceUntil: identical.graceUntil } });
          apply(identical.id);
        }
      } else if (!dismissedByPerson) {
        // A partner slipping further while in grace keeps its original deadline.
        const earlier = proposals.filter((o) => o.from === current && o.direction === "demotion").map((o) => o.graceUntil);
        const graceUntil = earlier.length > 0 ? Math.min(...earlier) : now + demotionGraceDays * DAY;
        create(graceUntil <= now ? "applied" : "proposed", { ...reason, graceUntil });
      }
    } else if (identical) {
      // Proposed under review mode or a grace period that no longer applies: apply it now.
      plan.applyExisting.push({ id: identical.id, reason });
      apply(identical.id);
    } else {
      create("applied", reason);
    }
  }
  return { ...plan, evaluated: partners.size };
}

/** Splits a plan so no write batch carries more than CHANGES_PER_BATCH partners' changes. */
function* chunksOf(plan: Plan): Generator<Plan> {
  const total = plan.created.length + plan.applyExisting.length + plan.stale.length;
  if (total === 0) return;
  const changeIds = (list: { id: string }[]) => new Set(list.map((c) => c.id));
  for (let i = 0; i < Math.max(plan.created.length, plan.applyExisting.length, plan.stale.length); i += CHANGES_PER_BATCH) {
    const created = plan.created.slice(i, i + CHANGES_PER_BATCH);
    const applyExisting = plan.applyExisting.slice(i, i + CHANGES_PER_BATCH);
    const ids = new Set([...changeIds(created), ...changeIds(applyExisting)]);
    yield {
      created,
      applyExisting,
      stale: plan.stale.slice(i, i + CHANGES_PER_BATCH),
      moves: plan.moves.filter((m) => ids.has(m.changeId)),
      mails: plan.mails.filter((m) => ids.has(m.changeId)),
    };
  }
}

async function writeChunk(
  ctx: Ctx,
  chunk: Plan,
): Promise<{ created: { direction: TierChangeDirection; status: "proposed" | "applied" }[]; appliedExisting: TierChangeDirection[]; dismissed: number; mailIds: string[] }> {
  const { now } = ctx;
  const by = actorId(ctx.actor);
  const statements: InStatement[] = [
    // Withdraw stale proposals first, so they do not count as "already proposed" below.
    {
      sql: `UPDATE tier_changes SET status = 'dismissed', decided_by = ?, decided_at = ?, reason = json_set(reason, '$.autoDismissed', 'stale')
            WHERE status = 'proposed' AND id IN (SELECT value FROM json_each(?))`,
      args: [by, now, JSON.stringify(chunk.stale)],
    },
    // New changes, each only if the partner still stands where it was measured
    // and nobody proposed the same move meanwhile.
    {
      sql: `INSERT INTO tier_changes (id, partner_org_id, from_tier_id, to_tier_id, direction, status, reason, evaluated_at, decided_by, decided_at)
            SELECT j.value ->> 'id', p.id, j.value ->> 'from', j.value ->> 'to', j.value ->> 'direction', j.value ->> 'status', j.value -> 'reason', ?,
                   CASE WHEN j.value ->> 'status' = 'applied' THEN ? END, CASE WHEN j.value ->> 'status' = 'applied' THEN ? END
            FROM json_each(?) j CROSS JOIN partner_orgs p ON p.id = j.value ->> 'p'
            WHERE p.tier_id IS j.value ->> 'from'
              AND NOT EXISTS (SELECT 1 FROM tier_changes c WHERE c.partner_org_id = p.id AND c.status = 'proposed'
                                AND c.from_tier_id IS j.value ->> 'from' AND c.to_tier_id IS j.value ->> 'to')
            RETURNING direction, status`,
      args: [now, by, now, JSON.stringify(chunk.created)],
    },
    // Proposals whose time has come (grace over, or the policy is now automatic).
    {
      sql: `UPDATE tier_changes SET status = 'applied', decided_by = ?, decided_at = ?, reason = j.value -> 'reason'
            FROM json_each(?) j
            WHERE tier_changes.id = j.value ->> 'id' AND tier_changes.status = 'proposed'
              AND EXISTS (SELECT 1 FROM partner_orgs p WHERE p.id = tier_changes.partner_org_id AND p.tier_id IS tier_changes.from_tier_id)
            RETURNING direction`,
      args: [by, now, JSON.stringify(chunk.applyExisting)],
    },
    // Partners move only where this batch applied their change.
    {
      sql: `UPDATE partner_orgs SET tier_id = j.value ->> 'to', tier_since = ?
            FROM json_each(?) j
            WHERE partner_orgs.id = j.value ->> 'p' AND partner_orgs.tier_id IS j.value ->> 'from'
              AND EXISTS (SELECT 1 FROM tier_changes c WHERE c.id = j.value ->> 'changeId' AND c.status = 'applied' AND c.decided_at = ?)`,
      args: [now, JSON.stringify(chunk.moves), now],
    },
    mailsWhenAppliedStatement(chunk.mails, now),
  ];
  if (chunk.created.length + chunk.applyExisting.length + chunk.stale.length > 0) {
    statements.push(
      auditStatement(ctx.actor, now, "tiers.evaluated", null, {
        created: chunk.created.length,
        applied: chunk.created.filter((c) => c.status === "applied").length + chunk.applyExisting.length,
        dismissed: chunk.stale.length,
      }),
    );
  }
  const [dismissed, created, appliedExisting, , mails] = await ctx.db.$client.batch(statements, "write");
  return {
    created: created!.rows.map((r) => ({ direction: String(r.direction) as TierChangeDirection, status: String(r.status) as "proposed" | "applied" })),
    appliedExisting: appliedExisting!.rows.map((r) => String(r.direction) as TierChangeDirection),
    dismissed: dismissed!.rowsAffected,
    mailIds: mails!.rows.map((r) => String(r.id)),
  };
}
