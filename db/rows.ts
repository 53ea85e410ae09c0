// Typed rows: turns a row that libSQL returned for a table's columns into
// that table's drizzle row type (`$inferSelect`), column by column through
// drizzle's own driver mapping (JSON text parsed, boolean and timestamp modes
// applied), so verbs stop casting `String(r.x)` / `Number(r.x)` by hand and a
// renamed or retyped column is a type error in every mapper at once.
//
// Why not drizzle's query builder for every read: our reads and writes go out
// as hand-batched `{ sql, args }` statements (one round trip for the session
// check, the data and its counts), and a table's columns are often selected
// with an alias prefix and beside computed ones (`count(*) AS partner_count`).
// The mapper works on whatever row came back, by column name.
import type { Row } from "@libsql/client/web";
import { getTableColumns, type Column } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

type RowOf<T extends SQLiteTable> = T["$inferSelect"];

function mapColumn(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // libSQL answers bigint only in safe-integer mode; numbers arrive as numbers.
  const driverValue = typeof value === "bigint" ? Number(value) : value;
  return column.mapFromDriverValue(driverValue);
}

/**
 * The whole row of `table` from a libSQL row. Every column of the table must
 * be in the row (select `t.*` or the table's column list); a missing one is a
 * programming error and throws, so a partial SELECT cannot pass as complete.
 */
export function rowOf<T extends SQLiteTable>(table: T, row: Row | Record<string, unknown>): RowOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
    if (!(column.name in row)) throw new Error(`rowOf: column ${column.name} was not selected`);
    out[key] = mapColumn(column, (row as Record<string, unknown>)[column.name]);
  }
  return out as RowOf<T>;
}

/** Some columns of `table`, for reads that select only what they show. */
export function pickRow<T extends SQLiteTable, K extends keyof RowOf<T> & string>(
  table: T,
  row: Row | Record<string, unknown>,
  keys: readonly K[],
): Pick<RowOf<T>, K> {
  const columns = getTableColumns(table) as Record<string, Column>;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const column = columns[key]!;
    if (!(column.name in row)) throw new Error(`pickRow: column ${column.name} was not selected`);
    out[key] = mapColumn(column, (row as Record<string, unknown>)[column.name]);
  }
  return out as Pick<RowOf<T>, K>;
}
