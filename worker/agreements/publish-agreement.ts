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
import { auditRow, guardOver, guardRows, outboxMail, sql } from "../platform/side-rows.ts";
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
      auditRow(
        ctx,
        {
          action: "agreement.published",
          target: { type: "agreement", id: sql("a.id") },
          data: sql("json_object('version', a.version, 'title', a.title, 'graceDays', a.grace_days)"),
        },
        guardRows("agreements", "a", "a.id = ?", [id]),
      ),
      // Memberships carry no language yet, so the mail goes out in the
      // publisher's; the vendor's language is the best guess for its partners.
      // Every active partner admin of an organization that is onboarding or
      // active must accept the new version. The organization's status is read
      // straight from partner_orgs because this is a set-based recipient
      // query inside the publishing batch; a verb call per organization would
      // cost a round trip each and could not join the atomic write.
      outboxMail(
        now,
        {
          id: sql("lower(hex(randomblob(16)))"),
          payload: sql(
            `json_object('template', 'agreement-published', 'to', m.email, 'locale', ?, 'tenantSlug', ?,
              'data', json_object('tenantName', ?, 'title', a.title, 'version', a.version, 'graceDays', a.grace_days, 'link', ?))`,
            locale,
            ctx.tenant.slug,
            ctx.tenant.name,
            link,
          ),
        },
        guardOver(
          sql("memberships m JOIN agreements a ON a.id = ?", id),
          sql(`m.role = 'partner_admin' AND m.status = 'active'
                AND m.partner_org_id IN (SELECT o.id FROM partner_orgs o WHERE o.status IN ('onboarding', 'active'))`),
        ),
        { returningId: true },
      ),
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
