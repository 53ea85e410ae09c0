// Portal branding (vendor admins): name, logo, colour and the public landing
// copy. "Preview" asks the API to check a change without saving it; "Save"
// stores it. The API owns the contrast rule (white text on the primary
// colour needs 4.5:1) and answers `low_contrast` on primaryColor.
import { error, fail } from '@sveltejs/kit';
import type { UpdateBrandingInput } from '$lib/api-schema.gen';
import { contrastRatio, isHexColor, MIN_CONTRAST } from '$lib/components/recruitment/brand';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formSecret, formText, unwrap, type ApiFailure } from '$lib/server/problems';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const FIELDS = ['portalName', 'logoUrl', 'primaryColor', 'welcomeText', 'programDescription'] as const;
type BrandingField = (typeof FIELDS)[number];

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'branding.manage')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return { branding: unwrap(event, await api(event).call('get', '/api/t/{tenant}/branding')) };
};

async function readForm(event: RequestEvent) {
	const data = await event.request.formData();
	const values: Record<BrandingField, string> = {
		portalName: formText(data, 'portalName'),
		logoUrl: formText(data, 'logoUrl'),
		primaryColor: formText(data, 'primaryColor').toLowerCase(),
		// Line breaks are part of the copy (paragraphs): only the ends are trimmed.
		welcomeText: formSecret(data, 'welcomeText').trim(),
		programDescription: formSecret(data, 'programDescription').trim()
	};
	const errors: Partial<Record<BrandingField, string>> = {};
	if (!values.portalName) errors.portalName = m.branding_name_required();
	else if (values.portalName.length > 80) errors.portalName = m.branding_too_long({ max: '80' });
	if (values.logoUrl && !/^https:\/\/\S+$/i.test(values.logoUrl)) errors.logoUrl = m.branding_logo_invalid();
	if (!isHexColor(values.primaryColor)) errors.primaryColor = m.branding_color_invalid();
	if (values.welcomeText.length > 500) errors.welcomeText = m.branding_too_long({ max: '500' });
	if (values.programDescription.length > 5000) errors.programDescription = m.branding_too_long({ max: '5000' });
	const input: UpdateBrandingInput = {
		portalName: values.portalName,
		logoUrl: values.logoUrl || null,
		primaryColor: values.primaryColor,
		welcomeText: values.welcomeText || null,
		programDescription: values.programDescription || null
	};
	return { values, errors, input };
}

/** A failed preview or save, with `low_contrast` explained in the reader's language. */
function brandingFailure(result: ApiFailure, values: Record<BrandingField, string>, op: 'preview' | 'save') {
	const failure = failWithProblem(result, FIELDS, values);
	if (result.problem.errors?.some((e) => e.code === 'low_contrast') && isHexColor(values.primaryColor)) {
		failure.data.errors.primaryColor = m.branding_low_contrast({
			ratio: contrastRatio(values.primaryColor, '#ffffff').toFixed(2),
			min: String(MIN_CONTRAST)
		});
	}
	return fail(failure.status, { ...failure.data, op });
}

export const actions: Actions = {
	preview: async (event) => {
		const { values, errors, input } = await readForm(event);
		if (Object.keys(errors).length > 0) return fail(400, { ...failWithErrors(errors, values).data, op: 'preview' as const });
		const result = await api(event).call('post', '/api/t/{tenant}/branding/preview', { body: input });
		if (!result.ok) return brandingFailure(result, values, 'preview');
		return {
			op: 'preview' as const,
			values,
			checked: { primaryColor: result.data.primaryColor, textColor: result.data.textColor, contrastRatio: result.data.contrastRatio }
		};
	},

	save: async (event) => {
		const { values, errors, input } = await readForm(event);
		if (Object.keys(errors).length > 0) return fail(400, { ...failWithErrors(errors, values).data, op: 'save' as const });
		const result = await api(event).call('put', '/api/t/{tenant}/branding', { body: input });
		if (!result.ok) return brandingFailure(result, values, 'save');
		return { op: 'save' as const, saved: true };
	}
};
