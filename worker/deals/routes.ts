// Deal registration over HTTP: partners register, follow and close their
// deals; vendor staff review them. Every route validates with its schema and
// calls one verb.
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { type AppEnv, csvAttachment, csvResponse, jsonResponse, newRouter } from "../platform/http.ts";
import { tenantRoute } from "../platform/tenant-route.ts";
import { approveDeal, approveDealInput } from "./approve-deal.ts";
import { bulkReviewDeals, bulkReviewDealsInput, bulkReviewResultSchema } from "./bulk-review-deals.ts";
import { reassignDeal, reassignDealInput } from "./reassign-deal.ts";
import { commentOnDeal, commentOnDealInput, dealCommentSchema } from "./comment-on-deal.ts";
import { decideDealExtension, decideDealExtensionInput } from "./decide-deal-extension.ts";
import { dealExtensionSchema } from "./extension-schema.ts";
import { dealFormSchema, getDealForm } from "./get-deal-form.ts";
import { requestDealExtension, requestDealExtensionInput } from "./request-deal-extension.ts";
import { dealSchema, registerDealInput } from "./deal-schema.ts";
import { DEAL_EXPORT_COLUMNS, exportDeals, exportDealsQuery } from "./export-deals.ts";
import { dealDetailSchema, getDeal } from "./get-deal.ts";
import { dealPageSchema, listDeals, listDealsQuery } from "./list-deals.ts";
import { markDealLost, markDealLostInput } from "./mark-deal-lost.ts";
import { markDealWon, markDealWonInput } from "./mark-deal-won.ts";
import { registerDeal } from "./register-deal.ts";
import { rejectDeal, rejectDealInput } from "./reject-deal.ts";
import { requestDealInfo, requestDealInfoInput } from "./request-deal-info.ts";
import { resubmitDeal, resubmitDealInput } from "./resubmit-deal.ts";

const idempotencyHeader = z.object({
  "idempotency-key": z.string().min(8, "Use at least 8 characters.").max(100, "Use at most 100 characters.").optional(),
});

function transitionRoute<const P extends string, T extends z.ZodType>(
  path: P,
  summary: string,
  permission: "deals.review" | "deals.register" | "deals.read",
  body: T,
) {
  return tenantRoute({
    method: "post",
    path: `/deals/{id}/${path}`,
    summary,
    permission,
    body,
    responses: { 200: jsonResponse("The deal after the change", dealSchema) },
    problems: [409, 412],
  });
}

