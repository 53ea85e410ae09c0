// "Load more" navigates to ?cursor=…; while the list stays the same (its key:
// view, filters, search, order) the rows already shown are kept and the new
// page is appended. Without JavaScript each page simply shows on its own.

export interface LoadedRows<T> {
	key: string;
	items: T[];
	nextCursor: string | null;
}

/** What the list shows after a navigation to `page` (reached with `cursor`), given what it showed before. */
export function keepLoadedRows<T>(
	shown: LoadedRows<T> | null,
	page: { items: T[]; nextCursor: string | null },
	cursor: string | null | undefined,
	key: string
): LoadedRows<T> {
	const continues = shown !== null && Boolean(cursor) && cursor === shown.nextCursor && key === shown.key;
	return { key, items: continues ? [...shown.items, ...page.items] : page.items, nextCursor: page.nextCursor };
}
