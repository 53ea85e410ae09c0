// API key management (vendor admins).
import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../http.ts";
import { tenantParams } from "../routes.ts";
import { apiKeySchema, createApiKey, createApiKeyInput, listApiKeys, revokeApiKey } from "./api-keys.ts";

export const apiKeyRoutes = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/api-keys",
      summary: "Active API keys",
      middleware: [requirePermission("apiKeys.manage")] as const,
      request: { params: tenantParams },
      responses: { 200: jsonResponse("Keys", z.object({ items: z.array(apiKeySchema) })), 401: problems[401], 403: problems[403] },
    }),
    async (c) => c.json(await listApiKeys({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/api-keys",
      summary: "Create an API key (the secret is returned once)",
      middleware: [requirePermission("apiKeys.manage")] as const,
      request: { params: tenantParams, body: jsonBody(createApiKeyInput) },
      responses: {
        201: jsonResponse("Created", z.object({ key: apiKeySchema, secret: z.string() })),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await createApiKey({ ctx: c.get("ctx"), input: c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/t/{tenant}/api-keys/{id}",
      summary: "Revoke an API key",
      middleware: [requirePermission("apiKeys.manage")] as const,
      request: { params: tenantParams.extend({ id: z.string().min(1).max(64) }) },
      responses: { 204: { description: "Revoked" }, 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await revokeApiKey({ ctx: c.get("ctx"), id: c.req.valid("param").id });
      return c.body(null, 204);
    },
  );
