// The libSQL engine side of the local server: one SQLite file per namespace,
// a small pool of `libsql` Database handles per namespace, and the execution
// of single statements / scripts / describes with libsql-server's result rules.
//
// Concurrency model (why it looks like this):
//  - The `libsql` JS API is synchronous. SQLite's own busy handler would spin
//    *inside* the event loop, so a writer waiting for an interactive
//    transaction held by another stream (same process) could never see that
//    transaction's COMMIT arrive: a guaranteed stall until timeout. We therefore
//    keep busy_timeout at 0 and retry SQLITE_BUSY asynchronously (withBusyRetry),
//    which lets the event loop serve the lock holder meanwhile.
//  - Files are in WAL mode so readers never block on the writer and an
//    uncommitted write is invisible to other connections (snapshot isolation).
//  - Every Hrana stream gets its own handle (leased from the pool) for its whole
//    life, so an open transaction or stored state never leaks between streams.

import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "libsql";
import type { BindValue, DescribeResult, StmtResult, WireCol, WireError } from "./protocol.ts";
import { encodeValue } from "./protocol.ts";
import type { StmtInfo } from "./sql-scan.ts";

export const NAMESPACE_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** How long a statement keeps retrying SQLITE_BUSY before giving up (like busy_timeout=5000). */
export const BUSY_TIMEOUT_MS = 5000;
const MAX_IDLE_PER_NAMESPACE = 8;

/** An SQL-level failure reported inside a Hrana result (not an HTTP error). */
export class StmtError extends Error {
  code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = "StmtError";
    this.code = code;
  }
}

// libsql-server maps the *primary* result code through rusqlite's ErrorCode;
// codes rusqlite has no variant for (notably SQLITE_ERROR = 1, e.g. "no such
// table") come out as SQLITE_UNKNOWN. We reproduce that table exactly.
const PRIMARY_CODES: Record<number, string> = {
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
};

interface EngineError {
  message: string;
  code: string;
  rawCode: number;
}

function isEngineError(e: unknown): e is EngineError {
  return e instanceof Error && typeof (e as Partial<EngineError>).code === "string" && typeof (e as Partial<EngineError>).rawCode === "number";
}

/** Convert anything thrown while executing SQL into a Hrana error object. */
export function toWireError(e: unknown): WireError {
  if (e instanceof StmtError) return { message: e.message, code: e.code };
  if (isEngineError(e)) {
    return { message: `SQLite error: ${e.message}`, code: PRIMARY_CODES[e.rawCode & 0xff] ?? "SQLITE_UNKNOWN" };
  }
  return { message: e instanceof Error ? e.message : String(e), code: "INTERNAL_ERROR" };
}

/** SQLITE_BUSY that a later retry can cure. SQLITE_BUSY_SNAPSHOT (517) cannot:
 * the transaction's read snapshot is stale and it has to be rolled back. */
function isRetryableBusy(e: unknown): boolean {
  return isEngineError(e) && (e.rawCode & 0xff) === 5 && e.rawCode !== 517;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `fn` (one whole statement, so a retry never re-applies partial work),
 * retrying SQLITE_BUSY with backoff without blocking the event loop. */
export async function withBusyRetry<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  let delay = 1;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!isRetryableBusy(e) || Date.now() >= deadline) throw e;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 20);
  }
}

/** A leased database handle; belongs to exactly one stream at a time. */
export class Connection {
  readonly namespace: string;
  readonly db: Database.Database;
  /** Ran something that alters per-connection state (PRAGMA, ATTACH, TEMP):
   * close instead of returning to the pool. */
  dirty = false;
  #changesStmt: Database.Statement | undefined;

  constructor(namespace: string, file: string) {
    this.namespace = namespace;
    this.db = new Database(file);
    // busy_timeout stays 0 on purpose (see module header). synchronous=NORMAL
    // is crash-safe in WAL mode and keeps the dev server fast.
    this.db.exec("PRAGMA synchronous=NORMAL");
  }

  get inTransaction(): boolean {
    return this.db.open && this.db.inTransaction;
  }

