// Fidelity of the local libSQL server against embedded libSQL (the `libsql`
// engine behind @libsql/client's `file:` transport): the same schema and the
// same statement on both, and what the client sees must agree — error codes
// and message shapes for engine errors (syntax, unknown table and column, each
// constraint kind, a busy database) and the values bound to mixed named and
// numbered parameters. The expected side is always the embedded engine, never
// a string we wrote down; the only literals name the extended code a case is
// meant to provoke, so a fixture that stops exercising its constraint fails.

import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlBatchError, LibsqlError } from "@libsql/client";
import type { Client, InArgs } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startLibsqlServer } from "../../../db/server/hrana-server.ts";

const baseUrl = inject("libsqlUrl");

let embeddedDir = "";
beforeAll(async () => {
  embeddedDir = await mkdtemp(join(tmpdir(), "libsql-embedded-"));
});
afterAll(async () => {
  await rm(embeddedDir, { recursive: true, force: true });
});

const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

function track(client: Client): Client {
  clients.push(client);
  return client;
}

/** A fresh namespace on our server and a fresh embedded database, both with `schema`. */
async function pair(schema = ""): Promise<{ ours: Client; embedded: Client }> {
  const ns = `e-${randomUUID().slice(0, 12)}`;
  const res = await fetch(`${baseUrl}/v1/namespaces/${ns}/create`, { method: "POST", body: "{}" });
  expect(res.status).toBe(200);
  const ours = track(createClient({ url: `${baseUrl}/${ns}/` }));
  const embedded = track(createClient({ url: `file:${join(embeddedDir, `${ns}.db`)}` }));
  if (schema !== "") {
    await ours.executeMultiple(schema);
    await embedded.executeMultiple(schema);
  }
  return { ours, embedded };
}

/** Rejection of `p`, asserting it does reject with a LibsqlError. */
async function failure(p: Promise<unknown>): Promise<LibsqlError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LibsqlError);
    return e as LibsqlError;
  }
  throw new Error("expected the promise to reject");
}

/**
 * Our error must be the embedded engine's as far as Hrana can carry it: the
 * same primary code; the extended code (which only the embedded engine has,
 * the wire has no field for it) of that code's family; and the engine's own
 * message behind sqld's "SQLite error: " prefix.
 */
function expectSameError(ours: LibsqlError, embedded: LibsqlError): void {
  expect(ours.code).toBe(embedded.code);
  expect(embedded.extendedCode === embedded.code || embedded.extendedCode?.startsWith(`${embedded.code}_`)).toBe(true);
  const engineMessage = (embedded.cause as Error).message;
  expect((ours.cause as Error).message).toBe(`SQLite error: ${engineMessage}`);
  // (Not the whole of `message`: over HTTP the client prefixes the code once
  // more when it rewraps a batch step's error, whatever the server.)
  expect(ours.message.startsWith(`${embedded.code}: `)).toBe(true);
  expect(ours.message.endsWith(`SQLite error: ${engineMessage}`)).toBe(true);
}

const SCHEMA = `
  CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    sku TEXT UNIQUE,
    qty INTEGER NOT NULL CHECK (qty >= 0),
    org_id INTEGER REFERENCES org (id)
  );
  INSERT INTO org VALUES (1, 'acme');
  INSERT INTO item VALUES (1, 'A-1', 1, 1);
`;

