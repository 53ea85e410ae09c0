// The program API's own problem codes in the reader's language, for the
// program pages' form actions; everything else goes to problemMessage.
import type { Problem } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { problemMessage, type ApiFailure } from '$lib/server/problems';

export function programProblemMessage(problem: Problem, retryAfterSeconds: number | null = null): string {
	switch (problem.code) {
		case 'rank_taken':
			return m.tier_rank_taken();
		case 'tier_archived':
			return m.tier_error_archived();
		case 'tier_in_use':
			return m.tier_archive_needs_target();
		case 'tier_changed':
			return m.tier_error_changed();
		case 'already_decided':
			return m.program_changes_error_already_decided();
		case 'stale_tier_change':
			return m.program_changes_error_stale();
		case 'version_conflict':
			return m.program_rules_conflict();
		case 'not_found':
			return m.program_error_not_found();
		default:
			return problemMessage(problem, retryAfterSeconds);
	}
}

export function failureMessage(failure: ApiFailure): string {
	return programProblemMessage(failure.problem, failure.retryAfterSeconds);
}
