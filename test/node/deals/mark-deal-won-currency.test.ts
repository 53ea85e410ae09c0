// Recording a won deal checks its currency exactly as registration does: a
// code outside the currency table is a 422 naming `currency` (it used to pass
// any three letters, and the amount was converted with a guessed 2 digits).
// Through the real app and its whole middleware chain, in Node.
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/app.ts";
import type { WorkerEnv } from "../../../worker/config.ts";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { markDealWonInput } from "../../../worker/deals/mark-deal-won.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { createDealPortal, dealInput, DAY } from "../../support/deals.ts";
import { createTestPlatform } from "../../support/platform.ts";

const p = await createTestPlatform();

const env: WorkerEnv = {
  ENVIRONMENT: "test",
  LIBSQL_URL: p.config.libsql.url,
  CONTROL_DB_URL: p.config.control.url,
  PORTAL_URL: p.config.portalUrl,
  TENANT_BASE_DOMAIN: p.config.tenantBaseDomain,
  OUTBOX_QUEUE: p.config.queues.outbox,
  TENANT_OPS_QUEUE: p.config.queues.tenantOps,
};

const post = (path: string, token: string, body: unknown) =>
  app.request(path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }, env);

describe("marking a deal won", () => {
  it("answers an unknown currency with a 422 naming currency, and takes a known one in any case", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", now), id: deal.id });
    const won = `/api/t/${w.t.tenant.slug}/deals/${deal.id}/won`;
    const closedOn = new Date(now - DAY).toISOString().slice(0, 10);

    const unknown = await post(won, w.tokens.northRep, { amount: 1000, currency: "XYZ", closedOn });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await unknown.json()) as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.field)).toEqual(["currency"]);
    expect(problem.errors[0]!.message).toBe("Use a currency code such as USD or EUR.");

    // The same words registration gives for the same mistake.
    const registration = await post(`/api/t/${w.t.tenant.slug}/deals`, w.tokens.northRep, { customerName: "Initech", value: 10, currency: "XYZ" });
    expect(registration.status).toBe(422);
    const registered = (await registration.json()) as { errors: { field: string; message: string }[] };
    expect(registered.errors.find((e) => e.field === "currency")!.message).toBe(problem.errors[0]!.message);

    // Refused, so still approved; a known code (lower case is fine) is taken, in its own digits.
    const ok = await post(won, w.tokens.northRep, { amount: 125_000, currency: "jpy", closedOn });
    expect(ok.status).toBe(200);
    expect((await ok.json()) as { status: string; wonAmountMinor: number }).toMatchObject({ status: "won", wonAmountMinor: 125_000 });
  });

  it("uses registration's schema piece, so the route's input refuses what registration refuses", () => {
    const parsed = markDealWonInput.safeParse({ amount: 5, currency: "ABC", closedOn: "2026-01-01" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["currency"]);
    expect(markDealWonInput.parse({ amount: 5, currency: " eur ", closedOn: "2026-01-01" }).currency).toBe("EUR");
  });
});
