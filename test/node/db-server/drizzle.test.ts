// Conformance of the local libSQL server through drizzle-orm/libsql, the way
// the app uses it: typed inserts with RETURNING, filtered selects, updates,
// db.batch, and db.transaction with commit and rollback.

import { randomUUID } from "node:crypto";
import { createClient as createNodeClient, LibsqlError } from "@libsql/client";
import type { Client, Config } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, inject, it } from "vitest";

const baseUrl = inject("libsqlUrl");

const notes = sqliteTable("notes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull().unique(),
  body: text("body"),
  score: real("score").notNull().default(0),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

const CREATE_NOTES = `CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL UNIQUE,
  body TEXT,
  score REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
)`;

/** The LibsqlError somewhere in an error's cause chain (drizzle may wrap it). */
function libsqlErrorIn(e: unknown): LibsqlError | undefined {
  for (let cur = e; cur instanceof Error; cur = cur.cause) if (cur instanceof LibsqlError) return cur;
  return undefined;
}

const entries: [string, (c: Config) => Client][] = [
  ["@libsql/client", createNodeClient],
  ["@libsql/client/web", createWebClient],
];

describe.each(entries)("drizzle via %s", (_entry, createClient) => {
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  async function setup() {
    const ns = `d-${randomUUID().slice(0, 12)}`;
    const res = await fetch(`${baseUrl}/v1/namespaces/${ns}/create`, { method: "POST" });
    expect(res.status).toBe(200);
    const client = createClient({ url: `${baseUrl}/${ns}/` });
    clients.push(client);
    await client.execute(CREATE_NOTES);
    return { client, db: drizzle(client) };
  }

  it("inserts with returning, selects with where, updates and deletes", async () => {
    const { db } = await setup();
    const createdAt = new Date(1_700_000_000_000);
    const inserted = await db
      .insert(notes)
      .values([
        { title: "alpha", body: "first", score: 1.5, createdAt, active: false },
        { title: "beta", score: 7, createdAt },
        { title: "gamma", body: "ünïcödé ✓", score: 3.25, createdAt },
      ])
      .returning();
    expect(inserted.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(inserted[0]).toEqual({ id: 1, title: "alpha", body: "first", score: 1.5, createdAt, active: false });
    expect(inserted[1]!.body).toBeNull();

    const hits = await db
      .select({ title: notes.title, score: notes.score })
      .from(notes)
      .where(and(gt(notes.score, 1.5), sql`${notes.body} IS NOT NULL`))
      .orderBy(asc(notes.id));
    expect(hits).toEqual([{ title: "gamma", score: 3.25 }]);

    const one = await db.select().from(notes).where(eq(notes.title, "alpha")).get();
    expect(one?.active).toBe(false);
    expect(one?.createdAt.getTime()).toBe(createdAt.getTime());

    const upd = await db.update(notes).set({ score: sql`${notes.score} * 2` }).where(gt(notes.score, 2));
    expect(upd.rowsAffected).toBe(2);
    const updated = await db.update(notes).set({ body: "edited" }).where(eq(notes.id, 2)).returning({ id: notes.id, body: notes.body });
    expect(updated).toEqual([{ id: 2, body: "edited" }]);

    const limited = await db.select({ id: notes.id }).from(notes).orderBy(asc(notes.id)).limit(2).offset(1);
    expect(limited).toEqual([{ id: 2 }, { id: 3 }]);

    const del = await db.delete(notes).where(eq(notes.title, "beta"));
    expect(del.rowsAffected).toBe(1);
    const rest = await db.select({ t: notes.title, s: notes.score }).from(notes).orderBy(asc(notes.id));
    expect(rest).toEqual([
      { t: "alpha", s: 1.5 },
      { t: "gamma", s: 6.5 },
    ]);
  });

  it("runs db.batch atomically", async () => {
    const { db } = await setup();
    const createdAt = new Date();
    const [ins, upd, sel] = await db.batch([
      db.insert(notes).values({ title: "a", createdAt }).returning({ id: notes.id }),
      db.update(notes).set({ score: 5 }).where(eq(notes.title, "a")),
      db.select({ title: notes.title, score: notes.score }).from(notes),
    ]);
    expect(ins).toEqual([{ id: 1 }]);
    expect(upd.rowsAffected).toBe(1);
    expect(sel).toEqual([{ title: "a", score: 5 }]);

    const failed = await db
      .batch([db.insert(notes).values({ title: "b", createdAt }), db.insert(notes).values({ title: "a", createdAt })])
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failed).not.toBeNull();
    expect(libsqlErrorIn(failed)?.code).toBe("SQLITE_CONSTRAINT");
    expect(await db.select({ title: notes.title }).from(notes)).toEqual([{ title: "a" }]);
  });

  it("commits db.transaction and rolls back when the callback throws", async () => {
    const { db } = await setup();
    const createdAt = new Date();
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(notes).values({ title: "kept", createdAt }).returning({ id: notes.id });
      await tx.update(notes).set({ score: 9 }).where(eq(notes.id, row!.id));
      return row!.id;
    });
    expect(id).toBe(1);

    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ title: "discarded", createdAt });
        await tx.update(notes).set({ score: 0 });
        const inside = await tx.select({ n: sql<number>`count(*)` }).from(notes);
        expect(inside[0]!.n).toBe(2);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");

    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ title: "also discarded", createdAt });
        tx.rollback();
      }),
    ).rejects.toThrow(/rollback/i);

    const rows = await db.select({ title: notes.title, score: notes.score }).from(notes);
    expect(rows).toEqual([{ title: "kept", score: 9 }]);
  });

  it("reports a unique violation with the libsql error as cause", async () => {
    const { db } = await setup();
    const createdAt = new Date();
    await db.insert(notes).values({ title: "dup", createdAt });
    const err = await db
      .insert(notes)
      .values({ title: "dup", createdAt })
      .then(
        () => null,
        (e: unknown) => e as Error & { cause?: unknown },
      );
    expect(err).not.toBeNull();
    const libsqlError = libsqlErrorIn(err);
    expect(libsqlError).toBeInstanceOf(LibsqlError);
    expect(libsqlError!.code).toBe("SQLITE_CONSTRAINT");
    expect(libsqlError!.message).toContain("UNIQUE constraint failed: notes.title");
  });
});
