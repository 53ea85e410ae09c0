// Page cursors for lists in "newest first" keyset order: the last row's time
// and id, opaque to clients, so page N costs what page 1 does. A cursor that
// does not decode is the client's mistake, named as the `cursor` field.
import { BadRequest } from "./errors.ts";

export function encodeKeyset(at: number, id: string): string {
  return btoa(JSON.stringify([at, id]));
}

export function decodeKeyset(cursor: string): [at: number, id: string] {
  try {
    const [at, id] = JSON.parse(atob(cursor)) as [unknown, unknown];
    if (typeof at === "number" && typeof id === "string") return [at, id];
  } catch {
    // fall through
  }
  throw new BadRequest("The page cursor is not valid.", "invalid_cursor", [{ field: "cursor", message: "Invalid cursor." }]);
}
