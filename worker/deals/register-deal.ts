// A partner registers a deal: validated against the tenant's registration
// rules, checked for conflicts with every open or protected registration,
// then decided by the rules at once where they allow (auto-approval, or a
// refusal under "block duplicates") and otherwise queued for review with the
// vendor's review deadline. Drafts skip the conflict check and the clock.
// The same path continues a registration already stored: a draft saved
// again or submitted, or one the vendor asked about (needs_info), which the
// partner edits and resubmits with the same checks (it goes back to the
// vendor's review: the vendor asked, so it is never approved automatically).
//
// Round trips: one read batch (rules, the partner's standing, an earlier
// submission with the same idempotency key, conflict candidates) and one
// write batch (the deal, its name tokens, timeline, audit and domain events
// from the statement kit in platform/side-rows.ts, and the row to return).
import type { InStatement, InValue, Row } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound, PreconditionFailed, ValidationFailed, type FieldError } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { auditRow, deleteRows, domainEvent, guardRows, insertRow, sql, timelineEvent, updateRows } from "../platform/side-rows.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { companyNameKey, companyNameTokens, customerDomainKey, normalizeDomain, normalizeProducts } from "./customer-keys.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";
import { conflictCandidatesStatement, matchConflicts, otherPartnersMatches } from "./deal-conflicts.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { selectDealStatement } from "./deal-record.ts";
import {
  dateToEpoch,
  dealFromRow,
  isPastDate,
  toMinorUnits,
  validateCustomFields,
  type Deal,
  type DealConflict,
  type RegisterDealInput,
} from "./deal-schema.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A stored registration being continued, and the state it must still be in. */
export interface Continuation {
  id: string;
  from: "draft" | "needs_info";
  /** The partner's answer to the vendor's question (resubmissions). */
  message?: string;
}

/** Columns a resubmission keeps: who registered it, who reviews it, when it was first submitted, its idempotency key. */
const KEPT_ON_RESUBMIT = ["submitted_by", "reviewer_id", "submitted_at", "idempotency_key"];

export interface RegisterDealResult {
  deal: Deal;
  /** True when an earlier submission with the same idempotency key is returned instead. */
  replayed: boolean;
}

