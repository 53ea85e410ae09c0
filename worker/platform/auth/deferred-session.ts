// A session check that rides in the verb's first database call instead of
// costing a round trip of its own before the verb runs.
//
// When this isolate has seen the presented session before (`session-claims.ts`),
// the request starts with the actor it had then, so route permission checks
// and the verb's scoped statements are built before any database call. The
// tenant database handle the verb gets is wrapped: while the session is not
// yet confirmed, every call carries, in front of the verb's own statements and
// in the same transaction,
//   1. the at-most-every-5-minutes touch of last_seen_at (left out only while
//      the last one seen here is fresh, when it would change nothing),
//   2. `sessionGateStatement`: an SQL error unless the session is valid by
//      exactly today's rules and still has the expected membership, role and
//      organization; libSQL then skips every later step and rolls back,
//   3. the session's membership row (profile, unread count, branding).
// So a write batch cannot write for a session that is no longer valid, and a
// read's results are discarded. Why this is safe:
//   - the database decides, in the same transaction as the verb's statements,
//     by the same SQL rules as the eager check; the memory only predicts;
//   - a failed gate is re-checked eagerly once: no session -> 401, exactly as
//     the permission middleware answers an anonymous caller; another role,
//     organization or membership -> the whole request is run again from the
//     start with the fresh actor (a role change takes effect at once);
//   - nothing else a verb can reach (control database, queues) is reached
//     before the session is confirmed: those wait for an eager check;
//   - a response never leaves unconfirmed: a request that made no tenant call
//     is checked eagerly before its answer goes out.
import type { Client, InStatement, ResultSet, TransactionMode } from "@libsql/client/web";
import type { Actor } from "../context.ts";
import { tenantDbOver, type TenantDb } from "../db.ts";
import { Unauthenticated } from "../errors.ts";
import { verifySession, sessionActor } from "./authenticate.ts";
import { forgetSession, rememberSession, type SessionClaims } from "./session-claims.ts";
import { memberFromRow, sessionGateStatement, TOUCH_EVERY_MS, validateSessionStatements } from "./sessions.ts";

/** The session's membership changed since this isolate saw it: the request must be run again. */
export class SessionChanged extends Unauthenticated {}

type GateState = "unconfirmed" | "confirmed" | "gone" | "changed";

export class SessionGate {
  state: GateState = "unconfirmed";
  private recheck: Promise<SessionClaims | null> | null = null;

  constructor(
    private readonly raw: TenantDb,
    private readonly tenantId: string,
    private readonly tokenHash: string,
    private readonly now: number,
    private readonly claims: SessionClaims,
    /** The request's context: its actor is refreshed (or replaced) as the database answers. */
    private readonly ctx: { actor: Actor },
  ) {}

  /** The statements put in front of a call, and where the gate and the membership row are among them. */
  prefix(): { statements: InStatement[]; touches: boolean } {
    const [touch, member] = validateSessionStatements(this.tokenHash, this.now);
    const touches = !(this.claims.lastSeenAt >= this.now - TOUCH_EVERY_MS);
    const m = this.claims.membership;
    const gate = sessionGateStatement(this.tokenHash, this.now, {
      sessionId: this.claims.sessionId,
      membershipId: m.id,
      role: m.role,
      partnerOrgId: m.partnerOrgId,
    });
    return { statements: [...(touches ? [touch!] : []), gate, member!], touches };
  }

  /** The gate passed: the membership row read with it refreshes the actor's profile and this isolate's memory. */
  confirmed(touched: ResultSet | undefined, member: ResultSet): void {
    const row = member.rows[0];
    if (this.state !== "unconfirmed" || !row) return;
    const membership = memberFromRow(row);
    const lastSeenAt = touched && touched.rowsAffected > 0 ? this.now : Number(row.session_last_seen_at);
    const claims = { sessionId: this.claims.sessionId, membership, lastSeenAt };
    rememberSession(this.tenantId, this.tokenHash, claims);
    if (this.ctx.actor.kind === "user") this.ctx.actor.membership = membership;
    this.state = "confirmed";
  }

