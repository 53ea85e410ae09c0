// Wire-level conformance of the local libSQL server (raw HTTP, no client):
// namespace admin API, routing and version probes, batons and stream state,
// batch conditions, stored SQL, describe, the v3 endpoints and error statuses.

import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlError } from "@libsql/client";
import { describe, expect, inject, it } from "vitest";
import { startLibsqlServer } from "../../../db/server/hrana-server.ts";

const baseUrl = inject("libsqlUrl");

type Json = any; // wire responses are asserted field by field

async function http(method: string, path: string, body?: unknown, base = baseUrl): Promise<{ status: number; json: Json; type: string | null }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === "" ? null : JSON.parse(text), type: res.headers.get("content-type") };
}

async function newNamespace(): Promise<string> {
  const ns = `p-${randomUUID().slice(0, 12)}`;
  const res = await http("POST", `/v1/namespaces/${ns}/create`, {});
  expect(res.status).toBe(200);
  return ns;
}

const execute = (sql: string, args: Json[] = []) => ({ type: "execute", stmt: { sql, args, want_rows: true } });
const int = (v: bigint | number) => ({ type: "integer", value: String(v) });
const text = (value: string) => ({ type: "text", value });

async function pipeline(ns: string | null, baton: string | null, requests: Json[], version = "v2") {
  const prefix = ns === null ? "" : `/${ns}`;
  return http("POST", `${prefix}/${version}/pipeline`, { baton, requests });
}

describe("namespace admin API", () => {
  it("creates, refuses duplicates, lists and deletes namespaces", async () => {
    const ns = `adm-${randomUUID().slice(0, 8)}`;
    const created = await http("POST", `/v1/namespaces/${ns}/create`);
    expect(created.status).toBe(200);
    const dup = await http("POST", `/v1/namespaces/${ns}/create`, {});
    expect(dup.status).toBe(409);
    expect(dup.json.error).toContain("already exists");

    const listed = await http("GET", "/v1/namespaces");
    expect(listed.status).toBe(200);
    expect(listed.json.namespaces).toContainEqual({ name: ns });

    const write = await pipeline(ns, null, [execute("CREATE TABLE t (x)"), execute("INSERT INTO t VALUES (1)"), { type: "close" }]);
    expect(write.json.results.map((r: Json) => r.type)).toEqual(["ok", "ok", "ok"]);

    expect((await http("DELETE", `/v1/namespaces/${ns}`)).status).toBe(200);
    expect((await http("GET", "/v1/namespaces")).json.namespaces).not.toContainEqual({ name: ns });
    const gone = await pipeline(ns, null, [execute("SELECT 1")]);
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatch(/does not exist/);
    expect((await http("DELETE", `/v1/namespaces/${ns}`)).status).toBe(404);

    // Re-creating gives an empty database: the files really were removed.
    expect((await http("POST", `/v1/namespaces/${ns}/create`)).status).toBe(200);
    const fresh = await pipeline(ns, null, [execute("SELECT count(*) FROM sqlite_schema"), { type: "close" }]);
    expect(fresh.json.results[0].response.result.rows).toEqual([[int(0)]]);
    await http("DELETE", `/v1/namespaces/${ns}`);
  });

  it("rejects invalid namespace names with 400", async () => {
    for (const bad of ["Upper", "-lead", "_lead", "dot.name", "sp%20ace", "a".repeat(64), "%C3%A9"]) {
      const res = await http("POST", `/v1/namespaces/${bad}/create`);
      expect(res.status, bad).toBe(400);
      expect(res.json.error).toContain("Invalid namespace name");
    }
    expect((await http("DELETE", "/v1/namespaces/Bad")).status).toBe(400);
    const longest = "a".repeat(63);
    expect((await http("POST", `/v1/namespaces/${longest}/create`)).status).toBe(200);
    expect((await http("DELETE", `/v1/namespaces/${longest}`)).status).toBe(200);
  });

  it("answers 404 for an unknown namespace, which the client reports as a server error", async () => {
    const ns = `missing-${randomUUID().slice(0, 8)}`;
    expect((await pipeline(ns, null, [execute("SELECT 1")])).status).toBe(404);
    expect((await http("GET", `/${ns}/v2`)).status).toBe(404);

    const client = createClient({ url: `${baseUrl}/${ns}/` });
    const err = await client.execute("SELECT 1").then(
      () => null,
      (e: unknown) => e as LibsqlError,
    );
    client.close();
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err!.code).toBe("SERVER_ERROR");
    expect(err!.message).toContain("404");
    // Asking did not create it.
    expect((await http("GET", "/v1/namespaces")).json.namespaces).not.toContainEqual({ name: ns });
  });

  it("drops open streams of a deleted namespace", async () => {
    const ns = await newNamespace();
    const open = await pipeline(ns, null, [execute("BEGIN IMMEDIATE"), execute("CREATE TABLE t (x)")]);
    expect(open.json.baton).toEqual(expect.any(String));
    expect((await http("DELETE", `/v1/namespaces/${ns}`)).status).toBe(200);
    const after = await pipeline(ns, open.json.baton, [execute("COMMIT")]);
    expect(after.status).toBe(400);
  });
});

