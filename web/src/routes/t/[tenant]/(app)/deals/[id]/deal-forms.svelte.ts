// The deal page's forms act as one: a single busy flag (one step at a time,
// every submit button waits while any step runs) and the last failed step,
// whose form reopens with what was typed and what was wrong. The page makes
// one and hands it to each section that posts.
import type { SubmitFunction } from '@sveltejs/kit';
import { submitWith } from '$lib/forms';
import type { DealAction } from '../labels';
import type { ActionData } from './$types';

/** What a refused step sends back (the page server's `failed`). */
export type DealActionFailure = Extract<NonNullable<ActionData>, { failed: unknown }>['failed'];

export class DealForms {
	busy = $state(false);
	readonly #failed: () => DealActionFailure | null;

	constructor(failed: () => DealActionFailure | null) {
		this.#failed = failed;
	}

	get failed(): DealActionFailure | null {
		return this.#failed();
	}

	/** For `use:enhance`: marks the page busy while the step runs and focuses the first problem after. */
	readonly submit: SubmitFunction = submitWith((busy) => (this.busy = busy));

	/** Whether the last refusal was this step (for an extension decision, about this request). */
	failedHere = (action: DealAction, target?: string): boolean => {
		const failed = this.failed;
		return failed?.action === action && (target === undefined || failed.target === target);
	};

	/** What was typed into `field` when `action` was refused, else the field's starting value. */
	valueOf = (action: DealAction, field: string, fallback = ''): string =>
		this.failedHere(action) ? (this.failed?.values[field] ?? fallback) : fallback;

	errorOf = (action: DealAction, field: string): string | undefined =>
		this.failedHere(action) ? this.failed?.errors[field] : undefined;
}
