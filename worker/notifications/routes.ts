// The signed-in person's in-app notifications over HTTP: their list with the
// unread count, and marking them read. Each route validates and calls one verb.
import { type OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, jsonResponse, newRouter, problems } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
import { listNotifications, listNotificationsQuery, notificationPageSchema } from "./list-notifications.ts";
import { markNotificationsRead, markNotificationsReadInput, markNotificationsReadResultSchema } from "./mark-notifications-read.ts";

export const notificationRoutes: OpenAPIHono<AppEnv> = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/notifications",
      summary: "My notifications, newest first (keyset pages), with the unread count",
      description: "Signed-in people only: an API key has no notifications (403).",
      permission: "notifications.own",
      query: listNotificationsQuery,
      responses: { 200: jsonResponse("A page of notifications", notificationPageSchema) },
      problems: [400],
    }),
    async (c) => c.json(await listNotifications({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/notifications/read",
      summary: "Mark my notifications read: `ids`, or `all: true`",
      description: "Ids that are not the caller's are left alone, without an error.",
      permission: "notifications.own",
      body: markNotificationsReadInput,
      responses: { 200: jsonResponse("Marked; the unread count left", markNotificationsReadResultSchema) },
    }),
    async (c) => c.json(await markNotificationsRead({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );
