// GENERATED FILE: do not edit.
// Printed by scripts/gen-api-types.ts from the API's OpenAPI document
// (GET /api/openapi.json). Change the API's route schemas, then regenerate
// with `npm run api:types` (tsx scripts/gen-api-types.ts).

export interface AcceptInvitationInput {
	token: string;
	name: string;
	password: string;
}

export type Agreement = AgreementSummary & {
	body: string;
};

export interface AgreementAcceptance {
	id: string;
	agreementId: string;
	version: number;
	partnerOrgId: string;
	membershipId: string;
	signedName: string;
	ip: string | null;
	userAgent: string | null;
	acceptedAt: number;
}

export type AgreementAcceptanceReportRow = AgreementAcceptance & {
	partnerOrgName: string | null;
	signerEmail: string | null;
};

export interface AgreementStatus {
	partnerOrgId: string;
	current: AgreementSummary & (Record<string, never> | null);
	signed: boolean;
	signedVersion: number | null;
	signedAt: number | null;
	mustSignBy: number | null;
	blocking: boolean;
}

export interface AgreementSummary {
	id: string;
	version: number;
	title: string;
	graceDays: number;
	publishedAt: number;
	publishedBy: string;
}

export interface ApiKey {
	id: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrgId: string | null;
	createdAt: number;
	lastUsedAt: number | null;
}

export interface ApplicationReceipt {
	id: string;
	status: 'pending';
}

export interface ApproveDealInput {
	note?: string;
}

export interface ArchiveTierInput {
	moveToTierId?: string | null;
}

export interface BulkReviewDealsInput {
	ids: string[];
	decision: 'approve' | 'reject';
	reason?: string;
}

export interface BulkReviewResult {
	done: string[];
	failed: {
		id: string;
		code: string;
		detail: string;
	}[];
}

export interface ChangeMemberRoleInput {
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
}

export interface ChangePartnerStatusInput {
	status: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
	reason?: string;
}

export interface CommentOnDealInput {
	body: string;
}

export interface CreateApiKeyInput {
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrgId?: string | null;
}

export type CreateOnboardingStepInput = {
	kind: 'sign_agreement';
	title: string;
	description?: string | null;
} | {
	kind: 'complete_profile';
	title: string;
	description?: string | null;
} | {
	kind: 'invite_team';
	title: string;
	description?: string | null;
	config: {
		minMembers: number;
	};
} | {
	kind: 'custom';
	title: string;
	description?: string | null;
	linkUrl?: string | null;
};

export interface CreatePartnerOrgInput {
	name: string;
	legalName?: string;
	websiteDomain?: string;
	country?: string;
	region?: string;
	partnerType?: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology';
	size?: '1-10' | '11-50' | '51-200' | '201-1000' | '1001+';
	status?: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
}

export interface CreateTierInput {
	name: string;
	rank: number;
	color: string;
	benefits: TierBenefits;
	criteria?: TierCriterion[];
}

export interface CriterionProgress {
	metric: string;
	min: number;
	actual: number;
	met: boolean;
}

export interface Dashboard {
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	cards: {
		key: string;
		value: number;
	}[];
}

