// The libSQL engine side of the local server: one SQLite file per namespace,
// a small pool of `libsql` Database handles per namespace, a per-namespace
// write gate, and the execution of single statements / scripts / describes
// with libsql-server's result rules.
//
// Concurrency model (why it looks like this):
//  - Every Hrana stream leases its own handle for its whole life, so an open
//    transaction never leaks between streams. Files are in WAL mode: readers
//    never wait for the writer and see only committed data (snapshot isolation).
//  - SQLite allows one writer. The `libsql` JS API is synchronous, so letting
//    SQLite's busy handler wait for an in-process lock holder would freeze the
//    event loop — and the holder's COMMIT arrives as a later HTTP request, so
//    it could never succeed. Retrying SQLITE_BUSY ourselves is not an option
//    either: libsql-js leaves a statement that failed with BUSY un-reset, and
//    that half-run statement makes the connection's COMMIT fail ("SQL
//    statements in progress"). So writers are serialized *before* SQLite: a
//    statement that may write first takes the namespace's async write gate
//    (FIFO), and a handle keeps the gate until it is back in autocommit mode
//    (its transaction ended). SQLite's own busy_timeout then only ever waits
//    for other processes.
//  - Like libsql-server, a write transaction older than the transaction
//    timeout (5 s) loses the gate as soon as another writer waits for it: it is
//    rolled back and its stream's next statement fails with TRANSACTION_TIMEOUT.
//    So an abandoned interactive transaction cannot block writers for longer.
//  - libsql-js closes the SQLite handle only once the Database object and all
//    its statements are garbage-collected. Before deleting a namespace's files
//    we therefore force a GC, so no lingering handle can later checkpoint into,
//    or unlink the WAL of, a namespace re-created under the same name.

import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import Database from "libsql";
import type { BindValue, DescribeResult, StmtResult, WireCol, WireError } from "./protocol.ts";
import { encodeValue } from "./protocol.ts";
import type { StmtInfo } from "./sql-scan.ts";

export const NAMESPACE_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Write transactions older than this lose the gate to a waiting writer (sqld: 5 s). */
export const DEFAULT_TXN_TIMEOUT_MS = 5000;
/** SQLite-level busy wait, which only ever applies to other processes. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
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

// Hrana carries only the *primary* result code (the extended code, e.g.
// SQLITE_CONSTRAINT_UNIQUE, has no field on the wire), so we name
// `rawCode & 0xff` exactly as embedded libSQL does through @libsql/client
// (`mapToBaseCode` in its sqlite3 transport): SQLITE_ERROR for a syntax error,
// an unknown table or column. Names from sqlite3.h.
const PRIMARY_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
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
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
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
    const primary = e.rawCode & 0xff;
    return { message: `SQLite error: ${e.message}`, code: PRIMARY_CODES[primary] ?? `SQLITE_UNKNOWN_${primary}` };
  }
  return { message: e instanceof Error ? e.message : String(e), code: "INTERNAL_ERROR" };
}

/** BUSY/LOCKED leave the failed statement un-reset inside libsql-js. */
function leavesStatementActive(e: unknown): boolean {
  const primary = isEngineError(e) ? e.rawCode & 0xff : 0;
  return primary === 5 || primary === 6;
}

/** A leased database handle; belongs to exactly one stream at a time. */
export class Connection {
  readonly namespace: string;
  readonly db: Database.Database;
  /** Must not go back to the pool: it ran something that alters per-connection
   * state (PRAGMA, ATTACH, TEMP) or may hold a half-run statement. */
  dirty = false;
  /** Its transaction was rolled back because it held the write gate too long. */
  stolen = false;
  #changesStmt: Database.Statement | undefined;

