// API key management (vendor admins).
import { z } from "@hono/zod-openapi";
import { jsonResponse, newRouter } from "../http.ts";
import { tenantRoute } from "../tenant-route.ts";
import { apiKeySchema, createApiKey, createApiKeyInput, listApiKeys, revokeApiKey } from "./api-keys.ts";

export const apiKeyRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/api-keys",
      summary: "Active API keys",
      permission: "apiKeys.manage",
      responses: { 200: jsonResponse("Keys", z.object({ items: z.array(apiKeySchema) })) },
    }),
    async (c) => c.json(await listApiKeys({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/api-keys",
      summary: "Create an API key (the secret is returned once)",
      permission: "apiKeys.manage",
      body: createApiKeyInput,
      responses: { 201: jsonResponse("Created", z.object({ key: apiKeySchema, secret: z.string() })) },
    }),
    async (c) => c.json(await createApiKey({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    tenantRoute({
      method: "delete",
      path: "/api-keys/{id}",
      summary: "Revoke an API key",
      permission: "apiKeys.manage",
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      await revokeApiKey({ ctx: c.get("ctx"), id: c.req.valid("param").id });
      return c.body(null, 204);
    },
  );