describe("engine errors reach the client as embedded libSQL reports them", () => {
  const statements: [label: string, sql: string, kind: string][] = [
    ["a syntax error", "SELEC 1", "SQLITE_ERROR"],
    ["an unknown table", "SELECT * FROM nope", "SQLITE_ERROR"],
    ["an unknown column", "SELECT missing FROM item", "SQLITE_ERROR"],
    ["an unknown column in a write", "UPDATE item SET missing = 1", "SQLITE_ERROR"],
    ["a UNIQUE violation", "INSERT INTO item (sku, qty) VALUES ('A-1', 2)", "SQLITE_CONSTRAINT_UNIQUE"],
    ["a PRIMARY KEY violation", "INSERT INTO item (id, sku, qty) VALUES (1, 'B-1', 2)", "SQLITE_CONSTRAINT_PRIMARYKEY"],
    ["a NOT NULL violation", "INSERT INTO item (sku, qty) VALUES ('C-1', NULL)", "SQLITE_CONSTRAINT_NOTNULL"],
    ["a CHECK violation", "UPDATE item SET qty = -1 WHERE id = 1", "SQLITE_CONSTRAINT_CHECK"],
  ];

  it.each(statements)("%s (execute)", async (_label, sql, kind) => {
    const { ours, embedded } = await pair(SCHEMA);
    const theirs = await failure(embedded.execute(sql));
    expect(theirs.extendedCode).toBe(kind);
    expectSameError(await failure(ours.execute(sql)), theirs);
  });

  it.each(statements)("%s (inside a write batch, with the failing step's index)", async (_label, sql, kind) => {
    const { ours, embedded } = await pair(SCHEMA);
    const steps = ["INSERT INTO org (name) VALUES ('before')", sql, "INSERT INTO org (name) VALUES ('after')"];
    const theirs = await failure(embedded.batch(steps, "write"));
    expect(theirs.extendedCode).toBe(kind);
    const mine = await failure(ours.batch(steps, "write"));
    expectSameError(mine, theirs);
    expect(mine).toBeInstanceOf(LibsqlBatchError);
    expect((mine as LibsqlBatchError).statementIndex).toBe((theirs as LibsqlBatchError).statementIndex);
    // Both rolled the whole batch back.
    const count = "SELECT count(*) AS n FROM org";
    expect((await ours.execute(count)).rows[0]!.n).toBe((await embedded.execute(count)).rows[0]!.n);
  });

  it("a FOREIGN KEY violation with foreign_keys on", async () => {
    const { ours, embedded } = await pair(SCHEMA);
    // foreign_keys is per connection, and every execute gets its own stream
    // (connection) on the server: set it in the same script as the write.
    const script = "PRAGMA foreign_keys = ON; INSERT INTO item (sku, qty, org_id) VALUES ('D-1', 1, 99)";
    const theirs = await failure(embedded.executeMultiple(script));
    expect(theirs.extendedCode).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
    expectSameError(await failure(ours.executeMultiple(script)), theirs);

    // Deleting a referenced parent is refused the same way.
    const parent = "PRAGMA foreign_keys = ON; DELETE FROM org WHERE id = 1";
    const theirsParent = await failure(embedded.executeMultiple(parent));
    expect(theirsParent.extendedCode).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
    expectSameError(await failure(ours.executeMultiple(parent)), theirsParent);
  });

  it("a table that already exists (migrate-style DDL)", async () => {
    const { ours, embedded } = await pair(SCHEMA);
    const ddl = "CREATE TABLE org (id INTEGER PRIMARY KEY)";
    const theirs = await failure(embedded.execute(ddl));
    expect(theirs.extendedCode).toBe("SQLITE_ERROR");
    expectSameError(await failure(ours.execute(ddl)), theirs);
  });
});

