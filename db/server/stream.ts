// One Hrana stream of the local libSQL server: the state a baton points at
// (a leased database handle with any open transaction, and the stream's
// stored SQL texts) plus the execution of each stream request against it.
// Results follow libsql-server: SQL failures become per-request/per-step
// error results; protocol violations throw ProtocolError (HTTP 400).

import type { Connection, NamespaceStore } from "./engine.ts";
import { StmtError, toWireError } from "./engine.ts";
import type {
  BatchCond,
  BatchResult,
  BatchStep,
  BindValue,
  ProtoStmt,
  StmtResult,
  StreamRequest,
  StreamResult,
  WireError,
} from "./protocol.ts";
import { ProtocolError } from "./protocol.ts";
import type { StmtInfo } from "./sql-scan.ts";
import { analyzeStatement, splitStatements } from "./sql-scan.ts";

/** libsql-server refuses stored SQL beyond a per-stream limit; ours is generous. */
const MAX_STORED_SQL = 1000;

type StepOutcome = "ok" | "error" | "skipped";

export class Stream {
  readonly namespace: string;
  readonly #store: NamespaceStore;
  #conn: Connection | null = null;
  readonly #sqls = new Map<number, string>();
  #closed = false;

  constructor(store: NamespaceStore, namespace: string) {
    this.#store = store;
    this.namespace = namespace;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Autocommit = not inside an explicit transaction (true before first use). */
  get autocommit(): boolean {
    return this.#conn === null || !this.#conn.inTransaction;
  }

  /** The stream's handle, leased lazily so `close`-only pipelines cost nothing. */
  #connection(): Connection {
    if (this.#closed) throw new StmtError("The stream has been closed", "STREAM_CLOSED");
    this.#conn ??= this.#store.acquire(this.namespace);
    return this.#conn;
  }

  /** Close the stream: roll back an open transaction, return the handle. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sqls.clear();
    const conn = this.#conn;
    this.#conn = null;
    if (conn !== null) this.#store.release(conn);
  }

  async handle(req: StreamRequest): Promise<StreamResult> {
    if (this.#closed && req.type !== "close") {
      return { type: "error", error: { message: "The stream has been closed", code: "STREAM_CLOSED" } };
    }
    try {
      switch (req.type) {
        case "close":
          this.close();
          return ok({ type: "close" });
        case "execute":
          return ok({ type: "execute", result: await this.#execute(req.stmt) });
        case "batch":
          return ok({ type: "batch", result: await this.batch(req.steps) });
        case "sequence":
          await this.#sequence(this.#resolveSql(req.sql, req.sqlId));
          return ok({ type: "sequence" });
        case "describe": {
          const sql = this.#resolveSql(req.sql, req.sqlId);
          const info = singleStatement(sql);
          const conn = this.#connection();
          // Describing never writes: run it without the write gate.
          return ok({ type: "describe", result: await this.#store.run(conn, { ...info, mayWrite: false }, () => conn.describe(sql, info)) });
        }
        case "store_sql":
          if (this.#sqls.has(req.sqlId)) throw new ProtocolError(`SQL text with id ${req.sqlId} is already stored`);
          if (this.#sqls.size >= MAX_STORED_SQL) throw new ProtocolError("Too many SQL texts stored in this stream");
          this.#sqls.set(req.sqlId, req.sql);
          return ok({ type: "store_sql" });
        case "close_sql":
          this.#sqls.delete(req.sqlId);
          return ok({ type: "close_sql" });
        case "get_autocommit":
          return ok({ type: "get_autocommit", is_autocommit: this.autocommit });
      }
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      return { type: "error", error: toWireError(e) };
    }
  }

  /** Run batch steps in order; a failed step is recorded and later steps still
   * evaluate their conditions (the client's COMMIT/ROLLBACK steps rely on it). */
  async batch(steps: BatchStep[]): Promise<BatchResult> {
    const outcomes: StepOutcome[] = [];
    const result: BatchResult = { step_results: [], step_errors: [] };
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      let stmtResult: StmtResult | null = null;
      let error: WireError | null = null;
      try {
        if (step.condition === undefined || this.#evalCond(step.condition, outcomes, i)) {
          stmtResult = await this.#execute(step.stmt);
        }
      } catch (e) {
        if (e instanceof ProtocolError) throw e;
        error = toWireError(e);
      }
      outcomes.push(error !== null ? "error" : stmtResult !== null ? "ok" : "skipped");
      result.step_results.push(stmtResult);
      result.step_errors.push(error);
    }
    return result;
  }

