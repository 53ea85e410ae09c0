// A reviewer decides an application: approve (the applicant becomes a partner
// organization in onboarding and its contact is invited as partner admin),
// decline (with a reason, emailed), or ask for more information (emailed).
// Approved and declined are final.
import type { z } from "@hono/zod-openapi";
import type { InStatement, InValue } from "@libsql/client/web";
import { auditWhen } from "../../platform/audit.ts";
import { newId } from "../../platform/auth/tokens.ts";
import type { Ctx } from "../../platform/context.ts";
import type { EmailIntent, Locale } from "../../platform/email/templates.ts";
import { DomainError, NotFound, PreconditionFailed, ValidationFailed } from "../../platform/errors.ts";
import { emailStatement, publishOutbox } from "../../platform/outbox/outbox.ts";
import { authorize, roleOf } from "../../platform/policy.ts";
import type { Invitation } from "../../platform/users/invitation-schema.ts";
import { inviteUser } from "../../platform/users/invite-user.ts";
import { insertPartnerOrgStatement } from "../../partners/partner-org-record.ts";
import { APPLICATION_COLUMNS, toApplication, type Application, type reviewApplicationInput } from "./application-schema.ts";

export interface ReviewResult {
  application: Application;
  /** The partner admin invitation, after an approval. */
  invitation: Invitation | null;
  /** Why the invitation could not be sent (the approval itself stands). */
  invitationError: { code: string; detail: string } | null;
}

const OPEN = ["pending", "info_requested"];

/** Turns a one-row `INSERT ... VALUES (...)` into one that runs only if `exists` finds a row. */
function onlyIf(statement: InStatement, exists: { sql: string; args: InValue[] }): InStatement {
  const s = statement as { sql: string; args: InValue[] };
  const sql = s.sql.replace(/\bVALUES\s*\(([\s\S]*)\)\s*$/, (_, values: string) => `SELECT ${values} WHERE EXISTS (${exists.sql})`);
  if (sql === s.sql) throw new Error("onlyIf expects an INSERT ... VALUES statement");
  return { sql, args: [...s.args, ...exists.args] };
}

export async function reviewApplication({
  ctx,
  id,
  input,
  // The application does not record the applicant's language, so decisions go out in the portal's default.
  locale = "en",
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof reviewApplicationInput>;
  locale?: Locale;
}): Promise<ReviewResult> {
  authorize(ctx.actor, "applications.review");
  // Trimmed here too: verbs are also called without the route's schema (cron, tests, other modules).
  const reason = input.reason?.trim() || null;
  const message = input.message?.trim() || null;
  if (input.decision === "decline" && !reason) {
    throw new ValidationFailed([{ field: "reason", message: "Say why, so the applicant knows.", code: "required" }]);
  }
  if (input.decision === "request_info" && !message) {
    throw new ValidationFailed([{ field: "message", message: "Say what information you need.", code: "required" }]);
  }

  const rs = await ctx.db.$client.execute({ sql: `SELECT ${APPLICATION_COLUMNS} FROM partner_applications WHERE id = ?`, args: [id] });
  if (!rs.rows[0]) throw new NotFound("Application not found.");
  const current = toApplication(rs.rows[0]);
  if (!OPEN.includes(current.status)) {
    throw new PreconditionFailed(`This application was already ${current.status}.`, "already_decided");
  }

  const { now } = ctx;
  const reviewer = ctx.actor.kind === "user" ? ctx.actor.membership : null;
  const reviewedBy = reviewer?.id ?? (ctx.actor.kind === "apiKey" ? ctx.actor.keyId : "system");
  const target = { type: "partner_application", id };
  const status = input.decision === "approve" ? "approved" : input.decision === "decline" ? "declined" : "info_requested";
  const partnerOrgId = input.decision === "approve" ? newId() : null;
  // Guards: the decision applies only while the application is still open,
  // and what follows it (org, email, audit) only if this decision landed.
  const stillOpen = { sql: `SELECT 1 FROM partner_applications WHERE id = ? AND status IN ('pending', 'info_requested')`, args: [id] };
  const landed = {
    sql: "SELECT 1 FROM partner_applications WHERE id = ? AND status = ? AND reviewed_at = ? AND reviewed_by = ?",
    args: [id, status, now, reviewedBy],
  };
  const decide: InStatement = {
    sql: `UPDATE partner_applications SET status = ?, decision_reason = ?, partner_org_id = ?, reviewed_by = ?, reviewed_at = ?
          WHERE id = ? AND status IN ('pending', 'info_requested')`,
    args: [status, input.decision === "request_info" ? message : reason, partnerOrgId, reviewedBy, now, id],
  };

  const statements: InStatement[] = [];
  let mailId: string | null = null;
  if (partnerOrgId) {
    statements.push(
      insertPartnerOrgStatement(
        {
          id: partnerOrgId,
          name: current.company,
          status: "onboarding",
          websiteDomain: current.websiteDomain,
          country: current.country,
          partnerType: current.partnerType,
          // The reviewing channel manager owns the new relationship.
          ownerId: reviewer && (roleOf(ctx.actor) === "channel_manager" || roleOf(ctx.actor) === "vendor_admin") ? reviewer.id : null,
        },
        now,
        stillOpen,
      ),
      decide,
      auditWhen(ctx.actor, now, "partner_org.created", { type: "partner_org", id: partnerOrgId }, landed, {
        name: current.company,
        status: "onboarding",
        source: "application",
        applicationId: id,
      }),
    );
  } else {
    statements.push(decide);
    const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}`;
    const base = { tenantName: ctx.tenant.name, company: current.company, contactName: current.contactName, link };
    const intent: EmailIntent =
      input.decision === "decline"
        ? { template: "application-declined", to: current.contactEmail, locale, tenantSlug: ctx.tenant.slug, data: { ...base, reason: reason! } }
        : {
            template: "application-info-requested",
            to: current.contactEmail,
            locale,
            tenantSlug: ctx.tenant.slug,
            data: { ...base, message: message!, replyTo: reviewer?.email ?? null },
          };
    const mail = emailStatement(intent, now);
    mailId = mail.id;
    statements.push(onlyIf(mail.statement, landed));
  }
  statements.push(
    auditWhen(ctx.actor, now, `application.${status}`, target, landed, { decision: input.decision, reason, message, partnerOrgId }),
    { sql: `SELECT ${APPLICATION_COLUMNS} FROM partner_applications WHERE id = ?`, args: [id] },
  );
  const results = await ctx.db.$client.batch(statements, "write");
  const decided = results[partnerOrgId ? 1 : 0]!;
  const after = toApplication(results.at(-1)!.rows[0]!);
  if (decided.rowsAffected === 0) {
    throw new PreconditionFailed(`This application was already ${after.status}.`, "already_decided");
  }
  if (mailId) await publishOutbox(ctx.env, ctx.tenant.id, [mailId]);

  let invitation: Invitation | null = null;
  let invitationError: ReviewResult["invitationError"] = null;
  if (partnerOrgId) {
    // A second step on purpose: inviting is the platform's verb (token,
    // replacing earlier invitations, the member check, the email), and
    // restating its statements here would fork those rules. The approval
    // stands on its own if the invitation is refused (say the contact is
    // already a member here); the reviewer can invite someone else.
    try {
      invitation = await inviteUser({
        ctx,
        input: { email: current.contactEmail, name: current.contactName, role: "partner_admin", partnerOrgId },
        locale,
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      invitationError = { code: e.code, detail: e.message };
    }
  }
  return { application: after, invitation, invitationError };
}
