// Platform routes: health, vendor signup, tenant lookup, authentication,
// users and invitations, the dev mailbox and operator endpoints. Each
// handler validates (via its route schema), calls one verb, maps the result.
import { z } from "@hono/zod-openapi";
import { setCookie, deleteCookie } from "hono/cookie";
import type { Context } from "hono";
import { acceptInvitation, acceptInvitationInput, invitationLookupSchema, lookupInvitation } from "./users/accept-invitation.ts";
import { inviteUser, inviteUserInput } from "./users/invite-user.ts";
import { invitationSchema } from "./users/invitation-schema.ts";
import { listInvitations } from "./users/list-invitations.ts";
import { listUsers, listUsersQuery, userSchema } from "./users/list-users.ts";
import { revokeInvitation } from "./users/revoke-invitation.ts";
import { changeMemberRole, changeMemberRoleInput } from "./users/change-member-role.ts";
import { removeMember } from "./users/remove-member.ts";
import { restoreMember } from "./users/restore-member.ts";
import { login, loginInput } from "./auth/login.ts";
import { logout } from "./auth/logout.ts";
import { meSchema, toMe } from "./auth/me.ts";
import { requestPasswordReset, requestPasswordResetInput } from "./auth/request-password-reset.ts";
import { resetPassword, resetPasswordInput } from "./auth/reset-password.ts";
import { pickLocale } from "./email/templates.ts";
import { DevMailbox } from "./email/providers.ts";
import { NotFound, Unauthenticated } from "./errors.ts";
import { sessionSchema, tokenField } from "./fields.ts";
import { type AppEnv, confirmedActor, jsonResponse, newRouter, SESSION_COOKIE } from "./http.ts";
import { platformRoute, tenantRoute } from "./tenant-route.ts";
import { checkControlHealth } from "./jobs/control-health.ts";
import { fanOutToTenants } from "./jobs/fan-out.ts";
import { signupVendor, signupVendorInput } from "./tenancy/signup-vendor.ts";
import { setMyLocale, setMyLocaleInput } from "./users/set-my-locale.ts";
import { assertTenantUsable, findTenantBySlug } from "./tenancy/resolve-tenant.ts";
import { Forbidden } from "./errors.ts";

const sessionResult = z.object({ session: sessionSchema, user: meSchema }).openapi("SessionResult");
const tenantPublic = z.object({ id: z.string(), slug: z.string(), name: z.string(), status: z.string() }).openapi("TenantPublic");

/** Browsers calling the API directly get the session as a cookie too; the portal uses the body. */
function setSessionCookie(c: Context<AppEnv>, session: { token: string; expiresAt: number }) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    expires: new Date(session.expiresAt),
  });
}

