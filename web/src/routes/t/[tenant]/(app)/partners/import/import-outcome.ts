// What one run of the import (or its check) came to: the totals, the row
// errors shown (at most the page's cap) and whether it stopped before the end.
import type { ImportRowError } from './csv-chunks';

export interface ImportSummary {
	dryRun: boolean;
	rows: number;
	done: number;
	imported: number;
	failed: number;
}

export interface ImportOutcome {
	summary: ImportSummary;
	errors: ImportRowError[];
	errorCount: number;
	stopped: boolean;
}
