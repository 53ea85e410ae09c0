// The transactional outbox: `emailStatement` goes into the batch of the change
// that causes the mail; `publishOutbox` then nudges the queue. If the nudge is
// lost, the five-minute `sweep-outbox` job finds the row and sends it anyway.
import type { InStatement } from "@libsql/client/web";
import type { Config } from "../../config.ts";
import { newId } from "../auth/tokens.ts";
import type { EmailIntent } from "../email/templates.ts";
import { log } from "../log.ts";
import { outboxMail } from "../side-rows.ts";

export interface OutboxEntry {
  id: string;
  statement: InStatement;
}

/** One mail with a fresh id (the statement kit's `outboxMail`), and the id to nudge the queue with. */
export function emailStatement(intent: EmailIntent, now: number): OutboxEntry {
  const id = newId();
  return { id, statement: outboxMail(now, { id, payload: intent }) };
}

export async function publishOutbox(env: Config, tenantId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    await env.queues.outbox.sendBatch(ids.map((outboxId) => ({ body: { tenantId, outboxId } })));
  } catch (e) {
    log("warn", "outbox publish failed; the sweep will deliver", { tenantId, ids, error: String(e) });
  }
}
