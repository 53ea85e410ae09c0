// The portal's names for the API's request and response shapes. Every shape
// is an alias of api-schema.gen.ts, which is generated from the API's own
// OpenAPI document (`npm run api:types`), so a contract change the portal
// does not follow is a type error here or at the call site. What is declared
// by hand is portal-only: the result wrapper, role groupings, and the problem
// the portal makes up when the API does not answer. Types only: the portal
// never imports server code from the API.
import type * as ApiSchema from './api-schema.gen';
import type { ApiPaths } from './api-schema.gen';

export type { ApiPaths };

// --- Routes ---------------------------------------------------------------

export type ApiPath = keyof ApiPaths;
export type ApiMethod<P extends ApiPath> = keyof ApiPaths[P] & string;
/** One route's request parts and responses: `Operation<'/api/t/{tenant}/me', 'get'>`. */
export type Operation<P extends ApiPath, M extends ApiMethod<P>> = ApiPaths[P][M];

type SuccessStatus = 200 | 201 | 202 | 204;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** The body of a route's 2xx answer (`undefined` for 204). */
export type SuccessBody<O> = Responses<O>[keyof Responses<O> & SuccessStatus];
/** A route's query parameters; `never` when it has none. */
export type QueryParams<O> = O extends { query: infer Q } ? Q : never;

// --- Shapes ----------------------------------------------------------------

export type Role = ApiSchema.Me['role'];

export const VENDOR_ROLES = ['vendor_admin', 'channel_manager'] as const satisfies readonly Role[];
export const PARTNER_ROLES = ['partner_admin', 'partner_user'] as const satisfies readonly Role[];
export const ALL_ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const satisfies readonly Role[];

export type Session = ApiSchema.Session;
export type Me = ApiSchema.Me;
export type TenantRef = Me['tenant'];
export type PartnerOrgRef = NonNullable<Me['partnerOrg']>;
export type SessionResult = ApiSchema.SessionResult;
export type TenantPublic = ApiSchema.TenantPublic;
export type Dashboard = ApiSchema.Dashboard;
export type User = ApiSchema.User;
export type Invitation = ApiSchema.Invitation;
export type InvitationLookup = ApiSchema.InvitationLookup;
export type PartnerOrg = ApiSchema.PartnerOrg;
export type Deal = ApiSchema.Deal;
export type DealStatus = Deal['status'];
export type DealDetail = ApiSchema.DealDetail;
export type DealTimelineEntry = DealDetail['timeline'][number];
export type DealConflictMatch = NonNullable<ApiSchema.DealConflict>['matches'][number];
export type DealPage = ApiSchema.DealPage;
export type DealCustomField = ApiSchema.DealCustomField;
export type DealForm = ApiSchema.DealForm;
export type DealComment = ApiSchema.DealComment;
export type DealExtension = ApiSchema.DealExtension;
export type RegisterDealInput = ApiSchema.RegisterDealInput;
export type Notification = ApiSchema.Notification;
export type NotificationPage = ApiSchema.NotificationPage;

export type Health = SuccessBody<Operation<'/api/health', 'get'>>;
export type SignupResult = SuccessBody<Operation<'/api/signup', 'post'>>;
export type Mailbox = SuccessBody<Operation<'/api/dev/mailbox', 'get'>>;
export type MailboxMessage = Mailbox['messages'][number];
export type UserPage = SuccessBody<Operation<'/api/t/{tenant}/users', 'get'>>;

export type SignupVendorInput = ApiSchema.SignupVendorInput;
export type LoginInput = ApiSchema.LoginInput;
export type PasswordResetConfirm = ApiSchema.PasswordResetConfirm;
export type InviteUserInput = ApiSchema.InviteUserInput;
export type AcceptInvitationInput = ApiSchema.AcceptInvitationInput;
export type UserListQuery = QueryParams<Operation<'/api/t/{tenant}/users', 'get'>>;

// --- Failures --------------------------------------------------------------

/** RFC 9457 problem details exactly as the API sends them (application/problem+json). */
export type ApiProblem = ApiSchema.Problem;
export type ProblemFieldError = NonNullable<ApiProblem['errors']>[number];

/**
 * A failure as the portal sees it: the API's problem, or one the client makes
 * up when the API did not answer or something in front of it did (no
 * request id and perhaps no detail then).
 */
export type Problem = Omit<ApiProblem, 'detail' | 'requestId'> &
	Partial<Pick<ApiProblem, 'detail' | 'requestId'>>;

export type ApiResult<T> =
	| { ok: true; status: number; data: T }
	| { ok: false; status: number; problem: Problem; retryAfterSeconds: number | null };