  // `error` means "executed and failed" as the Hrana spec says; a skipped step
  // is neither ok nor error.
  #evalCond(cond: BatchCond, outcomes: StepOutcome[], current: number): boolean {
    switch (cond.type) {
      case "ok":
      case "error": {
        if (cond.step < 0 || cond.step >= current) {
          throw new StmtError(`Batch condition refers to step ${cond.step}, which has not run before step ${current}`, "INVALID_BATCH_STEP");
        }
        return outcomes[cond.step] === cond.type;
      }
      case "not":
        return !this.#evalCond(cond.cond, outcomes, current);
      case "and":
        return cond.conds.every((c) => this.#evalCond(c, outcomes, current));
      case "or":
        return cond.conds.some((c) => this.#evalCond(c, outcomes, current));
      case "is_autocommit":
        return this.autocommit;
    }
  }

  #resolveSql(sql: string | undefined, sqlId: number | undefined): string {
    if (sql !== undefined && sqlId !== undefined) throw new ProtocolError("Only one of `sql` and `sql_id` may be given");
    if (sql !== undefined) return sql;
    if (sqlId === undefined) throw new ProtocolError("One of `sql` and `sql_id` must be given");
    const stored = this.#sqls.get(sqlId);
    if (stored === undefined) throw new ProtocolError(`SQL text with id ${sqlId} was not stored in this stream`);
    return stored;
  }

  async #execute(stmt: ProtoStmt): Promise<StmtResult> {
    const sql = this.#resolveSql(stmt.sql, stmt.sqlId);
    const info = singleStatement(sql);
    const args = bindArgs(stmt, info);
    const conn = this.#connection();
    return this.#store.run(conn, info, () => conn.execute(sql, info, args, stmt.wantRows));
  }

  // Statement by statement, so each takes the write gate only if it may write;
  // stops at the first error (earlier statements stay applied, as in sqld).
  async #sequence(sql: string): Promise<void> {
    const conn = this.#connection();
    for (const part of splitStatements(sql)) {
      const info = analyzeStatement(part.tokens);
      await this.#store.run(conn, info, () => conn.exec(part.sql, info));
    }
  }
}

function ok(response: Extract<StreamResult, { type: "ok" }>["response"]): StreamResult {
  return { type: "ok", response };
}

/** libsql-server executes exactly one statement per `execute`/batch step. */
function singleStatement(sql: string): StmtInfo {
  const parts = splitStatements(sql);
  if (parts.length === 0) throw new StmtError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
  if (parts.length > 1) throw new StmtError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
  return analyzeStatement(parts[0]!.tokens);
}

/** Arguments as a positional array, which is all we ever hand the engine: its
 * object (named) binding panics — aborting the process — on statements that
 * mix `?` with named parameters. Named args are placed by parameter index,
 * matching each parameter's name with or without its `:`/`@`/`$` prefix, as
 * libsql-server does; parameters with no argument stay NULL. */
function bindArgs(stmt: ProtoStmt, info: StmtInfo): BindValue[] {
  if (stmt.namedArgs.length === 0) return stmt.args;
  if (stmt.args.length > 0) {
    throw new StmtError("Specifying both positional and named arguments is not supported", "ARGS_BOTH_POSITIONAL_AND_NAMED");
  }
  const named = new Map<string, BindValue>();
  for (const { name, value } of stmt.namedArgs) named.set(name, value);
  const args: BindValue[] = [];
  for (let i = 1; i < info.params.length; i++) {
    const name = info.params[i];
    const key = name == null ? undefined : named.has(name) ? name : name.slice(1);
    args.push(key !== undefined && named.has(key) ? named.get(key)! : null);
  }
  return args;
}
