// Applications for reviewers, newest first, optionally by status, paged by
// a keyset cursor on (created_at, id).
import { z } from "@hono/zod-openapi";
import type { InValue } from "@libsql/client/web";
import { applicationStatuses } from "../../../db/tenant/schema.ts";
import type { Ctx } from "../../platform/context.ts";
import { BadRequest } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { APPLICATION_COLUMNS, toApplication, type Application } from "./application-schema.ts";

export const listApplicationsQuery = z.object({
  status: z.enum(applicationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

function encodeCursor(createdAt: number, id: string): string {
  return btoa(JSON.stringify([createdAt, id]));
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const [createdAt, id] = JSON.parse(atob(cursor)) as [unknown, unknown];
    if (typeof createdAt === "number" && typeof id === "string") return [createdAt, id];
  } catch {
    // fall through
  }
  throw new BadRequest("The page cursor is not valid.", "invalid_cursor", [{ field: "cursor", message: "Invalid cursor." }]);
}

export async function listApplications({
  ctx,
  query = {},
}: {
  ctx: Ctx;
  query?: z.input<typeof listApplicationsQuery>;
}): Promise<{ items: Application[]; nextCursor: string | null }> {
  authorize(ctx.actor, "applications.review");
  const q = listApplicationsQuery.parse(query);
  const clauses: string[] = [];
  const args: InValue[] = [];
  if (q.status) {
    clauses.push("status = ?");
    args.push(q.status);
  }
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    clauses.push("(created_at, id) < (?, ?)");
    args.push(at, id);
  }
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${APPLICATION_COLUMNS} FROM partner_applications ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""}
          ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [...args, q.limit + 1],
  });
  const items = rs.rows.slice(0, q.limit).map(toApplication);
  const last = items.at(-1);
  return { items, nextCursor: rs.rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