export const platformRoutes = newRouter()
  .openapi(
    platformRoute({
      method: "get",
      path: "/api/health",
      summary: "Liveness and control database reachability",
      access: "public",
      responses: {
        200: jsonResponse(
          "Healthy",
          z.object({ status: z.literal("ok"), control: z.object({ reachable: z.boolean(), latencyMs: z.number() }) }),
        ),
        503: jsonResponse(
          "Control database unreachable",
          z.object({ status: z.literal("degraded"), control: z.object({ reachable: z.boolean(), latencyMs: z.number() }) }),
        ),
      },
    }),
    async (c) => {
      const control = await checkControlHealth({ ctx: c.get("platform") });
      return control.reachable ? c.json({ status: "ok" as const, control }, 200) : c.json({ status: "degraded" as const, control }, 503);
    },
  )
  .openapi(
    platformRoute({
      method: "post",
      path: "/api/signup",
      summary: "Create a vendor's partner portal and its first admin",
      access: "public",
      body: signupVendorInput,
      responses: {
        201: jsonResponse("Portal created; the admin is signed in", sessionResult.extend({ tenant: tenantPublic.omit({ status: true }) })),
      },
      problems: [429],
    }),
    async (c) => {
      const result = await signupVendor({
        ctx: c.get("platform"),
        input: c.req.valid("json"),
        locale: pickLocale(c.req.header("accept-language")),
      });
      setSessionCookie(c, result.session);
      return c.json(result, 201);
    },
  )
  .openapi(
    platformRoute({
      method: "get",
      path: "/api/tenants/{slug}",
      summary: "Public facts about a portal (name, status); 403 for a suspended one",
      access: "public",
      responses: { 200: jsonResponse("The portal", tenantPublic) },
      problems: [{ 403: "The portal is suspended" }],
    }),
    async (c) => {
      const p = c.get("platform");
      const tenant = await findTenantBySlug(p.control, c.req.valid("param").slug.toLowerCase(), p.now);
      assertTenantUsable(tenant);
      return c.json({ id: tenant.id, slug: tenant.slug, name: tenant.name, status: tenant.status }, 200);
    },
  )
  .openapi(
    platformRoute({
      method: "get",
      path: "/api/dev/mailbox",
      summary: "Mail sent by the dev mail provider (development only; 404 elsewhere)",
      access: "public",
      query: z.object({ to: z.string().max(254).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: {
        200: jsonResponse(
          "Newest first",
          z.object({
            messages: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                html: z.string(),
                createdAt: z.number(),
                tenantSlug: z.string(),
              }),
            ),
          }),
        ),
      },
      problems: [{ 404: "The dev mailbox is off" }],
    }),
    async (c) => {
      const config = c.get("config");
      if (config.mail.provider !== "dev" || config.environment === "production") throw new NotFound("The dev mailbox is off.");
      const { to, limit } = c.req.valid("query");
      const messages = await new DevMailbox({ url: config.mail.mailboxUrl, authToken: config.mail.authToken }).list(limit, to);
      return c.json({ messages }, 200);
    },
  )
  .openapi(
    platformRoute({
      method: "post",
      path: "/api/admin/migrate-all",
      summary: "Operator: migrate every tenant database (fans out one queue message per tenant)",
      access: "operator",
      responses: { 202: jsonResponse("Enqueued", z.object({ enqueued: z.number() })) },
    }),
    async (c) => {
      const config = c.get("config");
      const given = c.req.header("authorization")?.replace(/^Bearer /, "");
      if (!config.adminToken || given !== config.adminToken) throw new Forbidden("Operator token required.");
      const result = await fanOutToTenants({ ctx: c.get("platform"), job: "migrate-tenant", statuses: ["active", "suspended"] });
      return c.json(result, 202);
    },
  );

