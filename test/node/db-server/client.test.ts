// Conformance of the local libSQL server as seen through @libsql/client 0.18
// (both the Node entry and the web entry, which share the HTTP transport):
// values, results, errors, batches, interactive transactions, concurrency.

import { randomUUID } from "node:crypto";
import { createClient as createNodeClient, LibsqlError } from "@libsql/client";
import type { Client, Config } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { afterEach, describe, expect, inject, it } from "vitest";

const baseUrl = inject("libsqlUrl");

async function newNamespace(): Promise<string> {
  const ns = `c-${randomUUID().slice(0, 12)}`;
  const res = await fetch(`${baseUrl}/v1/namespaces/${ns}/create`, { method: "POST", body: "{}" });
  expect(res.status).toBe(200);
  return ns;
}

/** Rejection of `p`, asserting it does reject. */
async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  try {
    await p;
  } catch (e) {
    return e as LibsqlError;
  }
  throw new Error("expected the promise to reject");
}

const entries: [string, (c: Config) => Client][] = [
  ["@libsql/client", createNodeClient],
  ["@libsql/client/web", createWebClient],
];

describe.each(entries)("via %s", (_entry, createClient) => {
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  async function connect(extra: Partial<Config> = {}, ns?: string): Promise<{ ns: string; client: Client }> {
    const name = ns ?? (await newNamespace());
    const client = createClient({ url: `${baseUrl}/${name}/`, ...extra });
    clients.push(client);
    return { ns: name, client };
  }

  it("binds positional and named arguments (any prefix, or none)", async () => {
    const { client } = await connect();
    const pos = await client.execute({ sql: "SELECT ? AS a, ? AS b, ?3 AS c", args: ["x", "y", "z"] });
    expect(pos.rows[0]).toMatchObject({ a: "x", b: "y", c: "z" });

    const named = await client.execute({
      sql: "SELECT :a AS a, @b AS b, $c AS c, :a || '!' AS again",
      args: { a: "one", "@b": "two", $c: "three" },
    });
    expect(named.rows[0]).toMatchObject({ a: "one", b: "two", c: "three", again: "one!" });

    // An unnamed `?` next to named parameters stays NULL instead of failing.
    const mixed = await client.execute({ sql: "SELECT :a AS a, ? AS b", args: { a: 1 } });
    expect(mixed.rows[0]).toMatchObject({ a: 1, b: null });
  });

  it("round-trips 64-bit integers, floats, unicode text, blobs and null exactly", async () => {
    const { client } = await connect({ intMode: "bigint" });
    await client.execute("CREATE TABLE v (i INTEGER, f REAL, t TEXT, b BLOB, n TEXT)");
    const big = 2n ** 53n + 1n;
    // (No U+0000: the engine's JS binding reads TEXT through a C string, so it
    // would come back truncated — a documented limitation of the stand-in.)
    const text = "héllo wörld — 日本語 🚀 \t\n\"quoted\" \\ end";
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.execute({ sql: "INSERT INTO v VALUES (?, ?, ?, ?, ?)", args: [big, 3.25, text, bytes, null] });
    await client.execute({
      sql: "INSERT INTO v VALUES (?, ?, ?, ?, ?)",
      args: [-(2n ** 63n), -1e300, "", new Uint8Array([7, 8, 9]).buffer, null],
    });
    await client.execute({ sql: "INSERT INTO v (i) VALUES (?)", args: [2n ** 63n - 1n] });

    const rs = await client.execute(
      "SELECT i, f, t, b, n, typeof(i) ti, typeof(f) tf, typeof(b) tb, typeof(n) tn FROM v ORDER BY rowid",
    );
    expect(rs.rows).toHaveLength(3);
    const [r0, r1, r2] = rs.rows;
    expect(r0!.i).toBe(big);
    expect(r0!.f).toBe(3.25);
    expect(r0!.t).toBe(text);
    expect(new Uint8Array(r0!.b as ArrayBuffer)).toEqual(bytes);
    expect(r0!.n).toBeNull();
    expect([r0!.ti, r0!.tf, r0!.tb, r0!.tn]).toEqual(["integer", "real", "blob", "null"]);
    expect(r1!.i).toBe(-(2n ** 63n));
    expect(r1!.f).toBe(-1e300);
    expect(r1!.t).toBe("");
    expect(new Uint8Array(r1!.b as ArrayBuffer)).toEqual(new Uint8Array([7, 8, 9]));
    expect(r2!.i).toBe(2n ** 63n - 1n);

    // Expressions keep their storage class: REAL stays REAL even when integral.
    const expr = await client.execute({ sql: "SELECT 2.0 AS f, 7 AS i, ? AS p, typeof(?) AS tp", args: [1.5, 1.5] });
    expect(expr.rows[0]).toMatchObject({ f: 2, i: 7n, p: 1.5, tp: "real" });
  });

  it("returns numbers in the default intMode and refuses to lose precision", async () => {
    const { client } = await connect();
    const rs = await client.execute({ sql: "SELECT 42 AS small, ? AS d", args: [new Date(1_700_000_000_123)] });
    expect(rs.rows[0]).toMatchObject({ small: 42, d: 1_700_000_000_123 });
    const err = await rejection(client.execute("SELECT 9007199254740993 AS big"));
    expect(err).toBeInstanceOf(RangeError);
  });

  it("reports column names and declared types", async () => {
    const { client } = await connect();
    await client.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born DATE, score REAL, pic BLOB)");
    const rs = await client.execute("SELECT id, name AS who, born, score, pic, 1 + 1 AS two FROM people");
    expect(rs.columns).toEqual(["id", "who", "born", "score", "pic", "two"]);
    expect(rs.columnTypes).toEqual(["INTEGER", "TEXT", "DATE", "REAL", "BLOB", ""]);
    expect(rs.rows).toEqual([]);
  });

  it("reports rowsAffected and lastInsertRowid like libsql-server", async () => {
    const { client } = await connect({ intMode: "bigint" });
    const ddl = await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)");
    expect(ddl.rowsAffected).toBe(0);
    expect(ddl.lastInsertRowid).toBeUndefined();

    const ins = await client.execute({ sql: "INSERT INTO t (id, x) VALUES (?, 'a'), (?, 'b')", args: [10, 9_007_199_254_740_993n] });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.lastInsertRowid).toBe(9_007_199_254_740_993n);

    const ret = await client.execute("INSERT INTO t (x) VALUES ('c') RETURNING id, x");
    expect(ret.rowsAffected).toBe(1);
    expect(ret.lastInsertRowid).toBe(9_007_199_254_740_994n);
    expect(ret.rows[0]).toMatchObject({ id: 9_007_199_254_740_994n, x: "c" });

    const upd = await client.execute("UPDATE t SET x = upper(x) WHERE x IN ('a', 'b')");
    expect(upd.rowsAffected).toBe(2);
    expect(upd.lastInsertRowid).toBeUndefined();

    const sel = await client.execute("SELECT * FROM t");
    expect(sel.rowsAffected).toBe(0);
    expect(sel.lastInsertRowid).toBeUndefined();
    expect(sel.rows).toHaveLength(3);

    const del = await client.execute("DELETE FROM t WHERE x <> 'c' RETURNING id");
    expect(del.rowsAffected).toBe(2);
    expect(del.rows).toHaveLength(2);
    expect(del.lastInsertRowid).toBeUndefined();

    const cte = await client.execute("WITH n(v) AS (VALUES ('w1'), ('w2')) INSERT INTO t (x) SELECT v FROM n");
    expect(cte.rowsAffected).toBe(2);
  });

  it("commits a batch atomically and returns every result", async () => {
    const { client } = await connect();
    const results = await client.batch(
      [
        "CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT)",
        { sql: "INSERT INTO b (v) VALUES (?)", args: ["one"] },
        { sql: "INSERT INTO b (v) VALUES (:v)", args: { v: "two" } },
        "SELECT v FROM b ORDER BY id",
      ],
      "write",
    );
    expect(results).toHaveLength(4);
    expect(results[1]!.rowsAffected).toBe(1);
    expect(results[2]!.lastInsertRowid).toBe(2n);
    expect(results[3]!.rows.map((r) => r.v)).toEqual(["one", "two"]);
  });

  it("rolls back the whole batch when one statement fails and reports the error", async () => {
    const { client } = await connect();
    await client.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT UNIQUE)");
    await client.execute("INSERT INTO u (email) VALUES ('taken@x')");
    const err = await rejection(
      client.batch(
        [
          "INSERT INTO u (email) VALUES ('new1@x')",
          "INSERT INTO u (email) VALUES ('taken@x')",
          "INSERT INTO u (email) VALUES ('new2@x')",
        ],
        "write",
      ),
    );
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(err.message).toContain("UNIQUE constraint failed: u.email");
    expect((err as LibsqlError & { statementIndex?: number }).statementIndex).toBe(1);
    const rs = await client.execute("SELECT email FROM u ORDER BY id");
    expect(rs.rows.map((r) => r.email)).toEqual(["taken@x"]);
  });

  it("surfaces a UNIQUE violation as LibsqlError SQLITE_CONSTRAINT, not a transport error", async () => {
    const { client } = await connect();
    await client.execute("CREATE TABLE items (sku TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    await client.execute("INSERT INTO items VALUES ('A-1', 1)");
    const err = await rejection(client.execute("INSERT INTO items VALUES ('A-1', 2)"));
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err.name).toBe("LibsqlError");
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(err.code).not.toBe("SERVER_ERROR");
    expect(err.message).toContain("UNIQUE constraint failed: items.sku");
    // The client 0.18 HTTP transport does not carry extended/raw codes.
    expect(err.rawCode).toBeUndefined();

    const notNull = await rejection(client.execute("INSERT INTO items VALUES ('B-1', NULL)"));
    expect(notNull.code).toBe("SQLITE_CONSTRAINT");
    expect(notNull.message).toContain("NOT NULL constraint failed: items.n");

    // The engine's primary code, as embedded libSQL reports it (embedded-parity.test.ts).
    const noTable = await rejection(client.execute("SELECT * FROM nope"));
    expect(noTable).toBeInstanceOf(LibsqlError);
    expect(noTable.code).toBe("SQLITE_ERROR");
    expect(noTable.message).toContain("no such table: nope");

    // The client stays usable after errors.
    const rs = await client.execute("SELECT count(*) AS n FROM items");
    expect(rs.rows[0]!.n).toBe(1);
  });

  it("rejects SQL with several statements or none in execute", async () => {
    const { client } = await connect();
    const many = await rejection(client.execute("SELECT 1; SELECT 2"));
    expect(many.code).toBe("SQL_MANY_STATEMENTS");
    const none = await rejection(client.execute("  -- only a comment\n"));
    expect(none.code).toBe("SQL_NO_STATEMENT");
    const trailing = await client.execute("SELECT 'a;b' AS v; -- fine\n");
    expect(trailing.rows[0]!.v).toBe("a;b");
  });

  it("commits and rolls back interactive write transactions", async () => {
    const { client } = await connect();
    await client.execute("CREATE TABLE acct (id TEXT PRIMARY KEY, bal INTEGER NOT NULL)");
    await client.execute("INSERT INTO acct VALUES ('a', 100), ('b', 0)");

    const tx = await client.transaction("write");
    await tx.execute("UPDATE acct SET bal = bal - 30 WHERE id = 'a'");
    const inside = await tx.execute("SELECT bal FROM acct WHERE id = 'a'");
    expect(inside.rows[0]!.bal).toBe(70);
    await tx.execute("UPDATE acct SET bal = bal + 30 WHERE id = 'b'");
    await tx.commit();
    expect(tx.closed).toBe(true);

    const tx2 = await client.transaction("write");
    await tx2.execute("UPDATE acct SET bal = 0");
    await tx2.batch(["INSERT INTO acct VALUES ('c', 5)", "DELETE FROM acct WHERE id = 'b'"]);
    await tx2.rollback();

    const rs = await client.execute("SELECT id, bal FROM acct ORDER BY id");
    expect(rs.rows.map((r) => [r.id, r.bal])).toEqual([
      ["a", 70],
      ["b", 30],
    ]);

    // Closing a transaction without commit also rolls it back server-side.
    const tx3 = await client.transaction("write");
    await tx3.execute("DELETE FROM acct");
    tx3.close();
    await expect.poll(async () => (await client.execute("SELECT count(*) AS n FROM acct")).rows[0]!.n).toBe(2);
  });

  it("isolates an uncommitted transaction from other clients until commit", async () => {
    const { ns, client } = await connect();
    const { client: other } = await connect({}, ns);
    await client.execute("CREATE TABLE iso (v TEXT)");

    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO iso VALUES ('pending')");
    expect((await tx.execute("SELECT count(*) AS n FROM iso")).rows[0]!.n).toBe(1);
    expect((await other.execute("SELECT count(*) AS n FROM iso")).rows[0]!.n).toBe(0);

    // A read transaction on the other client keeps its snapshot across the commit.
    const reader = await other.transaction("read");
    expect((await reader.execute("SELECT count(*) AS n FROM iso")).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await reader.execute("SELECT count(*) AS n FROM iso")).rows[0]!.n).toBe(0);
    await reader.rollback();

    expect((await other.execute("SELECT v FROM iso")).rows.map((r) => r.v)).toEqual(["pending"]);
  });

  it("makes a competing writer wait for an open transaction instead of failing", async () => {
    const { ns, client } = await connect();
    const { client: other } = await connect({}, ns);
    await client.execute("CREATE TABLE w (v TEXT)");

    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO w VALUES ('first')");
    let blockedSettled = false;
    const blocked = other.execute("INSERT INTO w VALUES ('second')");
    void blocked.then(
      () => (blockedSettled = true),
      () => (blockedSettled = true),
    );
    // While the writer waits, the server keeps serving readers: the read is
    // answered while the write is still queued (not after it, as it would be
    // if reads were serialized behind writers or SQLite's busy handler froze
    // the event loop until the write gave up).
    const read = await other.execute("SELECT count(*) AS n FROM w");
    expect(read.rows[0]!.n).toBe(0);
    expect(blockedSettled).toBe(false);
    // Give the write time to reach the server's queue; it must still be waiting.
    await new Promise((r) => setTimeout(r, 150));
    expect(blockedSettled).toBe(false);
    // The holder's commit succeeds (it was not rolled back by the transaction
    // timeout path, which would fail it with TRANSACTION_TIMEOUT) and only then
    // does the waiting write land.
    await tx.commit();
    const res = await blocked;
    expect(res.rowsAffected).toBe(1);
    const rs = await client.execute("SELECT v FROM w ORDER BY rowid");
    expect(rs.rows.map((r) => r.v)).toEqual(["first", "second"]);
  });

  it("runs scripts with executeMultiple, including triggers and quoted semicolons", async () => {
    const { client } = await connect();
    await client.executeMultiple(`
      -- schema; with a comment containing ; semicolons
      CREATE TABLE log (msg TEXT);
      CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TRIGGER item_ins AFTER INSERT ON item BEGIN
        INSERT INTO log VALUES ('added;' || new.name);
        INSERT INTO log VALUES ('second stmt');
      END;
      /* block ; comment */
      INSERT INTO item (name) VALUES ('semi;colon');
      INSERT INTO item (name) VALUES ('it''s;here');
    `);
    const rs = await client.execute("SELECT msg FROM log ORDER BY rowid");
    expect(rs.rows.map((r) => r.msg)).toEqual(["added;semi;colon", "second stmt", "added;it's;here", "second stmt"]);

    // A failing statement stops the script; earlier statements stay applied.
    const err = await rejection(client.executeMultiple("INSERT INTO log VALUES ('kept'); INSERT INTO missing VALUES (1); INSERT INTO log VALUES ('never')"));
    expect(err.message).toContain("no such table: missing");
    const after = await client.execute("SELECT count(*) AS n FROM log WHERE msg IN ('kept', 'never')");
    expect(after.rows[0]!.n).toBe(1);
  });

  it("applies a migrate() DDL batch atomically", async () => {
    const { client } = await connect();
    await client.migrate([
      "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))",
      "CREATE INDEX child_parent ON child (parent_id)",
      "INSERT INTO parent VALUES (1)",
    ]);
    const tables = await client.execute("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name");
    expect(tables.rows.map((r) => r.name)).toEqual(["child", "child_parent", "parent"]);

    const err = await rejection(client.migrate(["CREATE TABLE extra (x)", "CREATE TABLE parent (id INTEGER)"]));
    expect(err.message).toContain("table parent already exists");
    const extra = await client.execute("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'");
    expect(extra.rows[0]!.n).toBe(0);
  });

  it("accepts a JS number for LIMIT/OFFSET (sent as a float)", async () => {
    const { client } = await connect();
    await client.execute("CREATE TABLE seq (n INTEGER)");
    await client.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) INSERT INTO seq SELECT x FROM c");
    const rs = await client.execute({ sql: "SELECT n FROM seq ORDER BY n LIMIT ? OFFSET ?", args: [5, 10] });
    expect(rs.rows.map((r) => r.n)).toEqual([11, 12, 13, 14, 15]);
  });

  it("lands every write from many concurrent clients", async () => {
    const { ns, client } = await connect();
    await client.execute("CREATE TABLE hits (client INTEGER, n INTEGER, UNIQUE (client, n))");
    const writers = await Promise.all(Array.from({ length: 5 }, () => connect({}, ns)));
    await Promise.all(
      writers.flatMap(({ client: c }, ci) =>
        Array.from({ length: 20 }, (_, n) => c.execute({ sql: "INSERT INTO hits VALUES (?, ?)", args: [ci, n] })),
      ),
    );
    // Batches and transactions racing as well.
    await Promise.all(
      writers.map(async ({ client: c }, ci) => {
        await c.batch([{ sql: "INSERT INTO hits VALUES (?, 100)", args: [ci] }], "write");
        const tx = await c.transaction("write");
        await tx.execute({ sql: "INSERT INTO hits VALUES (?, 200)", args: [ci] });
        await tx.commit();
      }),
    );
    const rs = await client.execute("SELECT count(*) AS n, count(DISTINCT client) AS c FROM hits");
    expect(rs.rows[0]).toMatchObject({ n: 110, c: 5 });
  });
});
