// Fixed-window throttles for login, password reset, signup and applications, kept in the control
// database so every isolate and region counts the same attempts.
import type { InStatement, ResultSet } from "@libsql/client/web";
import { RateLimited } from "../errors.ts";

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const limits = {
  // Sign-in counts failures, not sign-ins (see login.ts for what this lets an attacker do).
  loginFailuresPerAddress: (tenantId: string, email: string, ip: string): Limit => ({
    key: `login-fail:${tenantId}:${email}:${ip}`,
    max: 10,
    windowMs: 15 * MINUTE,
  }),
  loginFailuresPerAccount: (tenantId: string, email: string): Limit => ({
    key: `login-fail:${tenantId}:${email}`,
    max: 100,
    windowMs: 15 * MINUTE,
  }),
  loginPerIp: (ip: string): Limit => ({ key: `login-ip:${ip}`, max: 300, windowMs: 15 * MINUTE }),
  resetPerEmail: (email: string): Limit => ({ key: `reset:${email}`, max: 5, windowMs: 60 * MINUTE }),
  resetPerIp: (ip: string): Limit => ({ key: `reset-ip:${ip}`, max: 30, windowMs: 60 * MINUTE }),
  signupPerIp: (ip: string): Limit => ({ key: `signup-ip:${ip}`, max: 20, windowMs: 60 * MINUTE }),
  // Public "become a partner" form, per portal: applying to several vendors from one office is fine.
  applyPerIp: (tenantId: string, ip: string): Limit => ({ key: `apply-ip:${tenantId}:${ip}`, max: 5, windowMs: 60 * MINUTE }),
};

/** One upsert that counts the attempt and returns the window's count. */
export function hitStatement(limit: Limit, now: number): InStatement {
  const windowStartBefore = now - limit.windowMs;
  return {
    sql: `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
          ON CONFLICT(key) DO UPDATE SET
            count = CASE WHEN window_start <= ? THEN 1 ELSE count + 1 END,
            window_start = CASE WHEN window_start <= ? THEN excluded.window_start ELSE window_start END
          RETURNING count, window_start`,
    args: [limit.key, now, windowStartBefore, windowStartBefore],
  };
}

export function assertWithinLimit(limit: Limit, result: ResultSet | undefined, now: number): void {
  const row = result?.rows[0];
  if (row && Number(row.count) > limit.max) refuse(limit, Number(row.window_start), now);
}

/** Reads a window's count without counting: for limits that count only some outcomes (failed sign-ins). */
export function countStatement(limit: Limit, now: number): InStatement {
  return { sql: "SELECT count, window_start FROM rate_limits WHERE key = ? AND window_start > ?", args: [limit.key, now - limit.windowMs] };
}

/** Refuses once the window already holds `max` counted outcomes: the next attempt would be one too many. */
export function assertBelowLimit(limit: Limit, result: ResultSet | undefined, now: number): void {
  const row = result?.rows[0];
  if (row && Number(row.count) >= limit.max) refuse(limit, Number(row.window_start), now);
}

/** Forgets the counts of `limits` (a success wipes the failures before it). */
export function clearStatement(...cleared: Limit[]): InStatement {
  return { sql: `DELETE FROM rate_limits WHERE key IN (${cleared.map(() => "?").join(", ")})`, args: cleared.map((l) => l.key) };
}

function refuse(limit: Limit, windowStart: number, now: number): never {
  const retryAfter = Math.ceil((windowStart + limit.windowMs - now) / 1000);
  throw new RateLimited(Math.max(1, retryAfter));
}
