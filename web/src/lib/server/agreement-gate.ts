// The agreement gate: whether the signed-in partner's organization must sign
// the current partner agreement before using the portal. The API decides
// (`blocking` on GET /agreements/status: never signed, or the grace period of
// a new version is over); this turns its answer into what the app layout
// needs: a redirect target while blocked, and a notice while a new version
// waits for a signature. Vendor staff are never gated, so for them the API is
// not asked.
import type { RequestEvent } from '@sveltejs/kit';
import type { AgreementSummary, Me } from '$lib/api-schema.gen';
import type { AgreementGateState } from '$lib/components/recruitment/agreement-gate-state';
import { hasPermission, isPartnerRole } from '$lib/roles';
import { tenantHref } from '$lib/tenant-route';
import { api } from './api';

export type { AgreementGateState };

/** The agreement pages stay reachable while blocked: that is where one signs. */
export function isAgreementPath(event: Pick<RequestEvent, 'url' | 'locals'>): boolean {
	const base = tenantHref(event.locals.tenantBase, '/agreements');
	const path = event.url.pathname;
	return path === base || path.startsWith(base + '/');
}

/**
 * The gate for this request, or null when there is none: vendor staff, a
 * partner role without `agreements.read`, or the status read failing. The
 * gate fails open on purpose: a status outage should not lock every partner
 * out, and the next navigation asks again. (The API reports `blocking` but
 * does not refuse a blocked organization's other calls; the portal is where
 * the gate is enforced.)
 * For partner roles it reads `event.url`, so a layout load calling it
 * re-runs on every navigation: that keeps the gate current after signing,
 * and when a new version starts blocking mid-session.
 */
export async function agreementGate(event: RequestEvent, me?: Me): Promise<AgreementGateState | null> {
	let viewer = me;
	if (!viewer) {
		const meResult = await api(event).getMe();
		if (!meResult.ok) return null;
		viewer = meResult.data;
	}
	if (!isPartnerRole(viewer.role) || !hasPermission(viewer, 'agreements.read')) return null;
	// Read up front, so SvelteKit re-runs the calling load on every navigation
	// of a partner: a version published (or a grace period ending) mid-session
	// must stop client-side navigation too, not only full page loads.
	const onAgreementPage = isAgreementPath(event);

	const result = await api(event).call('get', '/api/t/{tenant}/agreements/status');
	if (!result.ok) {
		console.warn('agreement gate: status answered', result.status, result.problem.code);
		return null;
	}
	const status = result.data;
	// The generated type cannot say "nullable object"; the API sends null before a first version.
	const current = status.current as AgreementSummary | null;
	const canSign = hasPermission(viewer, 'agreements.sign');
	const blocked = status.blocking;
	return {
		blocked,
		mustSignNow: blocked && canSign,
		canSign,
		pending: current !== null && !status.signed,
		signBy: blocked ? null : status.mustSignBy,
		agreement: current ? { id: current.id, version: current.version, title: current.title } : null,
		redirectTo: blocked && !onAgreementPage ? tenantHref(event.locals.tenantBase, '/agreements') : null
	};
}
