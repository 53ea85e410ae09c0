// The portal lists' "Load more": rows already shown are kept while the same
// list continues with its next cursor, and dropped for anything else.
import { describe, expect, it } from "vitest";
import { keepLoadedRows } from "../../../web/src/lib/load-more.ts";

describe("keepLoadedRows", () => {
  const first = keepLoadedRows<number>(null, { items: [1, 2], nextCursor: "c1" }, null, "view=all");

  it("appends the next page of the same list", () => {
    expect(first).toEqual({ key: "view=all", items: [1, 2], nextCursor: "c1" });
    expect(keepLoadedRows(first, { items: [3], nextCursor: null }, "c1", "view=all")).toEqual({ key: "view=all", items: [1, 2, 3], nextCursor: null });
  });

  it("starts over for another list, another cursor, or no cursor", () => {
    expect(keepLoadedRows(first, { items: [9], nextCursor: null }, "c1", "view=won").items).toEqual([9]);
    expect(keepLoadedRows(first, { items: [9], nextCursor: null }, "other", "view=all").items).toEqual([9]);
    expect(keepLoadedRows(first, { items: [1, 2], nextCursor: "c1" }, null, "view=all").items).toEqual([1, 2]);
  });
});
