// The public "become a partner" form. Anyone may apply; a per-address limit
// (in the control database, shared by every isolate) keeps floods out, and a
// honeypot field turns bots away without telling them. The application, the
// applicant's confirmation email and the audit row are one batch.
import type { z } from "@hono/zod-openapi";
import { auditStatement } from "../../platform/audit.ts";
import { assertWithinLimit, hitStatement, limits } from "../../platform/auth/rate-limit.ts";
import { newId } from "../../platform/auth/tokens.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Locale } from "../../platform/email/templates.ts";
import { emailStatement, publishOutbox } from "../../platform/outbox/outbox.ts";
import type { submitApplicationInput } from "./application-schema.ts";

export async function submitApplication({
  ctx,
  input,
  locale = "en",
}: {
  ctx: Ctx;
  input: z.infer<typeof submitApplicationInput>;
  locale?: Locale;
}): Promise<{ id: string; status: "pending" }> {
  const { now } = ctx;
  const ip = ctx.client?.ip ?? null;
  if (ip) {
    const limit = limits.applyPerIp(ctx.tenant.id, ip);
    const [hit] = await ctx.control.$client.batch([hitStatement(limit, now)], "write");
    assertWithinLimit(limit, hit, now);
  }
  const id = newId();
  // A filled honeypot gets the same answer as a real application, and nothing is stored.
  if (input.website && input.website.trim() !== "") return { id, status: "pending" };

  const mail = emailStatement(
    {
      template: "application-received",
      to: input.contactEmail,
      locale,
      tenantSlug: ctx.tenant.slug,
      data: { tenantName: ctx.tenant.name, company: input.company, contactName: input.contactName, link: `${ctx.env.portalUrl}/t/${ctx.tenant.slug}` },
    },
    now,
  );
  await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO partner_applications (id, company, website_domain, country, partner_type, contact_name, contact_email,
                message, status, created_at, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        args: [id, input.company, input.websiteDomain, input.country, input.partnerType, input.contactName, input.contactEmail, input.message || null, now, ip],
      },
      mail.statement,
      auditStatement(ctx.actor, now, "application.submitted", { type: "partner_application", id }, { company: input.company }),
    ],
    "write",
  );
  await publishOutbox(ctx.env, ctx.tenant.id, [mail.id]);
  return { id, status: "pending" };
}
