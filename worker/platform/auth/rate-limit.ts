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
  loginPerEmail: (tenantId: string, email: string): Limit => ({
    key: `login:${tenantId}:${email}`,
    max: 10,
    windowMs: 15 * MINUTE,
  }),
  loginPerIp: (ip: string): Limit => ({ key: `login-ip:${ip}`, max: 100, windowMs: 15 * MINUTE }),
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
  if (!row) return;
  const count = Number(row.count);
  if (count > limit.max) {
    const retryAfter = Math.ceil((Number(row.window_start) + limit.windowMs - now) / 1000);
    throw new RateLimited(Math.max(1, retryAfter));
  }
}