describe("a busy database", () => {
  let dataDir = "";
  let server: Awaited<ReturnType<typeof startLibsqlServer>> | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "libsql-busy-"));
    // A short busy_timeout, so the wait for the other process's lock ends quickly.
    server = await startLibsqlServer({ dataDir, busyTimeoutMs: 50 });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a second writer while another connection's transaction holds the write lock fails as in embedded libSQL", async () => {
    const res = await fetch(`${server!.url}/v1/namespaces/busy/create`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    const ours = track(createClient({ url: `${server!.url}/busy/` }));
    await ours.execute("CREATE TABLE t (v TEXT)");

    // Another process (a migration tool, a shell) writing to the namespace's
    // file: the lock it holds is outside the server's own writer queue.
    const file = `file:${join(dataDir, "busy.db")}`;
    const holder = track(createClient({ url: file }));
    const tx = await holder.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('held')");

    const write = "INSERT INTO t VALUES ('second')";
    const embedded = track(createClient({ url: file }));
    const theirs = await failure(embedded.execute(write));
    expect(theirs.extendedCode).toBe("SQLITE_BUSY");
    expectSameError(await failure(ours.execute(write)), theirs);

    // A write transaction (BEGIN IMMEDIATE) is refused the same way. Over
    // HTTP the client sends BEGIN with the transaction's first statement.
    const theirsTx = await failure(embedded.transaction("write").then((t) => t.execute(write)));
    const ourTx = await ours.transaction("write");
    expectSameError(await failure(ourTx.execute(write)), theirsTx);
    ourTx.close();

    // Once the lock is released the server writes again: the handle whose
    // statement failed with BUSY was discarded, not reused half-run.
    await tx.rollback();
    expect((await ours.execute(write)).rowsAffected).toBe(1);
    const rs = await ours.execute("SELECT v FROM t");
    expect(rs.rows.map((r) => r.v)).toEqual(["second"]);
  });

  it("a transaction held through the server is a real write lock: an outside writer is busy, as behind an embedded one", async () => {
    const res = await fetch(`${server!.url}/v1/namespaces/held/create`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    const ours = track(createClient({ url: `${server!.url}/held/` }));
    await ours.execute("CREATE TABLE t (v TEXT)");
    const file = `file:${join(dataDir, "held.db")}`;
    const write = "INSERT INTO t VALUES ('outside')";

    // Reference: the lock held by an embedded transaction.
    const embeddedHolder = track(createClient({ url: file }));
    const embeddedTx = await embeddedHolder.transaction("write");
    await embeddedTx.execute("INSERT INTO t VALUES ('embedded')");
    const outside = track(createClient({ url: file }));
    const behindEmbedded = await failure(outside.execute(write));
    await embeddedTx.rollback();

    // The same lock held by a transaction on our server.
    const tx = await ours.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('server')");
    const behindServer = await failure(outside.execute(write));
    await tx.commit();

    expect(behindServer.code).toBe(behindEmbedded.code);
    expect(behindServer.extendedCode).toBe(behindEmbedded.extendedCode);
    expect(behindServer.message).toBe(behindEmbedded.message);
    expect((await ours.execute("SELECT v FROM t")).rows.map((r) => r.v)).toEqual(["server"]);
  });
});

describe("named and numbered parameters bind as in embedded libSQL", () => {
  // Only statements where every slot has a name: embedded libsql's object
  // binding aborts the process on a nameless slot (`SELECT :a, ?`).
  const cases: [sql: string, args: InArgs][] = [
    ["SELECT :b, :a, ?1", { a: "one", ":b": "two" }],
    ["SELECT ?1, :a", { a: "A", "1": "one" }],
    ["SELECT :a, ?1, :b, ?2", { a: "A", b: "B" }],
    ["SELECT :a, ?2, :b", { a: "A", b: "B", "2": "two" }],
    ["SELECT :a, ?2, :b", { a: "A", b: "B" }],
    ["SELECT @x, $y, ?2, ?1, @x", { x: "X", $y: "Y" }],
  ];

  it.each(cases)("%s with %o", async (sql, args) => {
    const { ours, embedded } = await pair();
    const theirs = await embedded.execute({ sql, args });
    const mine = await ours.execute({ sql, args });
    expect(Array.from(mine.rows[0]!)).toEqual(Array.from(theirs.rows[0]!));
  });

  it("keeps the first name a slot gets: `SELECT :b, :a, ?1` gives two, one, two", async () => {
    const { ours, embedded } = await pair();
    const stmt = { sql: "SELECT :b, :a, ?1", args: { a: "one", ":b": "two" } };
    const mine = Array.from((await ours.execute(stmt)).rows[0]!);
    expect(mine).toEqual(Array.from((await embedded.execute(stmt)).rows[0]!));
    expect(mine).toEqual(["two", "one", "two"]);
  });
});
