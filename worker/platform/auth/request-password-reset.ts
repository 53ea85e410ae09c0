// "Forgot password" from one vendor's portal. The answer is the same whether
// or not the email exists or belongs to this portal; only members of this
// portal get a link, so a stranger's portal cannot be used to mail anyone.
import { z } from "@hono/zod-openapi";
import { auditStatement } from "../audit.ts";
import type { Ctx } from "../context.ts";
import type { Locale } from "../email/templates.ts";
import { emailField } from "../fields.ts";
import { emailStatement, publishOutbox } from "../outbox/outbox.ts";
import { assertWithinLimit, hitStatement, limits } from "./rate-limit.ts";
import { hashToken, newToken } from "./tokens.ts";

export const requestPasswordResetInput = z.object({ email: emailField }).openapi("PasswordResetRequest");

export const RESET_TTL_MS = 60 * 60 * 1000;

export async function requestPasswordReset({
  ctx,
  input,
  locale = "en",
}: {
  ctx: Ctx;
  input: z.infer<typeof requestPasswordResetInput>;
  locale?: Locale;
}): Promise<{ status: "sent" }> {
  const { now } = ctx;
  const emailLimit = limits.resetPerEmail(input.email);
  const ip = ctx.client?.ip ?? null;
  const ipLimit = ip ? limits.resetPerIp(ip) : null;
  const rs = await ctx.control.$client.batch(
    [
      hitStatement(emailLimit, now),
      ...(ipLimit ? [hitStatement(ipLimit, now)] : []),
      { sql: "SELECT id FROM identities WHERE email = ?", args: [input.email] },
    ],
    "write",
  );
  assertWithinLimit(emailLimit, rs[0], now);
  if (ipLimit) assertWithinLimit(ipLimit, rs[1], now);
  const identity = rs.at(-1)!.rows[0];
  if (!identity) return { status: "sent" };

  const member = await ctx.db.$client.execute({
    sql: "SELECT id FROM memberships WHERE identity_id = ? AND status = 'active'",
    args: [String(identity.id)],
  });
  if (!member.rows[0]) return { status: "sent" };

  const token = newToken("ppr");
  await ctx.control.$client.execute({
    sql: "INSERT INTO password_resets (token_hash, identity_id, tenant_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    args: [await hashToken(token), String(identity.id), ctx.tenant.id, now, now + RESET_TTL_MS],
  });
  const mail = emailStatement(
    {
      template: "password-reset",
      to: input.email,
      locale,
      tenantSlug: ctx.tenant.slug,
      data: { tenantName: ctx.tenant.name, link: `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/reset?token=${token}` },
    },
    now,
  );
  await ctx.db.$client.batch(
    [
      mail.statement,
      auditStatement(ctx.actor, now, "auth.password_reset_requested", { type: "membership", id: String(member.rows[0].id) }),
    ],
    "write",
  );
  await publishOutbox(ctx.env, ctx.tenant.id, [mail.id]);
  return { status: "sent" };
}
