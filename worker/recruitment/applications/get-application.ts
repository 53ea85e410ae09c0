// One application, for reviewers.
import type { Ctx } from "../../platform/context.ts";
import { NotFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { APPLICATION_COLUMNS, toApplication, type Application } from "./application-schema.ts";

export async function getApplication({ ctx, id }: { ctx: Ctx; id: string }): Promise<Application> {
  authorize(ctx.actor, "applications.review");
  const rs = await ctx.db.$client.execute({ sql: `SELECT ${APPLICATION_COLUMNS} FROM partner_applications WHERE id = ?`, args: [id] });
  const row = rs.rows[0];
  if (!row) throw new NotFound("Application not found.");
  return toApplication(row);
}