describe("routing and endpoints", () => {
  it("serves health, version and the v2/v3 probes but not v3-protobuf", async () => {
    const ns = await newNamespace();
    expect((await http("GET", "/health")).status).toBe(200);
    const version = await http("GET", "/version");
    expect(version.status).toBe(200);
    expect(version.json.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect((await http("GET", `/${ns}/v2`)).status).toBe(200);
    expect((await http("GET", `/${ns}/v3`)).status).toBe(200);
    expect((await http("GET", "/v3")).status).toBe(200);
    // Answering this would switch a v3-probing client to protobuf, which we do not speak.
    expect((await http("GET", `/${ns}/v3-protobuf`)).status).toBe(404);
    expect((await http("GET", "/nothing/here/at/all")).status).toBe(404);
    expect((await http("GET", `/${ns}/v2/pipeline`)).status).toBe(405);
  });

  it("maps paths without a namespace to the `default` namespace", async () => {
    const marker = randomUUID();
    const w = await pipeline(null, null, [
      execute("CREATE TABLE IF NOT EXISTS marks (m TEXT)"),
      execute("INSERT INTO marks VALUES (?)", [text(marker)]),
      { type: "close" },
    ]);
    expect(w.status).toBe(200);
    const r = await pipeline("default", null, [execute("SELECT count(*) FROM marks WHERE m = ?", [text(marker)]), { type: "close" }], "v3");
    expect(r.json.results[0].response.result.rows).toEqual([[int(1)]]);
    expect((await http("GET", "/v1/namespaces")).json.namespaces).toContainEqual({ name: "default" });
  });

  it("encodes every value type and result field on the wire", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [
      execute("SELECT ? AS i, ? AS f, ? AS t, ? AS b, ? AS n, 9223372036854775807 AS max", [
        int(-9_007_199_254_740_993n),
        { type: "float", value: 0.5 },
        text("ü"),
        { type: "blob", base64: "AQID" },
        { type: "null" },
      ]),
      // Unpadded base64 input is accepted.
      execute("SELECT hex(?)", [{ type: "blob", base64: "AQIDBA" }]),
      { type: "close" },
    ]);
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/json");
    expect(res.json.baton).toBeNull();
    expect(res.json.base_url).toBeNull();
    const result = res.json.results[0].response.result;
    expect(result.cols).toEqual([
      { name: "i", decltype: null },
      { name: "f", decltype: null },
      { name: "t", decltype: null },
      { name: "b", decltype: null },
      { name: "n", decltype: null },
      { name: "max", decltype: null },
    ]);
    expect(result.rows).toEqual([
      [
        int(-9_007_199_254_740_993n),
        { type: "float", value: 0.5 },
        text("ü"),
        { type: "blob", base64: "AQID" },
        { type: "null" },
        int(9_223_372_036_854_775_807n),
      ],
    ]);
    expect(result.affected_row_count).toBe(0);
    expect(result.last_insert_rowid).toBeNull();
    expect(typeof result.query_duration_ms).toBe("number");
    expect(res.json.results[1].response.result.rows).toEqual([[text("01020304")]]);
  });
});

