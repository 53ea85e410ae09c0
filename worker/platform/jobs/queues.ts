// Queue consumers: each message names a tenant and a job; the consumer calls
// the same verbs as HTTP, as the system actor. Failures retry with
// exponential backoff and, after max_retries, land in the dead-letter queue.
import type { Config, OutboxMessage, TenantOpsMessage } from "../../config.ts";
import { mailProviderFor } from "../email/providers.ts";
import { log } from "../log.ts";
import { deliverOutboxMessage, markOutboxFailed } from "../outbox/deliver-outbox-message.ts";
import { sweepOutbox } from "../outbox/sweep-outbox.ts";
import type { PlatformCtx } from "../context.ts";
import { ensureCurrentSchema, migrateTenant } from "../tenancy/migrate-tenant.ts";
import { findTenantById, tenantCtx } from "../tenancy/tenant-context.ts";
import { checkTenantHealth } from "./tenant-health.ts";
import { evaluateTiers } from "../../program/evaluate-tiers.ts";
import { expireDueDeals } from "../../deals/expire-deals.ts";
import { systemContext } from "./system-context.ts";

export const QUEUE_NAMES = {
  outbox: "outbox",
  outboxDead: "outbox-dlq",
  tenantOps: "tenant-ops",
  tenantOpsDead: "tenant-ops-dlq",
} as const;

/** 10 s, 20 s, 40 s ... capped at 15 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 900);
}

async function handleTenantOp(body: TenantOpsMessage, config: Config, now: number): Promise<unknown> {
  const ctx = systemContext(config, now, body.job);
  switch (body.job) {
    case "migrate-tenant":
      return migrateTenant({ ctx, tenantId: body.tenantId });
    case "tenant-health":
      return checkTenantHealth({ ctx, tenantId: body.tenantId });
    case "evaluate-tiers": {
      const tctx = await activeTenantCtx(ctx, body.tenantId, body.job);
      return tctx ? evaluateTiers({ ctx: tctx }) : { skipped: true };
    }
    case "expire-deals": {
      const tctx = await activeTenantCtx(ctx, body.tenantId, body.job);
      return tctx ? expireDueDeals({ ctx: tctx }) : { skipped: true };
    }
    case "sweep-outbox": {
      const tctx = await activeTenantCtx(ctx, body.tenantId, body.job);
      return tctx ? sweepOutbox({ ctx: tctx }) : { skipped: true };
    }
  }
}

/** The system's context in an active tenant, on the deployed schema (see ensureCurrentSchema); null when the tenant is not active. */
async function activeTenantCtx(ctx: PlatformCtx, tenantId: string, job: string) {
  const tenant = await findTenantById(ctx, tenantId);
  if (!tenant || tenant.status !== "active") return null;
  return tenantCtx(ctx, await ensureCurrentSchema(ctx, tenant), { kind: "system", job });
}

async function handleOutbox(body: OutboxMessage, config: Config, now: number, dead: boolean): Promise<unknown> {
  const ctx = systemContext(config, now, dead ? "outbox-dead-letter" : "deliver");
  const tenant = await findTenantById(ctx, body.tenantId);
  if (!tenant) return "missing-tenant";
  const tctx = tenantCtx(ctx, await ensureCurrentSchema(ctx, tenant), { kind: "system", job: "deliver" });
  if (dead) return markOutboxFailed({ ctx: tctx, outboxId: body.outboxId });
  return deliverOutboxMessage({ ctx: tctx, outboxId: body.outboxId, provider: mailProviderFor(config) });
}

export async function consumeBatch(batch: MessageBatch<unknown>, config: Config, now: number): Promise<void> {
  for (const message of batch.messages) {
    try {
      let result: unknown;
      if (batch.queue === QUEUE_NAMES.tenantOps) result = await handleTenantOp(message.body as TenantOpsMessage, config, now);
      else if (batch.queue === QUEUE_NAMES.outbox) result = await handleOutbox(message.body as OutboxMessage, config, now, false);
      else if (batch.queue === QUEUE_NAMES.outboxDead) result = await handleOutbox(message.body as OutboxMessage, config, now, true);
      else if (batch.queue === QUEUE_NAMES.tenantOpsDead) {
        log("error", "tenant job dead-lettered", { body: message.body });
        result = "logged";
      } else throw new Error(`no consumer for queue ${batch.queue}`);
      log("info", "queue message done", { queue: batch.queue, id: message.id, result: typeof result === "string" ? result : undefined });
      message.ack();
    } catch (e) {
      const delaySeconds = backoffSeconds(message.attempts);
      log("warn", "queue message failed; retrying", { queue: batch.queue, id: message.id, attempts: message.attempts, delaySeconds, error: String(e) });
      message.retry({ delaySeconds });
    }
  }
}