  /** Execute one statement and build a Hrana StmtResult. Synchronous: the whole
   * statement either runs or throws (so withBusyRetry can safely repeat it). */
  execute(sql: string, info: StmtInfo, args: BindValue[], wantRows: boolean): StmtResult {
    const started = performance.now();
    if (info.changesSession) this.dirty = true;
    const stmt = this.db.prepare(sql);
    stmt.safeIntegers(true);
    let cols: WireCol[] = [];
    let rows: unknown[][] = [];
    if (stmt.reader) {
      cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
      rows = stmt.raw(true).all(args) as unknown[][];
    } else {
      stmt.run(args);
    }
    let affected = 0;
    let lastRowid: string | null = null;
    if (info.isIud) {
      // Read both through SQL so the rowid keeps full 64-bit precision.
      this.#changesStmt ??= this.db.prepare("SELECT changes(), last_insert_rowid()").safeIntegers(true).raw(true);
      const row = (this.#changesStmt.all() as unknown[][])[0] ?? [];
      affected = Number(row[0] ?? 0);
      if (info.isInsert) lastRowid = String(row[1] ?? 0);
    }
    return {
      cols,
      rows: wantRows ? rows.map((r) => r.map(encodeValue)) : [],
      affected_row_count: affected,
      last_insert_rowid: lastRowid,
      rows_read: 0,
      rows_written: 0,
      query_duration_ms: performance.now() - started,
    };
  }

  /** Execute one statement of a script (`sequence`), discarding rows. */
  exec(sql: string, info: StmtInfo): void {
    if (info.changesSession) this.dirty = true;
    this.db.exec(sql);
  }

  describe(sql: string, info: StmtInfo): DescribeResult {
    const stmt = this.db.prepare(sql);
    const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
    return {
      params: info.params.slice(1).map((name) => ({ name })),
      cols,
      is_explain: info.isExplain,
      is_readonly: info.isExplain || info.isTxnControl || this.#isReadonly(sql),
    };
  }

  /** sqlite3_stmt_readonly() is not exposed by the JS API; a statement writes
   * iff its program opens a write transaction (OP_Transaction with P2 != 0). */
  #isReadonly(sql: string): boolean {
    const program = this.db.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][];
    return !program.some((op) => op[1] === "Transaction" && Number(op[3]) !== 0);
  }

  /** Roll back whatever the stream left open; false if the handle is unusable. */
  reset(): boolean {
    if (!this.db.open) return false;
    try {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      return !this.db.inTransaction;
    } catch {
      return false;
    }
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.close();
    } catch {
      // Closing twice or a failed close must not take the server down.
    }
  }
}

interface NamespaceState {
  file: string;
  idle: Connection[];
  /** Every open handle (idle or leased), so deletion/shutdown can close them. */
  open: Set<Connection>;
}

/** The namespaces under one data directory and their handle pools. */
export class NamespaceStore {
  readonly dataDir: string;
  #namespaces = new Map<string, NamespaceState>();

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    mkdirSync(dataDir, { recursive: true });
    for (const entry of readdirSync(dataDir)) {
      const name = entry.endsWith(".db") ? entry.slice(0, -3) : "";
      if (NAMESPACE_RE.test(name)) this.#namespaces.set(name, this.#state(name));
    }
  }

  #state(name: string): NamespaceState {
    return { file: join(this.dataDir, `${name}.db`), idle: [], open: new Set() };
  }

  list(): string[] {
    return [...this.#namespaces.keys()].sort();
  }

  exists(name: string): boolean {
    return this.#namespaces.has(name);
  }

  /** Create the database file (WAL mode); false if it already exists. */
  create(name: string): boolean {
    if (this.#namespaces.has(name)) return false;
    const state = this.#state(name);
    const conn = new Connection(name, state.file);
    try {
      // WAL is persistent in the file, so setting it once at creation is enough.
      conn.db.exec("PRAGMA journal_mode=WAL");
    } catch (e) {
      conn.close();
      throw e;
    }
    this.#namespaces.set(name, state);
    state.open.add(conn);
    state.idle.push(conn);
    return true;
  }

  /** Close every handle and remove the files; false if unknown. */
  delete(name: string): boolean {
    const state = this.#namespaces.get(name);
    if (state === undefined) return false;
    this.#namespaces.delete(name);
    for (const conn of state.open) conn.close();
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(state.file + suffix, { force: true });
    return true;
  }

  /** Lease a handle for a stream: reuse an idle one or open a new one. */
  acquire(name: string): Connection {
    const state = this.#namespaces.get(name);
    if (state === undefined) throw new StmtError(`Namespace \`${name}\` does not exist`, "NAMESPACE_DOESNT_EXIST");
    const pooled = state.idle.pop();
    if (pooled !== undefined) return pooled;
    const conn = new Connection(name, state.file);
    state.open.add(conn);
    return conn;
  }

  /** Return a leased handle; it is rolled back, and closed if it is dirty,
   * unusable, the pool is full, or its namespace is gone. */
  release(conn: Connection): void {
    const state = this.#namespaces.get(conn.namespace);
    const reusable = conn.reset() && !conn.dirty;
    if (state !== undefined && state.open.has(conn) && reusable && state.idle.length < MAX_IDLE_PER_NAMESPACE) {
      state.idle.push(conn);
      return;
    }
    state?.open.delete(conn);
    conn.close();
  }

  closeAll(): void {
    for (const state of this.#namespaces.values()) {
      for (const conn of state.open) conn.close();
      state.open.clear();
      state.idle.length = 0;
    }
  }

  /** For GET /version. */
  sqliteVersion(): string {
    const conn = new Connection("", ":memory:");
    try {
      const row = (conn.db.prepare("SELECT sqlite_version()").raw(true).all() as unknown[][])[0];
      return String(row?.[0] ?? "");
    } finally {
      conn.close();
    }
  }
}
