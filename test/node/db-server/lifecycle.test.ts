// Server lifecycle conformance, each test on its own server instance:
// bearer-token auth, persistence across restarts on the same data dir, and
// shutdown rolling back open transactions without leaving the files locked.

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlError } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import type { LibsqlServer } from "../../../db/server/hrana-server.ts";
import { startLibsqlServer } from "../../../db/server/hrana-server.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "libsql-life-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string, authToken?: string): Promise<LibsqlServer> {
  const server = await startLibsqlServer({ port: 0, dataDir, authToken });
  cleanups.push(() => server.close());
  return server;
}

describe("auth token", () => {
  it("requires the bearer token on every endpoint except /health", async () => {
    const server = await start(await tempDir(), "s3cret-token");
    const call = (method: string, path: string, token?: string) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        body: method === "POST" ? JSON.stringify({ baton: null, requests: [] }) : undefined,
      }).then((r) => r.status);

    expect(await call("POST", "/v1/namespaces/a/create")).toBe(401);
    expect(await call("POST", "/v1/namespaces/a/create", "wrong")).toBe(401);
    expect(await call("POST", "/v1/namespaces/a/create", "s3cret-token")).toBe(200);
    expect(await call("GET", "/v1/namespaces")).toBe(401);
    expect(await call("DELETE", "/v1/namespaces/a")).toBe(401);
    expect(await call("POST", "/a/v2/pipeline")).toBe(401);
    expect(await call("POST", "/a/v2/pipeline", "s3cret-tokenX")).toBe(401);
    expect(await call("GET", "/a/v2")).toBe(401);
    expect(await call("GET", "/version")).toBe(401);
    expect(await call("GET", "/health")).toBe(200);
    expect(await call("POST", "/a/v2/pipeline", "s3cret-token")).toBe(200);

    const good = createClient({ url: `${server.url}/a/`, authToken: "s3cret-token" });
    const rs = await good.execute("SELECT 'in' AS v");
    expect(rs.rows[0]!.v).toBe("in");
    good.close();

    const bad = createClient({ url: `${server.url}/a/`, authToken: "nope" });
    const err = await bad.execute("SELECT 1").then(
      () => null,
      (e: unknown) => e as LibsqlError,
    );
    bad.close();
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err!.code).toBe("SERVER_ERROR");
    expect(err!.message).toContain("401");
  });
});

describe("persistence", () => {
  it("keeps namespaces and data across a restart on the same data dir", async () => {
    const dataDir = await tempDir();
    const first = await startLibsqlServer({ dataDir });
    expect((await fetch(`${first.url}/v1/namespaces/keep/create`, { method: "POST" })).status).toBe(200);
    const c1 = createClient({ url: `${first.url}/keep/`, intMode: "bigint" });
    await c1.batch(
      [
        "CREATE TABLE k (id INTEGER PRIMARY KEY, big INTEGER, label TEXT)",
        { sql: "INSERT INTO k (big, label) VALUES (?, ?)", args: [2n ** 62n + 7n, "persisted ✓"] },
      ],
      "write",
    );
    const d1 = createClient({ url: `${first.url}/` });
    await d1.execute("CREATE TABLE IF NOT EXISTS dflt (v TEXT)");
    await d1.execute("INSERT INTO dflt VALUES ('default too')");
    c1.close();
    d1.close();
    await first.close();

    // One file per namespace; WAL contents were checkpointed on close.
    const files = await readdir(dataDir);
    expect(files).toContain("keep.db");
    expect(files).toContain("default.db");

    const second = await start(dataDir);
    const listed = (await (await fetch(`${second.url}/v1/namespaces`)).json()) as { namespaces: { name: string }[] };
    expect(listed.namespaces.map((n) => n.name).sort()).toEqual(["default", "keep"]);
    const c2 = createClient({ url: `${second.url}/keep/`, intMode: "bigint" });
    const rs = await c2.execute("SELECT big, label FROM k");
    expect(rs.rows.map((r) => [r.big, r.label])).toEqual([[2n ** 62n + 7n, "persisted ✓"]]);
    const d2 = createClient({ url: second.url }); // no namespace in the path: `default`
    expect((await d2.execute("SELECT v FROM dflt")).rows[0]!.v).toBe("default too");
    c2.close();
    d2.close();
  });

  it("rolls back open transactions on close and leaves the database writable", async () => {
    const dataDir = await tempDir();
    const first = await startLibsqlServer({ dataDir });
    await fetch(`${first.url}/v1/namespaces/tx/create`, { method: "POST" });
    const c1 = createClient({ url: `${first.url}/tx/` });
    await c1.execute("CREATE TABLE t (v TEXT)");
    await c1.execute("INSERT INTO t VALUES ('committed')");
    const tx = await c1.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('uncommitted')");
    await first.close();
    c1.close();

    const second = await start(dataDir);
    const c2 = createClient({ url: `${second.url}/tx/` });
    await c2.execute("INSERT INTO t VALUES ('after restart')");
    const rs = await c2.execute("SELECT v FROM t ORDER BY rowid");
    expect(rs.rows.map((r) => r.v)).toEqual(["committed", "after restart"]);
    c2.close();
  });

  it("listens on the requested port and refuses a port in use", async () => {
    const dataDir = await tempDir();
    const a = await start(dataDir);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    await expect(startLibsqlServer({ dataDir, port: a.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