// Typed as the plain router: the chained route types add nothing here (the portal
// reads the OpenAPI document) and would push the app's type past the compiler's limit.
export const dealRoutes: OpenAPIHono<AppEnv> = newRouter()
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals",
      summary: "Register a deal (or save a draft); conflicts are checked at once",
      description: "Send an `Idempotency-Key` header to make retries safe: a second request with the same key returns the first registration (200) instead of creating another.",
      permission: "deals.register",
      headers: idempotencyHeader,
      body: registerDealInput,
      responses: { 200: jsonResponse("The earlier registration with this idempotency key", dealSchema), 201: jsonResponse("Registered", dealSchema) },
      problems: [409, 412],
    }),
    async (c) => {
      const { deal, replayed } = await registerDeal({
        ctx: c.get("ctx"),
        input: c.req.valid("json"),
        idempotencyKey: c.req.valid("header")["idempotency-key"] ?? null,
      });
      return replayed ? c.json(deal, 200) : c.json(deal, 201);
    },
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/deals",
      summary: "Deal registrations: filters, search, three orders, keyset pages",
      permission: "deals.read",
      query: listDealsQuery,
      responses: { 200: jsonResponse("A page of deals", dealPageSchema) },
      problems: [400],
    }),
    async (c) => c.json(await listDeals({ ctx: c.get("ctx"), query: c.req.valid("query") }), 200),
  )
  // Registered before /deals/{id}, which would otherwise take "export.csv" as an id.
  .openapi(
    tenantRoute({
      method: "get",
      path: "/deals/export.csv",
      summary: "Export deal registrations as CSV: the list's filters and order, every matching row",
      description: `Streams RFC 4180 CSV in keyset batches, without a row limit. Columns: ${DEAL_EXPORT_COLUMNS.join(", ")}. ` +
        "Status is the raw key, value is in major units with the currency's digits, times are ISO 8601 UTC, products are separated " +
        'by "; " and conflicts counts the conflicting registrations. Cells a spreadsheet would run as a formula start with a single quote.',
      permission: "deals.read",
      query: exportDealsQuery,
      responses: { 200: csvResponse("RFC 4180 CSV with a header row") },
    }),
    async (c) => csvAttachment(c, await exportDeals({ ctx: c.get("ctx"), query: c.req.valid("query") }), "deals.csv"),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/deals/form",
      summary: "What the registration form asks: the program's custom fields and the currencies",
      permission: "deals.read",
      responses: { 200: jsonResponse("The form", dealFormSchema) },
    }),
    async (c) => c.json(await getDealForm({ ctx: c.get("ctx") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "get",
      path: "/deals/{id}",
      summary: "One deal registration with its timeline",
      permission: "deals.read",
      responses: { 200: jsonResponse("The deal", dealDetailSchema) },
    }),
    async (c) => c.json(await getDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  )
  .openapi(transitionRoute("approve", "Approve: the protection window starts", "deals.review", approveDealInput), async (c) =>
    c.json(await approveDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(transitionRoute("reject", "Reject, with the reason the partner reads", "deals.review", rejectDealInput), async (c) =>
    c.json(await rejectDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(transitionRoute("request-info", "Ask the partner for more information", "deals.review", requestDealInfoInput), async (c) =>
    c.json(await requestDealInfo({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(transitionRoute("resubmit", "Answer the vendor and send the registration back for review", "deals.register", resubmitDealInput), async (c) =>
    c.json(await resubmitDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(transitionRoute("won", "Record the deal as won", "deals.read", markDealWonInput), async (c) =>
    c.json(await markDealWon({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(transitionRoute("lost", "Record the deal as lost", "deals.read", markDealLostInput), async (c) =>
    c.json(await markDealLost({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals/{id}/comments",
      summary: "Add a message to the deal's thread",
      permission: "deals.read",
      body: commentOnDealInput,
      responses: { 201: jsonResponse("Posted", dealCommentSchema) },
    }),
    async (c) => c.json(await commentOnDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals/{id}/extensions",
      summary: "Ask for more protection time (approved or expired registrations)",
      permission: "deals.register",
      body: requestDealExtensionInput,
      responses: { 201: jsonResponse("Requested", dealExtensionSchema) },
      problems: [409, 412],
    }),
    async (c) => c.json(await requestDealExtension({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals/{id}/extensions/{requestId}/decision",
      summary: "Grant or deny an extension request",
      permission: "deals.review",
      body: decideDealExtensionInput,
      responses: { 200: jsonResponse("Decided", z.object({ deal: dealSchema, extension: dealExtensionSchema }).openapi("DealExtensionDecision")) },
      problems: [409, 412],
    }),
    async (c) => {
      const { id, requestId } = c.req.valid("param");
      return c.json(await decideDealExtension({ ctx: c.get("ctx"), dealId: id, requestId, input: c.req.valid("json") }), 200);
    },
  )
  .openapi(transitionRoute("reassign", "Hand the review to another channel manager", "deals.review", reassignDealInput), async (c) =>
    c.json(await reassignDeal({ ctx: c.get("ctx"), id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals/bulk-review",
      summary: "Approve or reject many registrations from the review queue",
      permission: "deals.review",
      body: bulkReviewDealsInput,
      responses: { 200: jsonResponse("What was done, and why not for the rest", bulkReviewResultSchema) },
    }),
    async (c) => c.json(await bulkReviewDeals({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  )
  .openapi(
    tenantRoute({
      method: "post",
      path: "/deals/{id}/draft",
      summary: "Save a draft again with new fields, or submit it (`submit: true`)",
      permission: "deals.register",
      body: registerDealInput,
      responses: { 200: jsonResponse("The draft, saved or submitted", dealSchema) },
      problems: [409, 412],
    }),
    async (c) => c.json((await registerDeal({ ctx: c.get("ctx"), input: c.req.valid("json"), continuing: { id: c.req.valid("param").id, from: "draft" } })).deal, 200),
  );