export async function registerDeal({
  ctx,
  input,
  idempotencyKey = null,
  continuing = null,
}: {
  ctx: Ctx;
  input: RegisterDealInput;
  idempotencyKey?: string | null;
  /** Continue a stored registration: its fields are replaced by `input` (submitted when `input.submit` is true). */
  continuing?: Continuation | null;
}): Promise<RegisterDealResult> {
  authorize(ctx.actor, "deals.register");
  const scope = dealScopeOf(ctx.actor);
  const partnerOrgId = scope.partnerOrgId!;
  const submitter = actorId(ctx.actor)!;
  const { now } = ctx;
  const storedId = continuing?.id ?? null;
  const resubmitting = continuing?.from === "needs_info";

  // Field checks that need no database.
  const errors: FieldError[] = [];
  const domain = input.customerDomain ? normalizeDomain(input.customerDomain) : null;
  if (input.customerDomain && !domain) {
    errors.push({ field: "customerDomain", message: "Enter a valid domain such as globex.com.", code: "invalid_domain" });
  }
  if (input.submit && input.expectedCloseDate && isPastDate(input.expectedCloseDate, now)) {
    errors.push({ field: "expectedCloseDate", message: "The expected close date is in the past.", code: "date_in_past" });
  }
  const keys = {
    domainKey: customerDomainKey({ website: domain, contactEmail: input.contactEmail ?? null }),
    nameKey: companyNameKey(input.customerName),
    nameTokens: companyNameTokens(input.customerName),
  };
  const productKeys = normalizeProducts(input.products);

  const reads: InStatement[] = [
    currentRulesStatement("deal_registration"),
    {
      sql: `SELECT o.status, o.owner_id, t.rank AS tier_rank, t.benefits AS tier_benefits
            FROM partner_orgs o LEFT JOIN tiers t ON t.id = o.tier_id AND t.archived_at IS NULL WHERE o.id = ?`,
      args: [partnerOrgId],
    },
    { sql: "SELECT id FROM deals WHERE submitted_by = ? AND idempotency_key = ?", args: [submitter, idempotencyKey] },
    storedStatement(scope, storedId),
  ];
  if (input.submit) reads.push(conflictCandidatesStatement(keys, storedId));
  const [rulesRs, orgRs, replayRs, storedRs, candidatesRs] = await ctx.db.$client.batch(reads, "read");

  const earlier = replayRs!.rows[0];
  if (idempotencyKey && earlier) return { deal: await readDeal(ctx, String(earlier.id), scope.viewer), replayed: true };
  const stored = storedRs!.rows[0];
  if (continuing) {
    if (!stored) throw new NotFound("Deal not found.");
    if (stored.status !== continuing.from) throw notContinuable(continuing);
  }

  const org = orgRs!.rows[0];
  if (!org) throw new NotFound("Partner organization not found.");
  if (org.status !== "active" && org.status !== "onboarding") {
    throw new PreconditionFailed("Your organization cannot register deals while it is not active.", "partner_inactive");
  }
  const rules = rulesFromResult("deal_registration", rulesRs!);
  const custom = validateCustomFields(input.customFields, rules.rules, { requireAll: input.submit });
  errors.push(...custom.errors);
  if (errors.length > 0) throw new ValidationFailed(errors);

  const conflict: DealConflict | null = input.submit
    ? matchConflicts(candidatesRs!.rows, { customerName: input.customerName, domainKey: keys.domainKey, productKeys, partnerOrgId }, now)
    : null;
  const others = conflict ? otherPartnersMatches(conflict) : [];
  if (input.submit && rules.rules.conflictPolicy === "block_duplicates" && others.length > 0) {
    throw new Conflict(conflictSentence(others[0]!), "duplicate_registration");
  }

  const valueMinor = toMinorUnits(input.value, input.currency);
  const decision = input.submit && !resubmitting ? decide(rules.rules, org, others.length > 0, valueMinor) : input.submit ? "review" : null;
  const protectionDays = protectionDaysFor(rules.rules.defaultProtectionDays, org);
  const id = storedId ?? newId();
  const status = !input.submit ? "draft" : decision === "approve" ? "approved" : "submitted";
  // The deal as this registration writes it, column by column: inserted when new, or the stored row replaced.
  const fields: Record<string, InValue> = {
    id,
    partner_org_id: partnerOrgId,
    submitted_by: submitter,
    reviewer_id: org.owner_id == null ? null : String(org.owner_id),
    status,
    customer_name: input.customerName,
    customer_name_key: keys.nameKey,
    customer_domain: domain,
    customer_domain_key: keys.domainKey,
    contact_name: input.contactName ?? null,
    contact_email: input.contactEmail ?? null,
    country: input.country ?? null,
    value_minor: valueMinor,
    currency: input.currency,
    expected_close_at: input.expectedCloseDate ? dateToEpoch(input.expectedCloseDate) : null,
    products: JSON.stringify(input.products),
    product_keys: JSON.stringify(productKeys),
    notes: input.notes ?? null,
    custom_fields: JSON.stringify(custom.values),
    conflict: conflict ? JSON.stringify(conflict) : null,
    rules_version: rules.version,
    submitted_at: input.submit ? now : null,
    review_due_at: input.submit ? now + rules.rules.reviewSlaHours * HOUR : null,
    review_escalated_at: null,
    decided_at: status === "approved" ? now : null,
    approved_at: status === "approved" ? now : null,
    protection_days: protectionDays,
    expires_at: status === "approved" ? now + protectionDays * DAY : null,
    idempotency_key: idempotencyKey,
    created_at: now,
    updated_at: now,
  };
  // A stored registration is replaced in place, guarded on the stored row still being in the state it is
  // continued from: the token DELETE, every side row and the UPDATE (last) share that one guard, so a
  // registration submitted twice at once is submitted once and the loser writes nothing (its UPDATE finds
  // no row; see the rowsAffected check). A new registration's rows are plain.
  const still = continuing ? guardRows("deals", "d", "d.id = ? AND d.status = ?", [id, continuing.from]) : null;
  const writes: InStatement[] = [continuing ? deleteRows("deal_name_tokens", sql("deal_id = ?", id), still) : insertRow("deals", fields)];
  const eventKind = resubmitting ? "resubmitted" : input.submit ? "submitted" : "draft_saved";
  const eventId = newId();
  const deal = { type: "deal", id } as const;
  writes.push(
    ...keys.nameTokens.map((token) => insertRow("deal_name_tokens", { token, deal_id: id }, still, { orIgnore: true })),
    timelineEvent(
      ctx,
      {
        id: eventId,
        subject: deal,
        kind: eventKind,
        from: continuing?.from ?? null,
        to: input.submit ? "submitted" : "draft",
        data: {
          conflicts: conflict?.matches.length ?? 0,
          ...(resubmitting ? { message: continuing.message ?? null, changed: changedFields(stored!, fields) } : {}),
        },
      },
      still,
    ),
    auditRow(ctx, { action: `deal.${eventKind}`, target: deal, data: { customerName: input.customerName } }, still),
  );
  if (input.submit && !resubmitting) {
    writes.push(domainEvent(now, { kind: "deal.registered", partnerOrgId, subject: deal, data: { valueMinor, currency: input.currency } }, still));
  }
  if (status === "approved") {
    writes.push(
      timelineEvent(ctx, { subject: deal, kind: "approved", from: "submitted", to: "approved", data: { automatic: true, expiresAt: now + protectionDays * DAY } }, still),
      domainEvent(now, { kind: "deal.approved", partnerOrgId, subject: deal, data: { valueMinor, currency: input.currency } }, still),
    );
  }
  // Everything but the id, the creation time and what a resubmission keeps is replaced.
  const keep = ["id", "created_at", ...(resubmitting ? KEPT_ON_RESUBMIT : [])];
  if (still) writes.push(updateRows(still, Object.fromEntries(Object.entries(fields).filter(([column]) => !keep.includes(column)))));
  const changeAt = writes.length - 1;
  // The reviewers hear of a registration waiting for them, from the deal as written, only if this
  // batch wrote it (its timeline entry exists: a continuation that lost a race writes none).
  if (status === "submitted") {
    writes.push(
      dealNotification(ctx, resubmitting ? "deal.resubmitted" : "deal.submitted", guardRows("deals", "d", "d.id = ? AND EXISTS (SELECT 1 FROM deal_events e WHERE e.id = ?)", [id, eventId]), {
        to: "reviewers",
        detail: continuing?.message ?? null,
      }),
    );
  }
  writes.push(selectDealStatement(id));

  let results;
  try {
    results = await ctx.db.$client.batch(writes, "write");
  } catch (e) {
    // Two submissions with one idempotency key at once: the second loses the unique index and gets the first.
    if (idempotencyKey && String(e).includes("UNIQUE")) {
      const again = await ctx.db.$client.execute({ sql: "SELECT id FROM deals WHERE submitted_by = ? AND idempotency_key = ?", args: [submitter, idempotencyKey] });
      if (again.rows[0]) return { deal: await readDeal(ctx, String(again.rows[0].id), scope.viewer), replayed: true };
    }
    throw e;
  }
  // Continuing a registration that someone moved meanwhile: nothing was written.
  if (continuing && results[changeAt]!.rowsAffected === 0) throw notContinuable(continuing);
  return { deal: dealFromRow(results.at(-1)!.rows[0]!, scope.viewer), replayed: false };
}