export const authRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "post",
      path: "/auth/login",
      summary: "Sign in to this portal",
      permission: "public",
      body: loginInput,
      responses: { 200: jsonResponse("Signed in", sessionResult) },
      problems: [401, 429],
    }),
    async (c) => {
      const previous = c.req.header("authorization")?.replace(/^Bearer /, "") ?? null;
      const result = await login({ ctx: c.get("ctx"), input: c.req.valid("json"), previousToken: previous });
      setSessionCookie(c, result.session);
      return c.json(result, 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/auth/logout",
      summary: "End the current session",
      permission: "public",
      responses: { 204: { description: "Signed out" } },
    }),
    async (c) => {
      await logout({ ctx: c.get("ctx") });
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/auth/password-reset",
      summary: "Email a password reset link (same answer whether or not the email exists)",
      permission: "public",
      body: requestPasswordResetInput,
      responses: { 202: jsonResponse("Accepted", z.object({ status: z.literal("sent") })) },
      problems: [429],
    }),
    async (c) => {
      const result = await requestPasswordReset({
        ctx: c.get("ctx"),
        input: c.req.valid("json"),
        locale: pickLocale(c.req.header("accept-language")),
      });
      return c.json(result, 202);
    },
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/auth/password-reset/confirm",
      summary: "Set a new password with a reset link's token",
      permission: "public",
      body: resetPasswordInput,
      responses: { 200: jsonResponse("Password changed; signed in", sessionResult) },
      problems: [400],
    }),
    async (c) => {
      const result = await resetPassword({ ctx: c.get("ctx"), input: c.req.valid("json") });
      setSessionCookie(c, result.session);
      return c.json(result, 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/me",
      summary: "The signed-in person, their role and permissions",
      permission: "signedIn",
      responses: { 200: jsonResponse("Me", meSchema) },
    }),
    async (c) => {
      const actor = await confirmedActor(c);
      if (actor.kind !== "user") throw new Unauthenticated();
      return c.json(toMe(actor.membership, c.get("ctx").tenant), 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "put",
      path: "/me/locale",
      summary: "Choose the language of the portal and of the email you receive",
      permission: "signedIn",
      body: setMyLocaleInput,
      responses: { 200: jsonResponse("The language now set", z.object({ locale: z.string() })) },
    }),
    async (c) => c.json(await setMyLocale({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );

export const userRoutes = newRouter()
  .openapi(
    tenantRoute({
      method: "get",
      path: "/users",
      summary: "People in this portal the caller may see (partner admins: their organization)",
      permission: "users.list",
      query: listUsersQuery,
      responses: { 200: jsonResponse("A page of users", z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() })) },
      problems: [400],
    }),
    async (c) => c.json(await listUsers({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "patch",
      path: "/users/{id}",
      summary: "Change a member's role (partner admins: their organization's people, partner roles only)",
      permission: "users.manage",
      body: changeMemberRoleInput,
      responses: { 200: jsonResponse("The member", userSchema) },
      problems: [409],
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await changeMemberRole({ ctx: c.get("ctx"), input: { membershipId: id, role: c.req.valid("json").role } }), 200);
    },
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/users/{id}/remove",
      summary: "Remove a member: they can no longer sign in and their sessions end",
      permission: "users.manage",
      responses: { 200: jsonResponse("The removed member", userSchema) },
      problems: [409],
    }),
    async (c) => c.json(await removeMember({ ctx: c.get("ctx"), membershipId: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/users/{id}/restore",
      summary: "Restore a removed member: they can sign in again",
      permission: "users.manage",
      responses: { 200: jsonResponse("The restored member", userSchema) },
    }),
    async (c) => c.json(await restoreMember({ ctx: c.get("ctx"), membershipId: c.req.valid("param").id }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/invitations",
      summary: "Invitations the caller may see",
      permission: "users.list",
      responses: { 200: jsonResponse("Invitations", z.object({ items: z.array(invitationSchema) })) },
    }),
    async (c) => c.json(await listInvitations({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/invitations",
      summary: "Invite a person by email",
      permission: "users.invite",
      body: inviteUserInput,
      responses: { 201: jsonResponse("Invited", z.object({ invitation: invitationSchema })) },
      problems: [409],
    }),
    async (c) => {
      const invitation = await inviteUser({
        ctx: c.get("ctx"),
        input: c.req.valid("json"),
        locale: pickLocale(c.req.header("accept-language")),
      });
      return c.json({ invitation }, 201);
    },
  )
  .openapi(
    tenantRoute({
      method: "delete",
      path: "/invitations/{id}",
      summary: "Revoke a pending invitation",
      permission: "users.invite",
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      await revokeInvitation({ ctx: c.get("ctx"), id: c.req.valid("param").id });
      return c.body(null, 204);
    },
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/invitations/lookup",
      summary: "Who an invitation link is for (no session needed)",
      permission: "public",
      query: z.object({ token: tokenField }),
      responses: { 200: jsonResponse("The invitation", invitationLookupSchema) },
      problems: [400],
    }),
    async (c) => c.json(await lookupInvitation({ ctx: c.get("ctx"), token: c.req.valid("query").token }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/invitations/accept",
      summary: "Accept an invitation: join this portal with a new or existing account",
      permission: "public",
      body: acceptInvitationInput,
      responses: { 200: jsonResponse("Joined; signed in", sessionResult) },
      problems: [400, 409],
    }),
    async (c) => {
      const result = await acceptInvitation({ ctx: c.get("ctx"), input: c.req.valid("json"), locale: pickLocale(c.req.header("accept-language")) });
      setSessionCookie(c, result.session);
      return c.json(result, 200);
    },
  );
