// Small SQL building blocks the program module's set-based statements share.
import type { InValue } from "@libsql/client/web";

/** A 128-bit random id generated inside SQLite, for rows an INSERT ... SELECT creates. */
export const SQL_NEW_ID = "lower(hex(randomblob(16)))";

/** A condition written with plain `?` placeholders, embeddable after a statement's own args. */
export interface Guard {
  sql: string;
  args: InValue[];
}

export function whereGuard(g: Guard): string {
  return `EXISTS (${g.sql})`;
}
