// The signed-in person's in-app notifications over HTTP: their list with the
// unread count, and marking them read. Each route validates and calls one verb.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, jsonBody, jsonResponse, newRouter, problems, requirePermission } from "../platform/http.ts";
import { tenantParams } from "../platform/routes.ts";
import { listNotifications, listNotificationsQuery, notificationPageSchema } from "./list-notifications.ts";
import { markNotificationsRead, markNotificationsReadInput, markNotificationsReadResultSchema } from "./mark-notifications-read.ts";

export const notificationRoutes: OpenAPIHono<AppEnv> = newRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/t/{tenant}/notifications",
      summary: "My notifications, newest first (keyset pages), with the unread count",
      description: "Signed-in people only: an API key has no notifications (403).",
      middleware: [requirePermission("notifications.own")] as const,
      request: { params: tenantParams, query: listNotificationsQuery },
      responses: {
        200: jsonResponse("A page of notifications", notificationPageSchema),
        400: problems[400],
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await listNotifications({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/t/{tenant}/notifications/read",
      summary: "Mark my notifications read: `ids`, or `all: true`",
      description: "Ids that are not the caller's are left alone, without an error.",
      middleware: [requirePermission("notifications.own")] as const,
      request: { params: tenantParams, body: jsonBody(markNotificationsReadInput) },
      responses: {
        200: jsonResponse("Marked; the unread count left", markNotificationsReadResultSchema),
        401: problems[401],
        403: problems[403],
        422: problems[422],
      },
    }),
    async (c) => c.json(await markNotificationsRead({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );
