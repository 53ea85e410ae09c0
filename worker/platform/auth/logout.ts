// Ends the current session server-side; the cookie alone is worthless after.
import { auditStatement } from "../audit.ts";
import type { Ctx } from "../context.ts";

export async function logout({ ctx }: { ctx: Ctx }): Promise<void> {
  if (ctx.actor.kind !== "user") return;
  await ctx.db.$client.batch(
    [
      { sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", args: [ctx.now, ctx.actor.sessionId] },
      auditStatement(ctx.actor, ctx.now, "auth.logout", { type: "session", id: ctx.actor.sessionId }),
    ],
    "write",
  );
}
