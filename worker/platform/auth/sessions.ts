// Session lifecycle rules: rotated at login, revocable server-side, idle and
// absolute expiry. The checks live in SQL so validating a session and
// touching it is one round trip.
import type { InStatement, Row } from "@libsql/client/web";
import { pickRow } from "../../../db/rows.ts";
import { memberships, type Role } from "../../../db/tenant/schema.ts";
import { unreadCountSql } from "../../notifications/notification-schema.ts";
import type { MembershipRef } from "../context.ts";
import { hashToken, newId, newToken } from "./tokens.ts";

export const SESSION_IDLE_MS = 3 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
// last_seen_at is refreshed at most this often, to keep reads mostly read-only.
export const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface NewSession {
  id: string;
  token: string;
  tokenHash: string;
  expiresAt: number;
}

export async function newSession(now: number): Promise<NewSession> {
  const token = newToken("pps");
  return { id: newId(), token, tokenHash: await hashToken(token), expiresAt: now + SESSION_ABSOLUTE_MS };
}

// Partners being onboarded already work in the portal; suspended and
// offboarded ones cannot sign in or keep a session.
const ACTIVE_MEMBER = `m.status = 'active' AND (m.partner_org_id IS NULL OR EXISTS (
  SELECT 1 FROM partner_orgs o WHERE o.id = m.partner_org_id AND o.status IN ('onboarding', 'active')))`;

/**
 * Inserts a session for the identity's active membership, if it has one.
 * Returns no row when the person is not (or no longer) a member here.
 */
export function insertSessionForIdentity(
  s: NewSession,
  identityId: string,
  now: number,
  client: { ip: string | null; userAgent: string | null } | undefined,
): InStatement {
  return {
    sql: `INSERT INTO sessions (id, token_hash, membership_id, created_at, last_seen_at, expires_at, ip, user_agent)
          SELECT ?, ?, m.id, ?, ?, ?, ?, ? FROM memberships m WHERE m.identity_id = ? AND ${ACTIVE_MEMBER}
          RETURNING membership_id`,
    args: [s.id, s.tokenHash, now, now, s.expiresAt, client?.ip ?? null, client?.userAgent?.slice(0, 300) ?? null, identityId],
  };
}

// The unread count (a capped subquery on a partial index) and the portal's
// branding (one row by primary key) ride along, so `/me`, the shell's bell
// and its colours cost no round trip beyond the session's own.
export const MEMBER_COLUMNS = `m.id, m.identity_id, m.email, m.name, m.role, m.partner_org_id,
  (SELECT o.name FROM partner_orgs o WHERE o.id = m.partner_org_id) AS partner_org_name,
  ${unreadCountSql("m.id")} AS unread_notifications,
  (SELECT json_object('portal_name', b.portal_name, 'logo_url', b.logo_url, 'primary_color', b.primary_color)
     FROM portal_branding b WHERE b.id = 'portal') AS branding_json`;

export function selectMemberByIdentity(identityId: string): InStatement {
  return { sql: `SELECT ${MEMBER_COLUMNS} FROM memberships m WHERE m.identity_id = ?`, args: [identityId] };
}

export function revokeSessionByToken(tokenHash: string, now: number): InStatement {
  return {
    sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
    args: [now, tokenHash],
  };
}

/** Touch (when stale) and read the session with its membership: one batch. */
export function validateSessionStatements(tokenHash: string, now: number): InStatement[] {
  const idleCutoff = now - SESSION_IDLE_MS;
  return [
    {
      sql: `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND revoked_at IS NULL
            AND expires_at > ? AND last_seen_at > ? AND last_seen_at < ?`,
      args: [now, tokenHash, now, idleCutoff, now - TOUCH_EVERY_MS],
    },
    {
      sql: `SELECT s.id AS session_id, s.last_seen_at AS session_last_seen_at, ${MEMBER_COLUMNS}
            FROM sessions s JOIN memberships m ON m.id = s.membership_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?
            AND ${ACTIVE_MEMBER}`,
      args: [tokenHash, now, idleCutoff],
    },
  ];
}

/** What a request presenting a session token expects to find: the session and the membership it was last seen with. */
export interface ExpectedSession {
  sessionId: string;
  membershipId: string;
  role: Role;
  partnerOrgId: string | null;
}

/**
 * The session's validity as one statement that fails unless the session is
 * valid by exactly the rules of `validateSessionStatements` (not revoked, not
 * absolutely or idle-expired, membership active, organization neither
 * suspended nor offboarded) and still belongs to the expected membership with
 * the expected role and organization. "Fails" means an SQL error (json() of a
 * non-JSON text), not an empty result: libSQL runs each later step of a batch
 * only if the step before succeeded and rolls the transaction back, so a
 * verb's statements placed after this one never take effect for a session
 * that is no longer what the request was built for.
 */
export function sessionGateStatement(tokenHash: string, now: number, expected: ExpectedSession): InStatement {
  return {
    sql: `SELECT json(CASE WHEN EXISTS (
            SELECT 1 FROM sessions s JOIN memberships m ON m.id = s.membership_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?
            AND ${ACTIVE_MEMBER}
            AND s.id = ? AND m.id = ? AND m.role = ? AND m.partner_org_id IS ?)
          THEN '1' ELSE 'session gate closed' END) AS session_ok`,
    args: [tokenHash, now, now - SESSION_IDLE_MS, expected.sessionId, expected.membershipId, expected.role, expected.partnerOrgId],
  };
}

export type MemberRow = MembershipRef;

export function memberFromRow(row: Row): MemberRow {
  return {
    ...pickRow(memberships, row, ["id", "identityId", "email", "name", "role", "partnerOrgId"]),
    // Computed by MEMBER_COLUMNS beside the membership's own columns.
    partnerOrgName: row.partner_org_name == null ? null : String(row.partner_org_name),
    unreadNotifications: Number(row.unread_notifications ?? 0),
    brandingRow: row.branding_json == null ? null : (JSON.parse(String(row.branding_json)) as Record<string, unknown>),
  };
}
