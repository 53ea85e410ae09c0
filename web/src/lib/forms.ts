// Progressive enhancement shared by the portal's forms: a busy flag while the
// action runs, values kept on failure, and focus moved to the first problem
// so keyboard and screen-reader users land on it.
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export function submitWith(setBusy: (busy: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		setBusy(true);
		return async ({ result, update }) => {
			try {
				await update({ reset: false });
			} finally {
				setBusy(false);
			}
			if (result.type === 'failure') {
				await tick();
				const target = formElement.querySelector<HTMLElement>(
					'[aria-invalid="true"], [data-form-message]'
				);
				target?.focus();
			}
		};
	};
}