  constructor(namespace: string, file: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS) {
    this.namespace = namespace;
    this.db = new Database(file);
    // synchronous=NORMAL is crash-safe in WAL mode and keeps the dev server fast;
    // busy_timeout only matters for other processes (see module header).
    this.db.exec(`PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  }

  get inTransaction(): boolean {
    return this.db.open && this.db.inTransaction;
  }

  /** Execute one statement and build a Hrana StmtResult. */
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
      // sqlite3_changes() is stale after non-DML, hence only for IUD; read both
      // through SQL so the rowid keeps full 64-bit precision.
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
    this.#changesStmt = undefined;
    if (!this.db.open) return;
    try {
      this.db.close();
    } catch {
      // A failed close must not take the server down.
    }
  }
}

interface Waiter {
  conn: Connection;
  grant: () => void;
  refuse: (e: Error) => void;
}

interface NamespaceState {
  file: string;
  idle: Connection[];
  /** Every open handle (idle or leased), so deletion/shutdown can close them. */
  open: Set<Connection>;
  /** Holder of the write gate since `writerSince`, and writers queued for it (FIFO). */
  writer: Connection | null;
  writerSince: number;
  waiters: Waiter[];
  /** Fires when the holder's transaction times out while writers wait. */
  stealTimer: NodeJS.Timeout | null;
}

let forcedGc: (() => void) | null | undefined;

/** Run a full GC so libsql-js finalizes dropped handles (closing their files). */
function collectGarbage(): void {
  if (forcedGc === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc;
    try {
      if (existing) {
        forcedGc = existing;
      } else {
        v8.setFlagsFromString("--expose-gc");
        forcedGc = vm.runInNewContext("gc") as () => void;
      }
    } catch {
      forcedGc = null;
    }
  }
  forcedGc?.();
}

/** The namespaces under one data directory, their handle pools and write gates. */
export class NamespaceStore {
  readonly dataDir: string;
  readonly #txnTimeoutMs: number;
  readonly #busyTimeoutMs: number;
  #namespaces = new Map<string, NamespaceState>();
  /** Deletions still waiting for handles to be finalized before unlinking. */
  #deleting = new Map<string, Promise<void>>();

  constructor(dataDir: string, opts: { txnTimeoutMs?: number; busyTimeoutMs?: number } = {}) {
    this.dataDir = dataDir;
    this.#txnTimeoutMs = opts.txnTimeoutMs ?? DEFAULT_TXN_TIMEOUT_MS;
    this.#busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    mkdirSync(dataDir, { recursive: true });
    for (const entry of readdirSync(dataDir)) {
      const name = entry.endsWith(".db") ? entry.slice(0, -3) : "";
      if (NAMESPACE_RE.test(name)) this.#namespaces.set(name, this.#state(name));
    }
  }

  #state(name: string): NamespaceState {
    return { file: join(this.dataDir, `${name}.db`), idle: [], open: new Set(), writer: null, writerSince: 0, waiters: [], stealTimer: null };
  }

  list(): string[] {
    return [...this.#namespaces.keys()].sort();
  }

  exists(name: string): boolean {
    return this.#namespaces.has(name);
  }

  /** Create the database file (WAL mode); false if it already exists. */
  async create(name: string): Promise<boolean> {
    await this.#deleting.get(name);
    if (this.#namespaces.has(name)) return false;
    const state = this.#state(name);
    const conn = new Connection(name, state.file, this.#busyTimeoutMs);
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
  async delete(name: string): Promise<boolean> {
    const state = this.#namespaces.get(name);
    if (state === undefined) return false;
    this.#namespaces.delete(name);
    const done = (async () => {
      this.#shut(state);
      await finalizeDroppedHandles();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(state.file + suffix, { force: true });
    })();
    this.#deleting.set(name, done);
    try {
      await done;
    } finally {
      this.#deleting.delete(name);
    }
    return true;
  }

  /** Lease a handle for a stream: reuse an idle one or open a new one. */
  acquire(name: string): Connection {
    const state = this.#namespaces.get(name);
    if (state === undefined) throw new StmtError(`Namespace \`${name}\` does not exist`, "NAMESPACE_DOESNT_EXIST");
    const pooled = state.idle.pop();
    if (pooled !== undefined) return pooled;
    const conn = new Connection(name, state.file, this.#busyTimeoutMs);
    state.open.add(conn);
    return conn;
  }

  /** Return a leased handle: rolled back, then pooled or closed. */
  release(conn: Connection): void {
    const state = this.#namespaces.get(conn.namespace);
    const reusable = conn.reset() && !conn.dirty;
    if (state !== undefined && state.open.has(conn)) {
      this.#releaseGate(state, conn);
      if (reusable && state.idle.length < MAX_IDLE_PER_NAMESPACE) {
        state.idle.push(conn);
        return;
      }
      state.open.delete(conn);
    }
    conn.close();
  }

  /** Run one statement on `conn`, taking the write gate first if it may write
   * and handing the gate on once `conn` is back in autocommit mode. */
  async run<T>(conn: Connection, info: StmtInfo, fn: () => T): Promise<T> {
    const state = this.#namespaces.get(conn.namespace);
    if (state === undefined || !state.open.has(conn)) {
      throw new StmtError(`Namespace \`${conn.namespace}\` does not exist`, "NAMESPACE_DOESNT_EXIST");
    }
    if (conn.stolen) {
      // Report the lost transaction once; afterwards the stream is usable again.
      conn.stolen = false;
      throw new StmtError("Transaction timed out", "TRANSACTION_TIMEOUT");
    }
    if (info.mayWrite && state.writer !== conn) await this.#acquireGate(state, conn);
    try {
      return fn();
    } catch (e) {
      if (leavesStatementActive(e)) conn.dirty = true;
      throw e;
    } finally {
      if (!conn.inTransaction) this.#releaseGate(state, conn);
    }
  }

  #acquireGate(state: NamespaceState, conn: Connection): Promise<void> {
    if (state.writer === null) {
      this.#grantGate(state, conn);
      return Promise.resolve();
    }
    return new Promise((grant, refuse) => {
      state.waiters.push({ conn, grant, refuse });
      this.#armSteal(state);
    });
  }