export interface Deal {
	id: string;
	status: 'draft' | 'submitted' | 'needs_info' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
	partnerOrg: {
		id: string;
		name: string;
	};
	submittedBy: {
		id: string;
		name: string;
	};
	reviewer: {
		id: string;
		name: string;
	} | null;
	customerName: string;
	customerDomain: string | null;
	contactName: string | null;
	contactEmail: string | null;
	country: string | null;
	valueMinor: number;
	currency: string;
	expectedCloseDate: string | null;
	products: string[];
	notes: string | null;
	customFields: {
		[key: string]: string | number;
	};
	conflict: DealConflict;
	submittedAt: number | null;
	reviewDueAt: number | null;
	decidedAt: number | null;
	decisionReason: string | null;
	approvedAt: number | null;
	expiresAt: number | null;
	extensionsUsed: number;
	registrationDiscountPct: number | null;
	wonAmountMinor: number | null;
	closedAt: number | null;
	lostReason: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface DealComment {
	id: string;
	side: 'partner' | 'vendor';
	author: string | null;
	body: string;
	createdAt: number;
}

export type DealConflict = {
	checkedAt: number;
	matches: {
		sameOrganization: boolean;
		reasons: ('domain' | 'name' | 'products')[];
		status: 'draft' | 'submitted' | 'needs_info' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
		protectedUntil: number | null;
		nameScore: number;
		sharedProducts: string[];
		dealId?: string;
		partnerOrgId?: string;
		partnerOrgName?: string;
		customerName?: string;
		customerDomain?: string | null;
	}[];
} | null;

export interface DealCustomField {
	key: string;
	label: string;
	type: 'text' | 'number' | 'date' | 'select';
	options?: string[];
	required?: boolean;
}

export interface DealDetail {
	deal: Deal;
	timeline: {
		id: string;
		at: number;
		kind: string;
		fromStatus: string | null;
		toStatus: string | null;
		actor: {
			kind: string;
			name: string | null;
		};
		data: {
			[key: string]: unknown;
		} | null;
	}[];
	comments: DealComment[];
	extensions: DealExtension[];
}

export interface DealExtension {
	id: string;
	status: 'pending' | 'approved' | 'denied';
	justification: string;
	requestedBy: string | null;
	days: number | null;
	decisionReason: string | null;
	decidedAt: number | null;
	createdAt: number;
}

export interface DealExtensionDecision {
	deal: Deal;
	extension: DealExtension;
}

export interface DealForm {
	customFields: DealCustomField[];
	currencies: string[];
	defaultCurrency: string;
	reviewSlaHours: number;
	defaultProtectionDays: number;
}

export interface DealPage {
	items: Deal[];
	nextCursor: string | null;
}

export interface DealRegistrationRules {
	customFields?: DealCustomField[];
	conflictPolicy?: 'first_approved_wins' | 'vendor_decides' | 'block_duplicates';
	autoApprove?: {
		enabled?: boolean;
		minTierRank?: number;
		maxValueMinor?: number;
		requireNoConflict?: boolean;
	};
	defaultProtectionDays?: number;
	extensions?: {
		maxExtensions?: number;
		daysEach?: number;
	};
	reviewSlaHours?: number;
	autoApproveOnSlaBreach?: boolean;
}

export interface DecideDealExtensionInput {
	decision: 'approve' | 'deny';
	reason?: string;
}

export interface DecideTierChangeInput {
	decision: 'apply' | 'dismiss';
}

export interface EvaluateTiersInput {
	partnerOrgId?: string;
}

export interface ImportPartnersInput {
	csv: string;
	offset?: number;
	dryRun?: boolean;
}

export interface ImportPartnersResult {
	rows: number;
	imported: number;
	failed: number;
	errors: ImportRowError[];
	dryRun: boolean;
	nextOffset: number;
}

export interface ImportRowError {
	row: number;
	field: string;
	message: string;
	code: string;
}

export interface Invitation {
	id: string;
	email: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrg: {
		id: string;
		name: string;
	} | null;
	status: 'pending' | 'accepted' | 'revoked' | 'expired';
	expiresAt: number;
	createdAt: number;
}

export interface InvitationLookup {
	email: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	tenant: {
		name: string;
	};
	expiresAt: number;
	existingAccount: boolean;
}

export interface InviteUserInput {
	email: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrgId?: string | null;
}

export interface LeadRules {
	assignment?: {
		strategy?: 'round_robin' | 'weighted' | 'territory' | 'manual';
		weights?: {
			[key: string]: number;
		};
	};
	acceptSlaHours?: number;
	firstContactSlaHours?: number;
	maxOpenLeadsPerPartner?: number;
}

export interface LoginInput {
	email: string;
	password: string;
}

export interface MarkDealLostInput {
	reason: string;
}

export interface MarkDealWonInput {
	amount: number;
	currency: string;
	closedOn: string;
}

export interface MarkNotificationsReadInput {
	ids?: string[];
	/** Every unread notification of the caller. */
	all?: true;
}

export interface MarkNotificationsReadResult {
	/** How many of the caller's unread notifications this marked read. */
	marked: number;
	/** Unread notifications left, counted up to 100. */
	unreadCount: number;
}

export interface MdfRules {
	fundPeriod?: 'quarter' | 'half' | 'year';
	requestLeadTimeDays?: number;
	claimDeadlineDays?: number;
	requiredProofTypes?: ('invoice' | 'photo' | 'attendee_list' | 'screenshot' | 'report')[];
}

export interface Me {
	id: string;
	email: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrg: {
		id: string;
		name: string;
	} | null;
	tenant: {
		id: string;
		slug: string;
		name: string;
	};
	permissions: string[];
	/** Unread in-app notifications, counted up to 100 (the portal shows 99+). */
	unreadNotifications: number;
	/** The portal's look for the signed-in shell (see GET /branding for all of it). */
	branding: {
		portalName: string;
		logoUrl: string | null;
		primaryColor: string;
		textColor: string;
	};
}

export interface Notification {
	id: string;
	kind: 'deal.approved' | 'deal.rejected' | 'deal.info_requested' | 'deal.extension_granted' | 'deal.extension_denied' | 'deal.expiring' | 'deal.expired' | 'deal.submitted' | 'deal.resubmitted' | 'deal.extension_requested' | 'deal.review_overdue' | 'deal.review_assigned' | 'deal.commented' | 'deal.won' | 'deal.lost';
	subject: {
		type: 'deal';
		id: string;
	};
	data: NotificationData;
	createdAt: number;
	readAt: number | null;
}

export interface NotificationData {
	customerName: string | null;
	partnerName: string | null;
	actorName: string | null;
	detail: string | null;
	date: number | null;
}

export interface NotificationPage {
	items: Notification[];
	nextCursor: string | null;
	/** Unread notifications, counted up to 100. */
	unreadCount: number;
}

export interface OnboardingCompletionInput {
	/** Vendor staff: the organization. Partners: omit (their own). */
	partnerOrgId?: string;
}

export interface OnboardingProgress {
	partnerOrgId: string;
	partnerOrgStatus: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
	steps: OnboardingStepProgress[];
	completed: number;
	total: number;
	allDone: boolean;
}

export interface OnboardingStep {
	id: string;
	position: number;
	kind: 'sign_agreement' | 'complete_profile' | 'invite_team' | 'custom';
	title: string;
	description: string | null;
	linkUrl: string | null;
	config: {
		minMembers: number;
	} | null;
	createdAt: number;
}

export type OnboardingStepProgress = OnboardingStep & {
	auto: boolean;
	done: boolean;
	doneAt: number | null;
	profileMissing?: string[];
	team?: {
		members: number;
		pendingInvitations: number;
		minMembers: number;
	};
};

export interface PartnerActivity {
	id: string;
	at: number;
	action: string;
	actor: {
		kind: string;
		id: string | null;
		name: string | null;
	};
	target: {
		type: string;
		id: string;
	};
	data: {
		[key: string]: unknown;
	} | null;
}

export interface PartnerApplication {
	id: string;
	company: string;
	websiteDomain: string | null;
	country: string | null;
	partnerType: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology' | null;
	contactName: string;
	contactEmail: string;
	message: string | null;
	status: 'pending' | 'info_requested' | 'approved' | 'declined';
	decisionReason: string | null;
	partnerOrgId: string | null;
	reviewedBy: string | null;
	reviewedAt: number | null;
	createdAt: number;
}

export interface PartnerMetric {
	partnerOrgId: string;
	metric: string;
	value: number;
	updatedAt: number;
}

export interface PartnerOrg {
	id: string;
	name: string;
	status: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
	tierId: string | null;
	ownerId: string | null;
	partnerType: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology' | null;
	region: string | null;
	country: string | null;
	websiteDomain: string | null;
	userCount: number;
	createdAt: number;
}

export interface PartnerOrgDetail {
	id: string;
	name: string;
	legalName: string | null;
	websiteDomain: string | null;
	country: string | null;
	region: string | null;
	partnerType: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology' | null;
	industries: string[];
	products: string[];
	size: '1-10' | '11-50' | '51-200' | '201-1000' | '1001+' | null;
	address: PostalAddress;
	logoUrl: string | null;
	ownerId: string | null;
	status: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
	statusReason: string | null;
	statusChangedAt: number | null;
	tierId: string | null;
	tierSince: number | null;
	createdAt: number;
	updatedAt: number | null;
	userCount: number;
	profile: {
		complete: boolean;
		missing: string[];
	};
}

export interface PartnerOrgPage {
	items: PartnerOrg[];
	nextCursor: string | null;
	total: number;
}

export type PartnerTierStatus = TierStatus & {
	metrics: {
		metric: string;
		value: number;
		updatedAt: number;
	}[];
	pendingChange: TierChange & (Record<string, never> | null);
};

export interface PasswordResetConfirm {
	token: string;
	password: string;
}

export interface PasswordResetRequest {
	email: string;
}

export interface PortalBranding {
	portalName: string;
	logoUrl: string | null;
	primaryColor: string;
	textColor: string;
	contrastRatio: number;
	welcomeText: string | null;
	programDescription: string | null;
	customized: boolean;
	updatedAt: number | null;
}

export interface PostalAddress {
	line1?: string;
	line2?: string;
	city?: string;
	postalCode?: string;
	state?: string;
	country?: string;
}

export interface Problem {
	type: string;
	title: string;
	status: number;
	code: string;
	detail: string;
	requestId: string;
	errors?: {
		field: string;
		message: string;
		code?: string;
	}[];
}

export interface ProgramOverview {
	partnersByStatus: {
		applicant: number;
		onboarding: number;
		active: number;
		suspended: number;
		offboarded: number;
	};
	applicationsWaiting: number;
	tierProposals: number;
	tiers: {
		id: string;
		name: string;
		color: string;
		partners: number;
	}[];
	untiered: number;
}

export type ProgramRuleVersion = ProgramRules & {
	createdAt?: number;
};

export interface ProgramRules {
	kind: 'deal_registration' | 'leads' | 'mdf' | 'tier_policy';
	version: number;
	rules: DealRegistrationRules | LeadRules | MdfRules | TierPolicy;
	createdBy: RuleAuthor;
	createdAt: number | null;
}

/** A rules document of the kind in the path: DealRegistrationRules, LeadRules, MdfRules or TierPolicy. Omitted fields take their defaults. */
export type ProgramRulesInput = {
	[key: string]: unknown;
};

export interface PublishAgreementInput {
	title: string;
	/** HTML; kept: p, h2, h3, ul, ol, li, strong, em, br, a[href^=https:|mailto:]. Everything else is removed. */
	body: string;
	graceDays: number;
}

export interface ReassignDealInput {
	reviewerId: string;
}

export interface RegisterDealInput {
	customerName: string;
	/** The customer's website or domain. */
	customerDomain?: string;
	contactName?: string;
	contactEmail?: string;
	country?: string;
	/** In major units (e.g. 25000.50 USD). */
	value: number;
	currency: string;
	expectedCloseDate?: string;
	products?: string[];
	notes?: string;
	customFields?: {
		[key: string]: string | number;
	};
	/** False saves a draft. */
	submit?: boolean;
}

export interface RejectDealInput {
	reason: string;
}

export interface ReorderOnboardingStepsInput {
	ids: string[];
}

export interface RequestDealExtensionInput {
	justification: string;
}

export interface RequestDealInfoInput {
	message: string;
}

export interface ResubmitDealInput {
	message: string;
	notes?: string;
	/** The registration as edited: replaces every field and is checked like a new registration. */
	deal?: {
		customerName: string;
		/** The customer's website or domain. */
		customerDomain?: string;
		contactName?: string;
		contactEmail?: string;
		country?: string;
		/** In major units (e.g. 25000.50 USD). */
		value: number;
		currency: string;
		expectedCloseDate?: string;
		products?: string[];
		notes?: string;
		customFields?: {
			[key: string]: string | number;
		};
	};
}

export interface ReviewApplicationInput {
	decision: 'approve' | 'decline' | 'request_info';
	reason?: string;
	message?: string;
}

export interface ReviewApplicationResult {
	application: PartnerApplication;
	invitation: Invitation & (Record<string, never> | null);
	invitationError: {
		code: string;
		detail: string;
	} | null;
}

export type RuleAuthor = {
	id: string;
	name: string | null;
} | null;

export interface Session {
	token: string;
	expiresAt: number;
}

export interface SessionResult {
	session: Session;
	user: Me;
}

export interface SetMetricValueInput {
	value: number;
}

export interface SetMyLocaleInput {
	locale: 'en' | 'es' | 'fr' | 'zh';
}

export interface SignAgreementInput {
	signedName: string;
}

export interface SignupVendorInput {
	company: string;
	slug: string;
	name: string;
	email: string;
	password: string;
}

export interface StuckPartner {
	partnerOrgId: string;
	name: string;
	onboardingSince: number;
	daysInOnboarding: number;
	completed: number;
	total: number;
}

export interface SubmitApplicationInput {
	company: string;
	websiteDomain: string;
	country: string;
	partnerType: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology';
	contactName: string;
	contactEmail: string;
	message?: string;
	/** Leave empty. */
	website?: string;
}

export interface TenantPublic {
	id: string;
	slug: string;
	name: string;
	status: string;
}

export interface Tier {
	id: string;
	name: string;
	rank: number;
	color: string;
	benefits: TierBenefits;
	criteria: TierCriterion[];
	partnerCount: number;
	createdAt: number;
	updatedAt: number;
	archivedAt: number | null;
}

export interface TierBenefits {
	dealProtectionDays: number;
	registrationDiscountPct: number;
	mdfEligible: boolean;
	coopAccrualPct: number;
	leadPriorityWeight: number;
	contentVisibility: 'public' | 'partner' | 'tier_only';
}

export interface TierChange {
	id: string;
	partnerOrg: {
		id: string;
		name: string;
	};
	fromTier: {
		id: string;
		name: string;
	} | null;
	toTier: {
		id: string;
		name: string;
	} | null;
	direction: 'promotion' | 'demotion' | 'initial';
	status: 'proposed' | 'applied' | 'dismissed';
	reason: TierChangeReason;
	evaluatedAt: number;
	decidedBy: string | null;
	decidedAt: number | null;
}

export interface TierChangeReason {
	kind: 'evaluation' | 'tier_archived';
	summary: string;
	target?: TierChangeReasonTier;
	nextTier?: TierChangeReasonTier;
	policy?: TierPolicy;
	graceUntil?: number;
	archivedTier?: {
		id: string;
		name: string;
	};
	autoDismissed?: string;
}

export type TierChangeReasonTier = {
	tierId: string;
	name: string;
	rank: number;
	criteria: CriterionProgress[];
} | null;

export interface TierCriterion {
	/** A computed metric or a tenant-defined `custom:<key>` metric. */
	metric: 'won_revenue_12m' | 'won_deals_12m' | 'registered_deals_12m' | 'active_certifications' | string;
	min: number;
}

export interface TierEvaluation {
	evaluated: number;
	applied: {
		promotion: number;
		demotion: number;
		initial: number;
	};
	proposed: {
		promotion: number;
		demotion: number;
		initial: number;
	};
	dismissed: number;
	notified: number;
}

export interface TierPolicy {
	mode?: 'automatic' | 'review';
	demotionGraceDays?: number;
}

export interface TierStatus {
	partnerOrg: {
		id: string;
		name: string;
		status: 'applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded';
	};
	current: {
		tier: TierSummary;
		since: number | null;
		progress: CriterionProgress[];
	} | null;
	next: {
		tier: TierSummary;
		progress: CriterionProgress[];
	} | null;
	history: {
		id: string;
		fromTier: {
			id: string;
			name: string;
		} | null;
		toTier: {
			id: string;
			name: string;
		} | null;
		direction: 'promotion' | 'demotion' | 'initial';
		at: number;
		summary: string;
	}[];
}

export interface TierSummary {
	id: string;
	name: string;
	rank: number;
	color: string;
	benefits: TierBenefits;
}

export interface UpdateBrandingInput {
	portalName: string;
	logoUrl?: string | null;
	primaryColor: string;
	welcomeText?: string | null;
	programDescription?: string | null;
}

export interface UpdateOnboardingStepInput {
	title?: string;
	description?: string | null;
	linkUrl?: string | null;
	config?: {
		minMembers: number;
	};
}

export interface UpdatePartnerProfileInput {
	name?: string;
	legalName?: string | null;
	websiteDomain?: string | null;
	country?: string | null;
	region?: string | null;
	partnerType?: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology' | null;
	industries?: string[];
	products?: string[];
	size?: '1-10' | '11-50' | '51-200' | '201-1000' | '1001+' | null;
	address?: PostalAddress & (Record<string, never> | null);
	logoUrl?: string | null;
	ownerId?: string | null;
}

export interface UpdateTierInput {
	name?: string;
	rank?: number;
	color?: string;
	benefits?: TierBenefits;
	criteria?: TierCriterion[];
}

export interface User {
	id: string;
	email: string;
	name: string;
	role: 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';
	partnerOrg: {
		id: string;
		name: string;
	} | null;
	status: 'active' | 'disabled';
	createdAt: number;
}

/** Every route of the API: path -> method -> request parts and responses by status. */
export interface ApiPaths {
	'/api/admin/migrate-all': {
		/** Operator: migrate every tenant database (fans out one queue message per tenant) */
		post: {
			responses: {
				202: {
					enqueued: number;
				};
				401: Problem;
				403: Problem;
			};
		};
	};
	'/api/dev/mailbox': {
		/** Mail sent by the dev mail provider (development only; 404 elsewhere) */
		get: {
			query: {
				to?: string;
				limit?: number;
			};
			responses: {
				200: {
					messages: {
						id: string;
						to: string;
						subject: string;
						text: string;
						html: string;
						createdAt: number;
						tenantSlug: string;
					}[];
				};
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/health': {
		/** Liveness and control database reachability */
		get: {
			responses: {
				200: {
					status: 'ok';
					control: {
						reachable: boolean;
						latencyMs: number;
					};
				};
				503: {
					status: 'degraded';
					control: {
						reachable: boolean;
						latencyMs: number;
					};
				};
			};
		};
	};
	'/api/signup': {
		/** Create a vendor's partner portal and its first admin */
		post: {
			body: SignupVendorInput;
			responses: {
				201: SessionResult & {
					tenant: {
						id: string;
						slug: string;
						name: string;
					};
				};
				400: Problem;
				422: Problem;
				429: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements': {
		/** Published agreement versions, newest first */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: {
					items: AgreementSummary[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
		/** Publish a new agreement version (HTML is sanitized to a safe subset) */
		post: {
			params: {
				tenant: string;
			};
			body: PublishAgreementInput;
			responses: {
				201: Agreement;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements/acceptances': {
		/** Who signed which version and when (vendor staff) */
		get: {
			params: {
				tenant: string;
			};
			query: {
				agreementId?: string;
			};
			responses: {
				200: {
					items: AgreementAcceptanceReportRow[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements/current': {
		/** The agreement in force (null before one is published) */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: {
					agreement: Agreement;
				};
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements/status': {
		/** Where an organization stands against the current agreement (partners: their own); `blocking` gates the portal */
		get: {
			params: {
				tenant: string;
			};
			query: {
				partnerOrgId?: string;
			};
			responses: {
				200: AgreementStatus;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements/{id}': {
		/** One agreement version with its text */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: Agreement;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/agreements/{id}/sign': {
		/** Accept the current agreement for the caller's organization (partner admins; idempotent) */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: SignAgreementInput;
			responses: {
				200: AgreementAcceptance;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/api-keys': {
		/** Active API keys */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: {
					items: ApiKey[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
		/** Create an API key (the secret is returned once) */
		post: {
			params: {
				tenant: string;
			};
			body: CreateApiKeyInput;
			responses: {
				201: {
					key: ApiKey;
					secret: string;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/api-keys/{id}': {
		/** Revoke an API key */
		delete: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				204: undefined;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/applications': {
		/** Partner applications, newest first */
		get: {
			params: {
				tenant: string;
			};
			query: {
				status?: 'pending' | 'info_requested' | 'approved' | 'declined';
				limit?: number;
				cursor?: string;
			};
			responses: {
				200: {
					items: PartnerApplication[];
					nextCursor: string | null;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Apply to become a partner (public; no session needed; 5 per hour per address) */
		post: {
			params: {
				tenant: string;
			};
			body: SubmitApplicationInput;
			responses: {
				201: ApplicationReceipt;
				400: Problem;
				404: Problem;
				422: Problem;
				429: Problem;
			};
		};
	};
	'/api/t/{tenant}/applications/{id}': {
		/** One partner application */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: PartnerApplication;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/applications/{id}/review': {
		/** Decide an application: approve (creates the partner organization in onboarding and invites the contact as partner admin), decline (reason required, emailed) or request_info (message required, emailed) */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ReviewApplicationInput;
			responses: {
				200: ReviewApplicationResult;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/auth/login': {
		/** Sign in to this portal */
		post: {
			params: {
				tenant: string;
			};
			body: LoginInput;
			responses: {
				200: SessionResult;
				400: Problem;
				401: Problem;
				404: Problem;
				422: Problem;
				429: Problem;
			};
		};
	};
	'/api/t/{tenant}/auth/logout': {
		/** End the current session */
		post: {
			params: {
				tenant: string;
			};
			responses: {
				204: undefined;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/auth/password-reset': {
		/** Email a password reset link (same answer whether or not the email exists) */
		post: {
			params: {
				tenant: string;
			};
			body: PasswordResetRequest;
			responses: {
				202: {
					status: 'sent';
				};
				400: Problem;
				404: Problem;
				422: Problem;
				429: Problem;
			};
		};
	};
	'/api/t/{tenant}/auth/password-reset/confirm': {
		/** Set a new password with a reset link's token */
		post: {
			params: {
				tenant: string;
			};
			body: PasswordResetConfirm;
			responses: {
				200: SessionResult;
				400: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/branding': {
		/** The portal's branding (public: landing and apply pages use it) */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: PortalBranding;
				404: Problem;
			};
		};
		/** Save the portal's branding */
		put: {
			params: {
				tenant: string;
			};
			body: UpdateBrandingInput;
			responses: {
				200: PortalBranding;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/branding/preview': {
		/** Check a branding change and see the computed text colour, without saving */
		post: {
			params: {
				tenant: string;
			};
			body: UpdateBrandingInput;
			responses: {
				200: PortalBranding;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/dashboard': {
		/** The caller's dashboard cards */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: Dashboard;
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/dashboard/program': {
		/** Partners by stage and tier, and the applications and tier proposals waiting */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: ProgramOverview;
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals': {
		/** Deal registrations: filters, search, three orders, keyset pages */
		get: {
			params: {
				tenant: string;
			};
			query: {
				status?: 'draft' | 'submitted' | 'needs_info' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
				q?: string;
				expiringWithinDays?: number;
				partnerOrgId?: string;
				sort?: 'newest' | 'review_due' | 'expires';
				limit?: number;
				cursor?: string;
			};
			responses: {
				200: DealPage;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Register a deal (or save a draft); conflicts are checked at once */
		post: {
			params: {
				tenant: string;
			};
			body: RegisterDealInput;
			responses: {
				200: Deal;
				201: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/bulk-review': {
		/** Approve or reject many registrations from the review queue */
		post: {
			params: {
				tenant: string;
			};
			body: BulkReviewDealsInput;
			responses: {
				200: BulkReviewResult;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/export.csv': {
		/** Export deal registrations as CSV: the list's filters and order, every matching row */
		get: {
			params: {
				tenant: string;
			};
			query: {
				status?: 'draft' | 'submitted' | 'needs_info' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
				q?: string;
				expiringWithinDays?: number;
				partnerOrgId?: string;
				sort?: 'newest' | 'review_due' | 'expires';
			};
			responses: {
				200: string;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/form': {
		/** What the registration form asks: the program's custom fields and the currencies */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: DealForm;
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}': {
		/** One deal registration with its timeline */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: DealDetail;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/approve': {
		/** Approve: the protection window starts */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ApproveDealInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/comments': {
		/** Add a message to the deal's thread */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: CommentOnDealInput;
			responses: {
				201: DealComment;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/draft': {
		/** Save a draft again with new fields, or submit it (`submit: true`) */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: RegisterDealInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/extensions': {
		/** Ask for more protection time (approved or expired registrations) */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: RequestDealExtensionInput;
			responses: {
				201: DealExtension;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/extensions/{requestId}/decision': {
		/** Grant or deny an extension request */
		post: {
			params: {
				tenant: string;
				id: string;
				requestId: string;
			};
			body: DecideDealExtensionInput;
			responses: {
				200: DealExtensionDecision;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/lost': {
		/** Record the deal as lost */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: MarkDealLostInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/reassign': {
		/** Hand the review to another channel manager */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ReassignDealInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/reject': {
		/** Reject, with the reason the partner reads */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: RejectDealInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/request-info': {
		/** Ask the partner for more information */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: RequestDealInfoInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/resubmit': {
		/** Answer the vendor and send the registration back for review */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ResubmitDealInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/deals/{id}/won': {
		/** Record the deal as won */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: MarkDealWonInput;
			responses: {
				200: Deal;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/invitations': {
		/** Invitations the caller may see */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: {
					items: Invitation[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
		/** Invite a person by email */
		post: {
			params: {
				tenant: string;
			};
			body: InviteUserInput;
			responses: {
				201: {
					invitation: Invitation;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/invitations/accept': {
		/** Accept an invitation: join this portal with a new or existing account */
		post: {
			params: {
				tenant: string;
			};
			body: AcceptInvitationInput;
			responses: {
				200: SessionResult;
				400: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/invitations/lookup': {
		/** Who an invitation link is for (no session needed) */
		get: {
			params: {
				tenant: string;
			};
			query: {
				token: string;
			};
			responses: {
				200: InvitationLookup;
				400: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/invitations/{id}': {
		/** Revoke a pending invitation */
		delete: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				204: undefined;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/me': {
		/** The signed-in person, their role and permissions */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: Me;
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/me/locale': {
		/** Choose the language of the portal and of the email you receive */
		put: {
			params: {
				tenant: string;
			};
			body: SetMyLocaleInput;
			responses: {
				200: {
					locale: string;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/me/tier': {
		/** My organization's tier, benefits, progress to the next tier and tier history */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: TierStatus;
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
	};
	'/api/t/{tenant}/notifications': {
		/** My notifications, newest first (keyset pages), with the unread count */
		get: {
			params: {
				tenant: string;
			};
			query: {
				/** `true`: only the unread ones. */
				unread?: 'true' | 'false';
				limit?: number;
				cursor?: string;
			};
			responses: {
				200: NotificationPage;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/notifications/read': {
		/** Mark my notifications read: `ids`, or `all: true` */
		post: {
			params: {
				tenant: string;
			};
			body: MarkNotificationsReadInput;
			responses: {
				200: MarkNotificationsReadResult;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/progress': {
		/** An organization's onboarding progress (partners: their own) */
		get: {
			params: {
				tenant: string;
			};
			query: {
				partnerOrgId?: string;
			};
			responses: {
				200: OnboardingProgress;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/steps': {
		/** The onboarding checklist, in order */
		get: {
			params: {
				tenant: string;
			};
			responses: {
				200: {
					items: OnboardingStep[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
			};
		};
		/** Add a step to the end of the checklist */
		post: {
			params: {
				tenant: string;
			};
			body: CreateOnboardingStepInput;
			responses: {
				201: OnboardingStep;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/steps/order': {
		/** Reorder the checklist (every current step, once) */
		put: {
			params: {
				tenant: string;
			};
			body: ReorderOnboardingStepsInput;
			responses: {
				204: undefined;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/steps/{id}': {
		/** Remove a step from the checklist (archived) */
		delete: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				204: undefined;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Edit a step */
		patch: {
			params: {
				tenant: string;
				id: string;
			};
			body: UpdateOnboardingStepInput;
			responses: {
				200: OnboardingStep;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/steps/{id}/complete': {
		/** Tick a custom step off (partner admins: their organization; vendor staff: any) */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: OnboardingCompletionInput;
			responses: {
				200: OnboardingProgress;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/steps/{id}/uncomplete': {
		/** Untick a custom step */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: OnboardingCompletionInput;
			responses: {
				200: OnboardingProgress;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/onboarding/stuck': {
		/** Partners in onboarding for at least N days, longest first */
		get: {
			params: {
				tenant: string;
			};
			query: {
				olderThanDays?: number | null;
			};
			responses: {
				200: {
					items: StuckPartner[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs': {
		/** Partner organizations: search, filter, sort, keyset pages and the filter's total */
		get: {
			params: {
				tenant: string;
			};
			query: {
				/** Substring of name, legal name or website domain */
				q?: string;
				/** A tier id, or "none" for partners without a tier */
				tier?: string;
				type?: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology';
				region?: string;
				/** One or more statuses, comma-separated or repeated */
				status?: ('applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded')[];
				/** Membership id of the owning channel manager */
				owner?: string;
				sort?: 'name' | 'created' | 'status' | 'tier';
				dir?: 'asc' | 'desc';
				limit?: number;
				cursor?: string;
			};
			responses: {
				200: PartnerOrgPage;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Add a partner organization */
		post: {
			params: {
				tenant: string;
			};
			body: CreatePartnerOrgInput;
			responses: {
				201: PartnerOrg;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs/export.csv': {
		/** Export partner organizations as CSV (same filters and order as the list) */
		get: {
			params: {
				tenant: string;
			};
			query: {
				/** Substring of name, legal name or website domain */
				q?: string;
				/** A tier id, or "none" for partners without a tier */
				tier?: string;
				type?: 'reseller' | 'referral' | 'msp' | 'systems_integrator' | 'technology';
				region?: string;
				/** One or more statuses, comma-separated or repeated */
				status?: ('applicant' | 'onboarding' | 'active' | 'suspended' | 'offboarded')[];
				/** Membership id of the owning channel manager */
				owner?: string;
				sort?: 'name' | 'created' | 'status' | 'tier';
				dir?: 'asc' | 'desc';
			};
			responses: {
				200: string;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs/import': {
		/** Import partner organizations from CSV. Columns by header name: name (required), legal_name, website_domain, country, region, partner_type, size, status. Invalid and duplicate rows are reported by row number and skipped; valid rows are imported in atomic batches of 500. Send a large file in chunks: each request carries the header row plus up to 500 data rows as `csv`, with `offset` = data rows sent before it (row numbers then match the whole file) and the response's `nextOffset` for the next chunk. `dryRun` validates without importing. At most 5,000 rows and 2 MB per request (413 beyond). */
		post: {
			params: {
				tenant: string;
			};
			body: ImportPartnersInput;
			responses: {
				200: ImportPartnersResult;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				413: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs/{id}': {
		/** One partner organization's profile (partner roles: their own only) */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: PartnerOrgDetail;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Edit a partner profile (vendor staff: any organization; partner admins: their own, except the owner) */
		patch: {
			params: {
				tenant: string;
				id: string;
			};
			body: UpdatePartnerProfileInput;
			responses: {
				200: PartnerOrgDetail;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs/{id}/activity': {
		/** A partner organization's recent activity (the latest 50 audit entries about it and its people) */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: {
					items: PartnerActivity[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partner-orgs/{id}/status': {
		/** Move a partner through its lifecycle; suspending or offboarding ends its members' sessions */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ChangePartnerStatusInput;
			responses: {
				200: PartnerOrgDetail;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partners/{id}/metrics/{metric}': {
		/** Set a custom metric (custom:<key>) of a partner */
		put: {
			params: {
				tenant: string;
				id: string;
				metric: string;
			};
			body: SetMetricValueInput;
			responses: {
				200: PartnerMetric;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/partners/{id}/tier': {
		/** A partner's tier standing, metrics and pending proposal */
		get: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: PartnerTierStatus;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/program-rules/{kind}': {
		/** The program rules of a kind in force (version 0: the defaults) */
		get: {
			params: {
				tenant: string;
				kind: 'deal_registration' | 'leads' | 'mdf' | 'tier_policy';
			};
			responses: {
				200: ProgramRules;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Publish a new version of a kind's program rules */
		put: {
			params: {
				tenant: string;
				kind: 'deal_registration' | 'leads' | 'mdf' | 'tier_policy';
			};
			query: {
				baseVersion?: number | null;
			};
			body: ProgramRulesInput;
			responses: {
				200: ProgramRules;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/program-rules/{kind}/versions': {
		/** Every published version of a kind's rules: who, when, what */
		get: {
			params: {
				tenant: string;
				kind: 'deal_registration' | 'leads' | 'mdf' | 'tier_policy';
			};
			responses: {
				200: {
					items: ProgramRuleVersion[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tier-changes': {
		/** Proposed, applied and dismissed tier changes, newest first */
		get: {
			params: {
				tenant: string;
			};
			query: {
				status?: 'proposed' | 'applied' | 'dismissed';
				direction?: 'promotion' | 'demotion' | 'initial';
				partnerOrgId?: string;
				limit?: number;
				cursor?: string;
			};
			responses: {
				200: {
					items: TierChange[];
					nextCursor: string | null;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tier-changes/{id}/decision': {
		/** Apply or dismiss a proposed tier change */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: DecideTierChangeInput;
			responses: {
				200: TierChange;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tiers': {
		/** The tier ladder, highest rank first */
		get: {
			params: {
				tenant: string;
			};
			query: {
				/** Also list archived tiers (after the ones in use). */
				includeArchived?: 'true' | 'false';
			};
			responses: {
				200: {
					items: Tier[];
				};
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
		/** Add a tier (rank unique among tiers in use) */
		post: {
			params: {
				tenant: string;
			};
			body: CreateTierInput;
			responses: {
				201: Tier;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tiers/evaluate': {
		/** Evaluate tiers now (all partners, or one) under the tier policy */
		post: {
			params: {
				tenant: string;
			};
			body: EvaluateTiersInput;
			responses: {
				200: TierEvaluation;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tiers/{id}': {
		/** Change a tier (partners are re-measured at the next evaluation) */
		patch: {
			params: {
				tenant: string;
				id: string;
			};
			body: UpdateTierInput;
			responses: {
				200: Tier;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/tiers/{id}/archive': {
		/** Archive a tier, moving the partners who hold it to another tier */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			body: ArchiveTierInput;
			responses: {
				200: {
					tier: Tier;
					movedPartners: number;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				412: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/users': {
		/** People in this portal the caller may see (partner admins: their organization) */
		get: {
			params: {
				tenant: string;
			};
			query: {
				limit?: number;
				cursor?: string;
				q?: string;
				/** Only people with one of these roles, comma-separated (e.g. the vendor staff: vendor_admin,channel_manager) */
				role?: ('vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user')[];
			};
			responses: {
				200: {
					items: User[];
					nextCursor: string | null;
				};
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/users/{id}': {
		/** Change a member's role (partner admins: their organization's people, partner roles only) */
		patch: {
			params: {
				tenant: string;
				id: string;
			};
			body: ChangeMemberRoleInput;
			responses: {
				200: User;
				400: Problem;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/users/{id}/remove': {
		/** Remove a member: they can no longer sign in and their sessions end */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: User;
				401: Problem;
				403: Problem;
				404: Problem;
				409: Problem;
				422: Problem;
			};
		};
	};
	'/api/t/{tenant}/users/{id}/restore': {
		/** Restore a removed member: they can sign in again */
		post: {
			params: {
				tenant: string;
				id: string;
			};
			responses: {
				200: User;
				401: Problem;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
	'/api/tenants/{slug}': {
		/** Public facts about a portal (name, status); 403 for a suspended one */
		get: {
			params: {
				slug: string;
			};
			responses: {
				200: TenantPublic;
				403: Problem;
				404: Problem;
				422: Problem;
			};
		};
	};
}