  /**
   * The eager check (its own round trip), at most once per request. With
   * `adopt` (nothing has run on the predicted actor yet) a changed membership
   * simply becomes the request's actor; otherwise the request must start over.
   */
  async confirmNow({ adopt }: { adopt: boolean }): Promise<void> {
    if (this.state !== "unconfirmed") return;
    this.recheck ??= verifySession({ db: this.raw, tokenHash: this.tokenHash, now: this.now });
    const fresh = await this.recheck;
    if (this.state !== "unconfirmed") return;
    if (!fresh) {
      forgetSession(this.tenantId, this.tokenHash);
      this.state = "gone";
      return;
    }
    rememberSession(this.tenantId, this.tokenHash, fresh);
    const m = this.claims.membership;
    const same =
      fresh.sessionId === this.claims.sessionId &&
      fresh.membership.id === m.id &&
      fresh.membership.role === m.role &&
      fresh.membership.partnerOrgId === m.partnerOrgId;
    if (same || adopt) {
      this.ctx.actor = sessionActor(fresh);
      this.state = "confirmed";
    } else {
      this.state = "changed";
    }
  }

  /** Throws unless the session is confirmed: for calls that cannot carry the gate. */
  async ensureConfirmed(): Promise<void> {
    await this.confirmNow({ adopt: false });
    this.assertUsable();
  }

  assertUsable(): void {
    if (this.state === "gone") throw new Unauthenticated();
    if (this.state === "changed") throw new SessionChanged();
  }
}

function statementIndexOf(e: unknown): number | undefined {
  const i = (e as { statementIndex?: unknown } | null)?.statementIndex;
  return typeof i === "number" ? i : undefined;
}

/** The tenant database as the verb sees it: its calls carry the gate until the session is confirmed. */
export function gatedTenantDb(raw: TenantDb, gate: SessionGate): TenantDb {
  const inner = raw.$client;

  async function gatedBatch(stmts: InStatement[], mode: TransactionMode, unwrapOne: boolean): Promise<ResultSet[]> {
    gate.assertUsable();
    if (gate.state === "confirmed") return inner.batch(stmts, mode);
    const { statements, touches } = gate.prefix();
    const gateIndex = touches ? 1 : 0;
    // The touch writes: a read-only transaction cannot hold it.
    const effectiveMode: TransactionMode = touches && mode === "read" ? "deferred" : mode;
    let results: ResultSet[];
    try {
      results = await inner.batch([...statements, ...stmts], effectiveMode);
    } catch (e) {
      const index = statementIndexOf(e);
      if (index === gateIndex) {
        // Rolled back: nothing of the verb took effect. Ask the database once.
        await gate.confirmNow({ adopt: false });
        gate.assertUsable();
        return inner.batch(stmts, mode);
      }
      if (index !== undefined && index >= statements.length) (e as { statementIndex: number }).statementIndex = index - statements.length;
      throw e;
    }
    gate.confirmed(touches ? results[0] : undefined, results[gateIndex + 1]!);
    const own = results.slice(statements.length);
    return unwrapOne ? own.slice(-1) : own;
  }

  const client = new Proxy(inner, {
    get(target, prop) {
      if (prop === "batch") {
        return (stmts: InStatement[], mode: TransactionMode = "deferred") => gatedBatch(stmts, mode, false);
      }
      if (prop === "execute") {
        // One statement becomes a one-statement transaction behind the gate;
        // "deferred" because it may write.
        return async (stmt: InStatement | string, args?: unknown) => {
          gate.assertUsable();
          if (gate.state === "confirmed") return (inner.execute as (s: unknown, a?: unknown) => Promise<ResultSet>)(stmt, args);
          const statement = (typeof stmt === "string" ? { sql: stmt, args: (args ?? []) as never } : stmt) as InStatement;
          return (await gatedBatch([statement], "deferred", true))[0]!;
        };
      }
      // Read with the client itself as `this`: its getters use private fields.
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "close") return value.bind(target);
      // transaction(), executeMultiple(), migrate(), …: no statement to put the
      // gate in front of, so the session is confirmed first.
      return async (...a: unknown[]) => {
        await gate.ensureConfirmed();
        return (value as (...x: unknown[]) => unknown).apply(target, a);
      };
    },
  }) as Client;
  return tenantDbOver(client);
}

/** Wraps every method of `target` (a queue producer, a database client) to wait for a confirmed session. */
export function afterConfirmation<T extends object>(target: T, gate: SessionGate): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop) as unknown;
      if (typeof value !== "function") return value;
      return async (...a: unknown[]) => {
        await gate.ensureConfirmed();
        return (value as (...x: unknown[]) => unknown).apply(t, a);
      };
    },
  });
}