  #grantGate(state: NamespaceState, conn: Connection): void {
    state.writer = conn;
    state.writerSince = Date.now();
    if (state.waiters.length > 0) this.#armSteal(state);
  }

  #releaseGate(state: NamespaceState, conn: Connection): void {
    if (state.writer !== conn) return;
    state.writer = null;
    if (state.stealTimer !== null) clearTimeout(state.stealTimer);
    state.stealTimer = null;
    const next = state.waiters.shift();
    if (next !== undefined) {
      this.#grantGate(state, next.conn);
      next.grant();
    }
  }

  /** While writers wait, roll back the holder once its transaction times out.
   * The holder is never mid-statement here: statements run synchronously. */
  #armSteal(state: NamespaceState): void {
    if (state.stealTimer !== null || state.writer === null) return;
    const delay = Math.max(0, state.writerSince + this.#txnTimeoutMs - Date.now());
    state.stealTimer = setTimeout(() => {
      state.stealTimer = null;
      const victim = state.writer;
      if (victim === null || state.waiters.length === 0) return;
      victim.stolen = true;
      if (!victim.reset()) victim.dirty = true;
      this.#releaseGate(state, victim);
    }, delay);
    state.stealTimer.unref();
  }

  /** Close all handles of a namespace and fail its queued writers. */
  #shut(state: NamespaceState): void {
    if (state.stealTimer !== null) clearTimeout(state.stealTimer);
    state.stealTimer = null;
    for (const w of state.waiters.splice(0)) {
      w.refuse(new StmtError("The namespace was deleted or the server is closing", "NAMESPACE_DOESNT_EXIST"));
    }
    state.writer = null;
    for (const conn of state.open) conn.close();
    state.open.clear();
    state.idle.length = 0;
  }

  /** Close everything (server shutdown); resolves once the files are closed. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#deleting.values());
    for (const state of this.#namespaces.values()) this.#shut(state);
    await finalizeDroppedHandles();
  }

  /** For GET /version. */
  sqliteVersion(): string {
    const db = new Database(":memory:");
    try {
      const row = (db.prepare("SELECT sqlite_version()").raw(true).all() as unknown[][])[0];
      return String(row?.[0] ?? "");
    } finally {
      db.close();
    }
  }
}

/** GC, then let finalizers run (they are scheduled after the GC pause). */
async function finalizeDroppedHandles(): Promise<void> {
  collectGarbage();
  await new Promise<void>((r) => setImmediate(r));
  await new Promise<void>((r) => setImmediate(r));
}
