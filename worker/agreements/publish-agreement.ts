// Vendor admins publish a new version of the partner agreement. The version
// number is taken in SQL inside the write, so two publishes never share one;
// the version, its audit row and the emails to partner admins are one batch.
import type { z } from "@hono/zod-openapi";
import { actorId, type Ctx } from "../platform/context.ts";
import type { Locale } from "../platform/email/templates.ts";
import { ValidationFailed } from "../platform/errors.ts";
import { newId } from "../platform/auth/tokens.ts";
import { publishOutbox } from "../platform/outbox/outbox.ts";
import { authorize } from "../platform/policy.ts";
import type { Agreement, publishAgreementInput } from "./agreement-schema.ts";
import { sanitizeAgreementHtml, textOf } from "./sanitize-html.ts";

export async function publishAgreement({
  ctx,
  input,
  locale = "en",
}: {
  ctx: Ctx;
  input: z.infer<typeof publishAgreementInput>;
  locale?: Locale;
}): Promise<Agreement> {
  authorize(ctx.actor, "agreements.manage");
  const body = sanitizeAgreementHtml(input.body);
  if (textOf(body) === "") {
    throw new ValidationFailed([{ field: "body", message: "The agreement has no text once unsupported markup is removed.", code: "empty" }]);
  }
  const { now } = ctx;
  const id = newId();
  const publishedBy = actorId(ctx.actor) ?? "system";
  const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/agreement`;
  const [inserted, , mails] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO agreements (id, version, title, body, grace_days, published_by, published_at)
              SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ? FROM agreements RETURNING version`,
        args: [id, input.title, body, input.graceDays, publishedBy, now],
      },
      {
        sql: `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, data)
              SELECT ?, ?, ?, ?, 'agreement.published', 'agreement', id, json_object('version', version, 'title', title, 'graceDays', grace_days)
              FROM agreements WHERE id = ?`,
        args: [newId(), now, ctx.actor.kind, actorId(ctx.actor), id],
      },
      // Memberships carry no language yet, so the mail goes out in the
      // publisher's; the vendor's language is the best guess for its partners.
      // Every active partner admin of an organization that is onboarding or
      // active must accept the new version. The organization's status is read
      // straight from partner_orgs because this is a set-based recipient
      // query inside the publishing batch; a verb call per organization would
      // cost a round trip each and could not join the atomic write.
      {
        sql: `INSERT INTO outbox (id, kind, payload, status, attempts, created_at)
              SELECT lower(hex(randomblob(16))), 'email',
                json_object('template', 'agreement-published', 'to', m.email, 'locale', ?, 'tenantSlug', ?,
                  'data', json_object('tenantName', ?, 'title', a.title, 'version', a.version, 'graceDays', a.grace_days, 'link', ?)),
                'pending', 0, ?
              FROM memberships m JOIN agreements a ON a.id = ?
              WHERE m.role = 'partner_admin' AND m.status = 'active'
                AND m.partner_org_id IN (SELECT o.id FROM partner_orgs o WHERE o.status IN ('onboarding', 'active'))
              RETURNING id`,
        args: [locale, ctx.tenant.slug, ctx.tenant.name, link, now, id],
      },
    ],
    "write",
  );
  await publishOutbox(
    ctx.env,
    ctx.tenant.id,
    mails!.rows.map((r) => String(r.id)),
  );
  return {
    id,
    version: Number(inserted!.rows[0]!.version),
    title: input.title,
    body,
    graceDays: input.graceDays,
    publishedAt: now,
    publishedBy,
  };
}