describe("streams and batons", () => {
  it("keeps a transaction open across requests via the baton and isolates it", async () => {
    const ns = await newNamespace();
    await pipeline(ns, null, [execute("CREATE TABLE t (x INTEGER)"), { type: "close" }]);

    const first = await pipeline(ns, null, [execute("BEGIN"), execute("INSERT INTO t VALUES (1)"), { type: "get_autocommit" }]);
    expect(first.status).toBe(200);
    const baton1 = first.json.baton;
    expect(baton1).toEqual(expect.any(String));
    expect(first.json.results[1].response.result.affected_row_count).toBe(1);
    expect(first.json.results[1].response.result.last_insert_rowid).toBe("1");
    expect(first.json.results[2].response).toEqual({ type: "get_autocommit", is_autocommit: false });

    const outside = await pipeline(ns, null, [execute("SELECT count(*) FROM t"), { type: "get_autocommit" }, { type: "close" }]);
    expect(outside.json.results[0].response.result.rows).toEqual([[int(0)]]);
    expect(outside.json.results[1].response.is_autocommit).toBe(true);

    const second = await pipeline(ns, baton1, [execute("SELECT count(*) FROM t")]);
    expect(second.json.results[0].response.result.rows).toEqual([[int(1)]]);
    const baton2 = second.json.baton;
    expect(baton2).toEqual(expect.any(String));
    expect(baton2).not.toBe(baton1);

    // Batons are single-use; unknown ones are refused.
    expect((await pipeline(ns, baton1, [execute("SELECT 1")])).status).toBe(400);
    const unknown = await pipeline(ns, "no-such-baton", [execute("SELECT 1")]);
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/baton/i);

    const done = await pipeline(ns, baton2, [execute("COMMIT"), { type: "get_autocommit" }, { type: "close" }]);
    expect(done.json.baton).toBeNull();
    expect(done.json.results[1].response.is_autocommit).toBe(true);
    const after = await pipeline(ns, null, [execute("SELECT count(*) FROM t"), { type: "close" }]);
    expect(after.json.results[0].response.result.rows).toEqual([[int(1)]]);
  });

  it("rolls back a transaction when its stream is closed without COMMIT", async () => {
    const ns = await newNamespace();
    await pipeline(ns, null, [execute("CREATE TABLE t (x)"), { type: "close" }]);
    const open = await pipeline(ns, null, [execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)")]);
    const closed = await pipeline(ns, open.json.baton, [{ type: "close" }]);
    expect(closed.json).toMatchObject({ baton: null, results: [{ type: "ok", response: { type: "close" } }] });
    // The write lock is free again and the row is gone.
    const next = await pipeline(ns, null, [execute("BEGIN IMMEDIATE"), execute("SELECT count(*) FROM t"), execute("COMMIT"), { type: "close" }]);
    expect(next.json.results[1].response.result.rows).toEqual([[int(0)]]);
  });

  it("keeps stored SQL per stream and resolves sql_id", async () => {
    const ns = await newNamespace();
    const first = await pipeline(ns, null, [
      { type: "store_sql", sql_id: 1, sql: "SELECT ? + 1" },
      { type: "execute", stmt: { sql_id: 1, args: [int(41)], want_rows: true } },
      { type: "batch", batch: { steps: [{ stmt: { sql_id: 1, args: [int(1)] } }] } },
    ]);
    expect(first.json.results.map((r: Json) => r.response.type)).toEqual(["store_sql", "execute", "batch"]);
    expect(first.json.results[1].response.result.rows).toEqual([[int(42)]]);
    expect(first.json.results[2].response.result.step_results[0].rows).toEqual([[int(2)]]);

    const second = await pipeline(ns, first.json.baton, [
      { type: "execute", stmt: { sql_id: 1, args: [int(9)] } },
      { type: "close_sql", sql_id: 1 },
    ]);
    expect(second.json.results[0].response.result.rows).toEqual([[int(10)]]);
    expect(second.json.results[1].response).toEqual({ type: "close_sql" });

    // A closed id is unknown again: protocol error, and the stream is dropped.
    const third = await pipeline(ns, second.json.baton, [{ type: "execute", stmt: { sql_id: 1 } }]);
    expect(third.status).toBe(400);
    // Another stream never saw id 1.
    const other = await pipeline(ns, null, [{ type: "execute", stmt: { sql_id: 1 } }]);
    expect(other.status).toBe(400);
  });

  it("lets a waiting writer take the lock from a timed-out transaction, like sqld", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "libsql-steal-"));
    const server = await startLibsqlServer({ dataDir, txnTimeoutMs: 200 });
    const call = (baton: string | null, requests: Json[]) => http("POST", "/s/v2/pipeline", { baton, requests }, server.url);
    try {
      await http("POST", "/v1/namespaces/s/create", {}, server.url);
      await call(null, [execute("CREATE TABLE t (v TEXT)"), { type: "close" }]);
      const holder = await call(null, [execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES ('abandoned')")]);
      expect(holder.json.results.map((r: Json) => r.type)).toEqual(["ok", "ok"]);

      const started = Date.now();
      const waiter = await call(null, [execute("INSERT INTO t VALUES ('waiter')"), { type: "close" }]);
      expect(waiter.json.results[0].type).toBe("ok");
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);

      // The holder learns once that its transaction is gone, then works in autocommit.
      const back = await call(holder.json.baton, [
        execute("INSERT INTO t VALUES ('late')"),
        { type: "get_autocommit" },
        execute("COMMIT"),
        execute("SELECT v FROM t ORDER BY rowid"),
        { type: "close" },
      ]);
      expect(back.json.results[0]).toMatchObject({ type: "error", error: { code: "TRANSACTION_TIMEOUT" } });
      expect(back.json.results[1].response.is_autocommit).toBe(true);
      expect(back.json.results[2].type).toBe("error"); // no transaction to commit
      expect(back.json.results[3].response.result.rows).toEqual([[text("waiter")]]);
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("expires idle streams and rolls back their transactions", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "libsql-expiry-"));
    const server = await startLibsqlServer({ dataDir, streamIdleMs: 150 });
    try {
      await http("POST", "/v1/namespaces/e/create", {}, server.url);
      await http("POST", "/e/v2/pipeline", { baton: null, requests: [execute("CREATE TABLE t (x)"), { type: "close" }] }, server.url);
      const open = await http("POST", "/e/v2/pipeline", { baton: null, requests: [execute("BEGIN IMMEDIATE"), execute("INSERT INTO t VALUES (1)")] }, server.url);
      expect(open.json.baton).toEqual(expect.any(String));
      await new Promise((r) => setTimeout(r, 400));
      const late = await http("POST", "/e/v2/pipeline", { baton: open.json.baton, requests: [execute("COMMIT")] }, server.url);
      expect(late.status).toBe(400);
      const check = await http(
        "POST",
        "/e/v2/pipeline",
        { baton: null, requests: [execute("BEGIN IMMEDIATE"), execute("SELECT count(*) FROM t"), execute("COMMIT"), { type: "close" }] },
        server.url,
      );
      expect(check.json.results.map((r: Json) => r.type)).toEqual(["ok", "ok", "ok", "ok"]);
      expect(check.json.results[1].response.result.rows).toEqual([[int(0)]]);
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("requests", () => {
  it("evaluates batch step conditions", async () => {
    const ns = await newNamespace();
    const steps = [
      { stmt: { sql: "CREATE TABLE t (x UNIQUE)" } }, // 0 ok
      { stmt: { sql: "INSERT INTO nope VALUES (1)" } }, // 1 error
      { condition: { type: "ok", step: 0 }, stmt: { sql: "INSERT INTO t VALUES (2)" } }, // 2 runs
      { condition: { type: "ok", step: 1 }, stmt: { sql: "INSERT INTO t VALUES (3)" } }, // 3 skipped
      { condition: { type: "error", step: 1 }, stmt: { sql: "INSERT INTO t VALUES (4)" } }, // 4 runs
      { condition: { type: "not", cond: { type: "ok", step: 1 } }, stmt: { sql: "INSERT INTO t VALUES (5)" } }, // 5 runs
      {
        condition: { type: "and", conds: [{ type: "ok", step: 0 }, { type: "error", step: 1 }] },
        stmt: { sql: "INSERT INTO t VALUES (6)" },
      }, // 6 runs
      {
        condition: { type: "or", conds: [{ type: "ok", step: 1 }, { type: "ok", step: 3 }] },
        stmt: { sql: "INSERT INTO t VALUES (7)" },
      }, // 7 skipped
      { condition: { type: "is_autocommit" }, stmt: { sql: "INSERT INTO t VALUES (8)" } }, // 8 runs
      { condition: { type: "error", step: 3 }, stmt: { sql: "INSERT INTO t VALUES (9)" } }, // 9 skipped: 3 did not fail, it did not run
      { condition: { type: "ok", step: 11 }, stmt: { sql: "INSERT INTO t VALUES (10)" } }, // 10 forward reference: error
      { stmt: { sql: "INSERT INTO t VALUES (2)" } }, // 11 constraint error
    ];
    const res = await pipeline(ns, null, [{ type: "batch", batch: { steps } }, execute("SELECT x FROM t ORDER BY x"), { type: "close" }]);
    expect(res.status).toBe(200);
    const { step_results, step_errors } = res.json.results[0].response.result;
    expect(step_results.map((r: Json) => r !== null)).toEqual([true, false, true, false, true, true, true, false, true, false, false, false]);
    expect(step_errors.map((e: Json) => e?.code ?? null)).toEqual([
      null,
      "SQLITE_ERROR",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "INVALID_BATCH_STEP",
      "SQLITE_CONSTRAINT",
    ]);
    expect(step_errors[1].message).toBe("SQLite error: no such table: nope");
    expect(res.json.results[1].response.result.rows).toEqual([[int(2)], [int(4)], [int(5)], [int(6)], [int(8)]]);
  });

  it("runs sequences and describes statements", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [
      { type: "sequence", sql: "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO p (name) VALUES ('a');" },
      { type: "describe", sql: "SELECT id, name AS n, ?2 + :x FROM p WHERE id = ? OR name = @y OR name = :x" },
      { type: "describe", sql: "INSERT INTO p (name) VALUES ($v)" },
      { type: "describe", sql: "EXPLAIN SELECT 1" },
      { type: "describe", sql: "SELEC nonsense" },
      { type: "close" },
    ]);
    expect(res.json.results[0].response).toEqual({ type: "sequence" });
    expect(res.json.results[1].response.result).toEqual({
      params: [{ name: null }, { name: "?2" }, { name: ":x" }, { name: null }, { name: "@y" }],
      cols: [
        { name: "id", decltype: "INTEGER" },
        { name: "n", decltype: "TEXT" },
        { name: "?2 + :x", decltype: null },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(res.json.results[2].response.result).toMatchObject({ params: [{ name: "$v" }], cols: [], is_readonly: false });
    expect(res.json.results[3].response.result).toMatchObject({ is_explain: true, is_readonly: true });
    expect(res.json.results[4]).toMatchObject({ type: "error", error: { code: "SQLITE_ERROR" } });
    expect(res.json.results[4].error.message).toContain("syntax error");
  });

  it("binds named arguments given with or without their prefix", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [
      {
        type: "execute",
        stmt: {
          sql: "SELECT :a, @b, $c, :a",
          named_args: [
            { name: "a", value: text("A") },
            { name: "@b", value: int(2) },
            { name: "$c", value: { type: "null" } },
          ],
        },
      },
      { type: "execute", stmt: { sql: "SELECT ?", args: [int(1)], named_args: [{ name: "a", value: int(1) }] } },
      { type: "close" },
    ]);
    expect(res.json.results[0].response.result.rows).toEqual([[text("A"), int(2), { type: "null" }, text("A")]]);
    expect(res.json.results[1]).toMatchObject({ type: "error", error: { code: "ARGS_BOTH_POSITIONAL_AND_NAMED" } });
  });

  it("names each parameter slot after its first parameter, as sqlite3_bind_parameter_name does", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [
      { type: "describe", sql: "SELECT :b, :a, ?1" },
      { type: "describe", sql: "SELECT ?1, :a, ?4, ?1" },
      {
        type: "execute",
        stmt: {
          sql: "SELECT :b, :a, ?1",
          named_args: [
            { name: "a", value: text("one") },
            { name: ":b", value: text("two") },
          ],
        },
      },
      { type: "close" },
    ]);
    // `?1` takes slot 1, which `:b` already named: the slot stays `:b`.
    expect(res.json.results[0].response.result.params).toEqual([{ name: ":b" }, { name: ":a" }]);
    // A slot nobody named yet takes the `?NNN` name; a skipped slot has none.
    expect(res.json.results[1].response.result.params).toEqual([{ name: "?1" }, { name: ":a" }, { name: null }, { name: "?4" }]);
    expect(res.json.results[2].response.result.rows).toEqual([[text("two"), text("one"), text("two")]]);
  });

  it("omits rows when want_rows is false but still executes", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [
      execute("CREATE TABLE t (x)"),
      { type: "execute", stmt: { sql: "INSERT INTO t VALUES (1), (2) RETURNING x", want_rows: false } },
      execute("SELECT count(*) FROM t"),
      { type: "close" },
    ]);
    expect(res.json.results[1].response.result).toMatchObject({ rows: [], affected_row_count: 2, last_insert_rowid: "2" });
    expect(res.json.results[2].response.result.rows).toEqual([[int(2)]]);
  });

  it("serves the v3 cursor endpoint as newline-delimited JSON", async () => {
    const ns = await newNamespace();
    const res = await fetch(`${baseUrl}/${ns}/v3/cursor`, {
      method: "POST",
      body: JSON.stringify({
        baton: null,
        batch: {
          steps: [
            { stmt: { sql: "SELECT 1 AS a UNION ALL SELECT 2" } },
            { stmt: { sql: "SELECT * FROM nope" } },
            { condition: { type: "ok", step: 1 }, stmt: { sql: "SELECT 3" } },
          ],
        },
      }),
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ baton: expect.any(String), base_url: null });
    expect(lines.slice(1)).toEqual([
      { type: "step_begin", step: 0, cols: [{ name: "a", decltype: null }] },
      { type: "row", row: [int(1)] },
      { type: "row", row: [int(2)] },
      { type: "step_end", affected_row_count: 0, last_insert_rowid: null },
      { type: "step_error", step: 1, error: { message: "SQLite error: no such table: nope", code: "SQLITE_ERROR" } },
    ]);
    const close = await pipeline(ns, lines[0].baton, [{ type: "close" }], "v3");
    expect(close.json.baton).toBeNull();
  });

  it("answers protocol errors with 400 and a message", async () => {
    const ns = await newNamespace();
    const cases: [string, unknown][] = [
      ["bad json", "{not json"],
      ["not an object", [1, 2]],
      ["no requests", { baton: null }],
      ["unknown request", { baton: null, requests: [{ type: "frobnicate" }] }],
      ["sql and sql_id", { baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1", sql_id: 1 } }] }],
      ["no sql", { baton: null, requests: [{ type: "execute", stmt: {} }] }],
      ["bad integer", { baton: null, requests: [execute("SELECT ?", [{ type: "integer", value: "12x" }])] }],
      ["integer overflow", { baton: null, requests: [execute("SELECT ?", [{ type: "integer", value: "9223372036854775808" }])] }],
      ["bad value type", { baton: null, requests: [execute("SELECT ?", [{ type: "decimal", value: "1" }])] }],
    ];
    for (const [label, body] of cases) {
      const res = await http("POST", `/${ns}/v2/pipeline`, body);
      expect(res.status, label).toBe(400);
      expect(res.type, label).toBe("application/json");
      expect(res.json.message, label).toEqual(expect.any(String));
    }
  });

  it("refuses request bodies over 10 MiB with 413", async () => {
    const ns = await newNamespace();
    const huge = JSON.stringify({ baton: null, requests: [execute("SELECT ?", [text("x".repeat(10 * 1024 * 1024 + 10))])] });
    const res = await fetch(`${baseUrl}/${ns}/v2/pipeline`, { method: "POST", body: huge });
    expect(res.status).toBe(413);
    // The server is still fine afterwards.
    const ok = await pipeline(ns, null, [execute("SELECT 1"), { type: "close" }]);
    expect(ok.json.results[0].response.result.rows).toEqual([[int(1)]]);
  });

  it("treats SQL after a statement-level error as independent requests", async () => {
    const ns = await newNamespace();
    const res = await pipeline(ns, null, [execute("SELECT * FROM nope"), execute("SELECT 7"), execute("SELECT 1; SELECT 2"), execute("")]);
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: Json) => r.type)).toEqual(["error", "ok", "error", "error"]);
    expect(res.json.results[2].error.code).toBe("SQL_MANY_STATEMENTS");
    expect(res.json.results[3].error.code).toBe("SQL_NO_STATEMENT");
    expect(res.json.results[1].response.result.rows).toEqual([[int(7)]]);
    await pipeline(ns, res.json.baton, [{ type: "close" }]);
  });
});
