// Delivers one outbox row. Idempotent: a delivered row is not sent again,
// and providers dedupe on the outbox id in case the send succeeded but the
// status write did not. A failure is recorded and rethrown so the queue
// retries with backoff; the dead-letter consumer marks the row failed.
// Mail goes out in the tenant's branding (portal name, logo, colour) as it is
// at delivery, read in the same round trip as the outbox row.
import { brandingFromRow } from "../../recruitment/branding/branding-schema.ts";
import { brandingStatement } from "../../recruitment/branding/get-branding.ts";
import type { Ctx } from "../context.ts";
import { renderEmail, type EmailIntent } from "../email/templates.ts";
import type { MailProvider } from "../email/providers.ts";

export type DeliveryResult = "delivered" | "already-delivered" | "missing";

export async function deliverOutboxMessage({
  ctx,
  outboxId,
  provider,
}: {
  ctx: Ctx;
  outboxId: string;
  provider: MailProvider;
}): Promise<DeliveryResult> {
  const [rs, brandingRs] = await ctx.db.$client.batch(
    [{ sql: "SELECT kind, payload, status FROM outbox WHERE id = ?", args: [outboxId] }, brandingStatement()],
    "read",
  );
  const row = rs!.rows[0];
  if (!row) return "missing";
  if (row.status === "delivered") return "already-delivered";
  const intent = JSON.parse(String(row.payload)) as EmailIntent;
  try {
    const branding = brandingFromRow(brandingRs!.rows[0], ctx.tenant);
    const rendered = renderEmail(intent, {
      portalName: branding.portalName,
      logoUrl: branding.logoUrl,
      primaryColor: branding.primaryColor,
      textColor: branding.textColor,
    });
    await provider.send(
      { id: outboxId, from: ctx.env.mail.from, to: intent.to, tenantSlug: intent.tenantSlug, ...rendered },
      ctx.now,
    );
  } catch (e) {
    await ctx.db.$client.execute({
      sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'",
      args: [String(e).slice(0, 500), outboxId],
    });
    throw e;
  }
  await ctx.db.$client.execute({
    sql: "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?",
    args: [ctx.now, outboxId],
  });
  return "delivered";
}

/** Called for messages that exhausted their retries (dead-letter queue). */
export async function markOutboxFailed({ ctx, outboxId }: { ctx: Ctx; outboxId: string }): Promise<void> {
  await ctx.db.$client.execute({
    sql: "UPDATE outbox SET status = 'failed' WHERE id = ? AND status = 'pending'",
    args: [outboxId],
  });
}
