// The people of this portal the actor may see, searchable and paged by a
// keyset cursor (newest first) so page N costs the same as page 1.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { memberships, roles } from "../../../db/tenant/schema.ts";
import type { Ctx } from "../context.ts";
import { BadRequest } from "../errors.ts";
import { authorize, orgScope } from "../policy.ts";
import { pickRow } from "../../../db/rows.ts";

export const listUsersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(100).optional(),
  role: z
    .preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(z.enum(roles)).min(1).max(roles.length))
    .optional()
    .openapi({ description: "Only people with one of these roles, comma-separated (e.g. the vendor staff: vendor_admin,channel_manager)" }),
});

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    partnerOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(["active", "disabled"]),
    createdAt: z.number(),
  })
  .openapi("User");

export type User = z.infer<typeof userSchema>;

/** The columns `userFromRow` reads, from `memberships m LEFT JOIN partner_orgs o ON o.id = m.partner_org_id`. */
export const USER_COLUMNS = "m.id, m.email, m.name, m.role, m.partner_org_id, m.status, m.created_at, o.name AS partner_org_name";

export function userFromRow(r: Row): User {
  return {
    ...pickRow(memberships, r, ["id", "email", "name", "role", "status", "createdAt"]),
    partnerOrg: r.partner_org_id == null ? null : { id: String(r.partner_org_id), name: String(r.partner_org_name ?? "") },
  };
}

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

export async function listUsers({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: z.infer<typeof listUsersQuery>;
}): Promise<{ items: User[]; nextCursor: string | null }> {
  authorize(ctx.actor, "users.list");
  const scope = orgScope(ctx.actor);
  const [afterAt, afterId] = query.cursor ? decodeCursor(query.cursor) : [null, null];
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const roleFilter = query.role ?? [];
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${USER_COLUMNS}
          FROM memberships m LEFT JOIN partner_orgs o ON o.id = m.partner_org_id
          WHERE (? IS NULL OR m.partner_org_id = ?)
            AND (? IS NULL OR m.name LIKE ? ESCAPE '\\' OR m.email LIKE ? ESCAPE '\\')
            ${roleFilter.length > 0 ? `AND m.role IN (${roleFilter.map(() => "?").join(", ")})` : ""}
            AND (? IS NULL OR m.created_at < ? OR (m.created_at = ? AND m.id < ?))
          ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    args: [scope, scope, like, like, like, ...roleFilter, afterAt, afterAt, afterAt, afterId, query.limit + 1],
  });
  const items = rs.rows.slice(0, query.limit).map(userFromRow);
  const last = items.at(-1);
  return { items, nextCursor: rs.rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
