// Progressive enhancement for program forms that are drawn again after each
// result (keyed on it): like submitWith, but the first problem is looked up
// in the container the new form lives in, since the submitted one is gone,
// and a field to fix comes before the form's message.
import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';
import { tick } from 'svelte';

export function submitAndFocus(
	setBusy: (busy: boolean) => void,
	containerId: string,
	options: { reloadWhen?: (data: Record<string, unknown> | undefined) => boolean } = {}
): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ result, update }) => {
			try {
				await update({ reset: false });
				if (result.type === 'failure' && options.reloadWhen?.(result.data)) await invalidateAll();
			} finally {
				setBusy(false);
			}
			if (result.type === 'failure') {
				await tick();
				// The first field to fix; the form's message when no field carries the problem.
				const container = document.getElementById(containerId);
				(
					container?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
					container?.querySelector<HTMLElement>('[data-form-message]')
				)?.focus();
			}
		};
	};
}
