// What the agreement gate tells the app shell (built by
// $lib/server/agreement-gate.ts, shown by AgreementGate.svelte).
import type { AgreementSummary } from '$lib/api-schema.gen';

export interface AgreementGateState {
	/** The organization is stopped until a partner admin signs (the API's `blocking`). */
	blocked: boolean;
	/** This person is a partner admin who must sign now: blocked and allowed to sign. */
	mustSignNow: boolean;
	/** This person may sign (partner admin). */
	canSign: boolean;
	/** A current version the organization has not signed yet (blocked or in its grace period). */
	pending: boolean;
	/** Deadline of the grace period, epoch ms; null when signed or already blocked from the start. */
	signBy: number | null;
	agreement: Pick<AgreementSummary, 'id' | 'version' | 'title'> | null;
	/** Where the layout should send this request, or null: /agreements while blocked. */
	redirectTo: string | null;
}
