// The partner agreement. Vendor staff see the versions and who signed them;
// partners read the current version and partner admins sign it.
import { error, fail } from '@sveltejs/kit';
import type { Agreement, AgreementStatus, AgreementSummary } from '$lib/api-schema.gen';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isVendorRole } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithProblem, formText, unwrap, type FormState } from '$lib/server/problems';
import type { Actions, PageServerLoad } from './$types';

/** Status with what the generated type cannot say: `current` may be null. */
type PartnerStatus = Omit<AgreementStatus, 'current'> & { current: AgreementSummary | null };

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'agreements.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const client = api(event);

	if (isVendorRole(me.role)) {
		const versionFilter = event.url.searchParams.get('version') ?? '';
		const [current, versions, acceptances] = await Promise.all([
			client.call('get', '/api/t/{tenant}/agreements/current'),
			client.call('get', '/api/t/{tenant}/agreements'),
			client.call('get', '/api/t/{tenant}/agreements/acceptances', {
				query: { agreementId: versionFilter || undefined }
			})
		]);
		return {
			view: 'vendor' as const,
			canManage: hasPermission(me, 'agreements.manage'),
			current: unwrap(event, current).agreement as Agreement | null,
			versions: unwrap(event, versions).items,
			acceptances: unwrap(event, acceptances).items,
			versionFilter,
			published: event.url.searchParams.get('published'),
			status: null
		};
	}

	const [current, status] = await Promise.all([
		client.call('get', '/api/t/{tenant}/agreements/current'),
		client.call('get', '/api/t/{tenant}/agreements/status')
	]);
	return {
		view: 'partner' as const,
		canManage: false,
		current: unwrap(event, current).agreement as Agreement | null,
		versions: [],
		acceptances: [],
		versionFilter: '',
		published: null,
		status: unwrap(event, status) as PartnerStatus
	};
};

function signFailure(status: number, state: FormState<'signedName'>) {
	return fail(status, state);
}

export const actions: Actions = {
	sign: async (event) => {
		const data = await event.request.formData();
		const agreementId = formText(data, 'agreementId');
		const values = { signedName: formText(data, 'signedName') };
		if (!agreementId) return signFailure(400, { values, errors: {}, message: m.error_unexpected() });
		if (!values.signedName) {
			return signFailure(400, { values, errors: { signedName: m.agreements_sign_name_required() }, message: null });
		}

		const result = await api(event).call('post', '/api/t/{tenant}/agreements/{id}/sign', {
			params: { id: agreementId },
			body: { signedName: values.signedName }
		});
		if (!result.ok) {
			if (result.problem.code === 'not_current_version') {
				return signFailure(409, { values, errors: {}, message: m.agreements_not_current() });
			}
			const failure = failWithProblem(result, ['signedName'], values);
			// The API names the profile name in English; the page shows it next to the field already.
			if (result.problem.errors?.some((e) => e.code === 'name_mismatch')) {
				failure.data.errors.signedName = m.agreements_name_mismatch();
			}
			return failure;
		}
		return { signed: true, version: result.data.version };
	}
};