/** The stored registration being continued, within the caller's reach, with the fields a resubmission compares. */
function storedStatement(scope: ReturnType<typeof dealScopeOf>, id: string | null): InStatement {
  const filter = scopeSql(scope);
  return {
    sql: `SELECT d.id, d.status, ${COMPARED.map(([column]) => `d.${column}`).join(", ")} FROM deals d WHERE d.id = ? ${filter.sql}`,
    args: [id, ...filter.args],
  };
}

function notContinuable(continuing: Continuation): Conflict {
  return continuing.from === "draft"
    ? new Conflict("This registration is no longer a draft.", "illegal_transition")
    : new Conflict("This registration is not waiting for more information, so it cannot be resubmitted now.", "illegal_transition");
}

/** The columns a resubmission may change, and the input field each one is. */
const COMPARED = [
  ["customer_name", "customerName"],
  ["customer_domain", "customerDomain"],
  ["contact_name", "contactName"],
  ["contact_email", "contactEmail"],
  ["country", "country"],
  ["value_minor", "value"],
  ["currency", "currency"],
  ["expected_close_at", "expectedCloseDate"],
  ["products", "products"],
  ["notes", "notes"],
  ["custom_fields", "customFields"],
] as const;

/** The fields a resubmission changed, named as the input names them (for the timeline). */
function changedFields(stored: Row, fields: Record<string, InValue>): string[] {
  return COMPARED.filter(([column]) => (stored[column] ?? null) !== (fields[column] ?? null)).map(([, field]) => field);
}

async function readDeal(ctx: Ctx, id: string, viewer: "vendor" | "partner"): Promise<Deal> {
  const rs = await ctx.db.$client.execute(selectDealStatement(id));
  return dealFromRow(rs.rows[0]!, viewer);
}

type Rules = ReturnType<typeof rulesFromResult<"deal_registration">>["rules"];

/** Auto-approval: every condition the tenant set must hold; otherwise a person reviews. */
function decide(rules: Rules, org: Row, hasConflict: boolean, valueMinor: number): "approve" | "review" {
  const auto = rules.autoApprove;
  if (!auto.enabled) return "review";
  if (auto.requireNoConflict && hasConflict) return "review";
  if (auto.minTierRank !== undefined && (org.tier_rank == null || Number(org.tier_rank) < auto.minTierRank)) return "review";
  if (auto.maxValueMinor !== undefined && valueMinor > auto.maxValueMinor) return "review";
  return "approve";
}

/** The tier's protection days where it sets them, else the program's default. */
function protectionDaysFor(defaultDays: number, org: Row): number {
  if (org.tier_benefits == null) return defaultDays;
  const days = (JSON.parse(String(org.tier_benefits)) as { dealProtectionDays?: number }).dealProtectionDays;
  return days && days > 0 ? days : defaultDays;
}

/** Why a registration conflicts, in words, without naming the other partner. */
export function conflictSentence(match: { reasons: readonly string[]; status: string; protectedUntil: number | null }): string {
  const what = match.reasons.includes("domain") ? "this customer's domain" : "a customer with a very similar name";
  if (match.status === "approved" && match.protectedUntil) {
    return `Another partner holds an approved registration for ${what} until ${new Date(match.protectedUntil).toISOString().slice(0, 10)}.`;
  }
  return `Another partner has already registered ${what}; it is waiting for the vendor's review.`;
}
