// A create or edit of an onboarding step the server refused: what was typed,
// what was wrong beside which field, and what the fields cannot carry.
type StepFieldValues = Partial<Record<string, string>>;

export interface StepFailure {
	values?: StepFieldValues;
	errors?: StepFieldValues;
	message?: string | null;
}
