// The deal registrations the caller may see as one CSV download, with the
// list's filters and order and no row limit. Rows are read in keyset batches
// (the list's own query) only as fast as the client takes them, so a
// 100,000-deal export holds one batch in memory, never the whole file.
// Columns have stable machine keys and raw values (status keys, ISO times,
// major units), so integrations can parse it; the portal translates them.
import type { z } from "@hono/zod-openapi";
import { toCsv } from "../partners/csv.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { dealScopeOf } from "./deal-access.ts";
import { CURRENCIES, dealFromRow, type Deal } from "./deal-schema.ts";
import { dealFilters, keysetOf, selectDealsStatement, type DealKeyset } from "./list-deals.ts";

export const exportDealsQuery = dealFilters;

export const DEAL_EXPORT_COLUMNS = [
  "id",
  "customer_name",
  "customer_domain",
  "partner",
  "status",
  "value",
  "currency",
  "products",
  "submitted_at",
  "review_due_at",
  "expires_at",
  "conflicts",
] as const;

/** Rows per database round trip. */
export const EXPORT_BATCH_SIZE = 500;

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** Minor units as a decimal string in the currency's digits, exactly (no floating point): 2500050 USD -> "25000.50". */
export function majorUnits(minor: number, currency: string): string {
  const digits = CURRENCIES.get(currency) ?? 2;
  if (digits === 0) return String(minor);
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function exportRow(deal: Deal): (string | number | null)[] {
  return [
    deal.id,
    deal.customerName,
    deal.customerDomain,
    deal.partnerOrg.name,
    deal.status,
    majorUnits(deal.valueMinor, deal.currency),
    deal.currency,
    deal.products.join("; "),
    iso(deal.submittedAt),
    iso(deal.reviewDueAt),
    iso(deal.expiresAt),
    deal.conflict?.matches.length ?? 0,
  ];
}

/**
 * The CSV as a stream: the header row, then one chunk per batch. The first
 * batch is read before the stream is handed back, so a refusal or a database
 * failure is still an ordinary error response rather than a cut-off file.
 */
export async function exportDeals({
  ctx,
  query,
  batchSize = EXPORT_BATCH_SIZE,
}: {
  ctx: Ctx;
  query: z.output<typeof exportDealsQuery>;
  batchSize?: number;
}): Promise<ReadableStream<Uint8Array>> {
  authorize(ctx.actor, "deals.read");
  const scope = dealScopeOf(ctx.actor);
  const encoder = new TextEncoder();
  // One row more than the batch says whether another round trip is needed.
  const readBatch = async (after: DealKeyset | null) => {
    const rs = await ctx.db.$client.execute(selectDealsStatement(ctx, scope, query, after, batchSize + 1));
    const rows = rs.rows.slice(0, batchSize);
    const last = rows.at(-1);
    return {
      csv: rows.length > 0 ? toCsv(rows.map((r) => exportRow(dealFromRow(r, scope.viewer)))) : "",
      next: rs.rows.length > batchSize && last ? keysetOf(last) : null,
    };
  };

  let batch = await readBatch(null);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(encoder.encode(toCsv([[...DEAL_EXPORT_COLUMNS]]) + batch.csv));
        } else if (batch.next) {
          batch = await readBatch(batch.next);
          if (batch.csv) controller.enqueue(encoder.encode(batch.csv));
        }
        if (!batch.next) controller.close();
      },
    },
    // Pull one batch at a time: the next is read only once the client has taken the last.
    { highWaterMark: 0 },
  );
}
