// API keys for integrations: a key acts with a role (and, for partner roles,
// an organization) exactly like a person would, so integrations get the same
// powers as the portal and no more. The secret is shown once at creation.
import { z } from "@hono/zod-openapi";
import { pickRow } from "../../../db/rows.ts";
import { apiKeys, roles } from "../../../db/tenant/schema.ts";
import { auditStatement, auditWhen } from "../audit.ts";
import { hashToken, newId, newToken } from "../auth/tokens.ts";
import type { Ctx } from "../context.ts";
import { NotFound, ValidationFailed } from "../errors.ts";
import { roleField } from "../fields.ts";
import { authorize, isPartnerRole } from "../policy.ts";

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(roles),
    partnerOrgId: z.string().nullable(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
  })
  .openapi("ApiKey");

export const createApiKeyInput = z
  .object({
    name: z.string().trim().min(1, "Name the key after the integration using it.").max(80, "Use at most 80 characters."),
    role: roleField,
    partnerOrgId: z.string().min(1).max(64).nullable().optional(),
  })
  .openapi("CreateApiKeyInput");

type ApiKey = z.infer<typeof apiKeySchema>;

export async function createApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createApiKeyInput>;
}): Promise<{ key: ApiKey; secret: string }> {
  authorize(ctx.actor, "apiKeys.manage");
  const partnerOrgId = isPartnerRole(input.role) ? (input.partnerOrgId ?? null) : null;
  if (isPartnerRole(input.role) && !partnerOrgId) {
    throw new ValidationFailed([{ field: "partnerOrgId", message: "Choose the partner organization this key acts for." }]);
  }
  if (partnerOrgId) {
    const org = await ctx.db.$client.execute({ sql: "SELECT 1 FROM partner_orgs WHERE id = ?", args: [partnerOrgId] });
    if (org.rows.length === 0) throw new ValidationFailed([{ field: "partnerOrgId", message: "This partner organization does not exist." }]);
  }
  const id = newId();
  const secret = newToken("ppk");
  await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO api_keys (id, name, token_hash, role, partner_org_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        args: [id, input.name, await hashToken(secret), input.role, partnerOrgId, ctx.actor.kind === "user" ? ctx.actor.membership.id : "system", ctx.now],
      },
      auditStatement(ctx.actor, ctx.now, "api_key.created", { type: "api_key", id }, { name: input.name, role: input.role }),
    ],
    "write",
  );
  return { key: { id, name: input.name, role: input.role, partnerOrgId, createdAt: ctx.now, lastUsedAt: null }, secret };
}

export async function listApiKeys({ ctx }: { ctx: Ctx }): Promise<{ items: ApiKey[] }> {
  authorize(ctx.actor, "apiKeys.manage");
  const rs = await ctx.db.$client.execute(
    "SELECT id, name, role, partner_org_id, created_at, last_used_at FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC",
  );
  return {
    items: rs.rows.map((r) => pickRow(apiKeys, r, ["id", "name", "role", "partnerOrgId", "createdAt", "lastUsedAt"])),
  };
}

export async function revokeApiKey({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx.actor, "apiKeys.manage");
  const [updated] = await ctx.db.$client.batch(
    [
      { sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id", args: [ctx.now, id] },
      auditWhen(ctx.actor, ctx.now, "api_key.revoked", { type: "api_key", id }, {
        sql: "SELECT 1 FROM api_keys WHERE id = ? AND revoked_at = ?",
        args: [id, ctx.now],
      }),
    ],
    "write",
  );
  if (updated!.rows.length === 0) throw new NotFound("API key not found.");
}
