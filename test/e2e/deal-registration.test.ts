// Deal registration in a real browser against the real stack: partner A
// registers a deal; partner B registers the same customer and is told why it
// conflicts, without learning who holds it; the channel manager approves A's
// and rejects B's from the side-by-side view; A's protection window runs out
// and the hourly sweep (the real cron, queue and consumer) expires it; A asks
// for an extension and the channel manager grants it.
//
// The people are set up through the public API (as an integration would);
// "the clock moves past the window" is the one thing done behind the
// product's back: the stored expiry of A's deal is set to the past before
// the cron fires, since the stack runs on the real clock.
import { createClient } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { portalStory } from "../support/e2e-portal.ts";

const libsqlUrl = inject("libsqlUrl");
let browser: Browser;

const slug = `deal${Date.now().toString(36)}`;
const password = "deal-password-1";
const story = portalStory(slug, password);
const { api, tenant, call, join } = story;
const people = {
  admin: { name: "Dora Admin", email: `dora@${slug}.test` },
  manager: { name: "Milo Manager", email: `milo@${slug}.test` },
  repA: { name: "Ari Alpha", email: `ari@alpha-${slug}.test` },
  repB: { name: "Bea Beta", email: `bea@beta-${slug}.test` },
};

beforeAll(async () => {
  browser = await launchChromium();
  const signup = (await call("POST", "/api/signup", undefined, { company: "Deal Networks", slug, ...people.admin, password })) as { session: { token: string } };
  const admin = signup.session.token;
  const alpha = (await call("POST", `/api/t/${slug}/partner-orgs`, admin, { name: "Alpha Resellers" })) as { id: string };
  const beta = (await call("POST", `/api/t/${slug}/partner-orgs`, admin, { name: "Beta Integrators" })) as { id: string };
  await join(admin, people.manager, "channel_manager", null);
  await join(admin, people.repA, "partner_user", alpha.id);
  await join(admin, people.repB, "partner_user", beta.id);
});
afterAll(async () => {
  await browser?.close();
});

const newPage = (width = 1280): Promise<Page> => story.newPage(browser, width);
const { open, signIn } = story;

async function registerGlobex(page: Page, customerName: string, domain: string) {
  await page.click("[data-testid=nav-deals]");
  await page.click("[data-testid=deal-register-link]");
  const form = page.locator("[data-testid=deal-form]");
  await form.waitFor();
  await form.locator("input[name=customerName]").fill(customerName);
  await form.locator("input[name=customerDomain]").fill(domain);
  await form.locator("input[name=contactName]").fill("Hank Scorpio");
  await form.locator("input[name=contactEmail]").fill(`hank@${domain.replace(/^https?:\/\/(www\.)?/, "").split("/")[0]}`);
  await form.locator("input[name=value]").fill("48000");
  await form.locator("input[name=expectedCloseDate]").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
  await form.locator("[name=products]").fill("Core Switch X");
  await form.locator("[data-testid=deal-submit]").click();
  await page.waitForURL(new RegExp(`/t/${slug}/deals/[0-9a-f-]{36}$`));
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

async function statusOf(page: Page) {
  return page.locator(".page-header [data-testid=deal-status]").first().getAttribute("data-status");
}

let dealA = "";
let dealB = "";

describe("deal registration in the portal", () => {
  it("partner A registers a deal at phone width and lands on it, waiting for review with a visible deadline", async () => {
    const page = await newPage(360);
    await signIn(page, people.repA);
    await page.click("[data-testid=menu-button]");
    dealA = await registerGlobex(page, "Globex Corporation", "https://www.globex.com");
    expect(await statusOf(page)).toBe("submitted");
    await page.locator("[data-testid=review-due]").first().waitFor();
    expect(await page.locator("[data-testid=deal-conflict]").count()).toBe(0);
    await page.context().close();
  });

  it("a rep saves a draft, comes back to it from the deal page and submits it", async () => {
    const page = await newPage(360);
    await signIn(page, people.repB);
    await open(page, `${tenant}/deals/new`);
    const form = page.locator("[data-testid=deal-form]");
    await form.locator("input[name=customerName]").fill("Initrode Systems");
    await form.locator("input[name=value]").fill("12000");
    await form.locator("[data-testid=deal-save-draft]").click();
    await page.waitForURL(new RegExp(`/t/${slug}/deals/[0-9a-f-]{36}$`));
    expect(await statusOf(page)).toBe("draft");
    await page.click("[data-testid=deal-draft-continue]");
    await page.waitForSelector("html[data-hydrated=true]");
    expect(await page.locator("[data-testid=deal-form] input[name=customerName]").inputValue()).toBe("Initrode Systems");
    await page.locator("[data-testid=deal-form] input[name=customerDomain]").fill("initrode.example");
    await page.locator("[data-testid=deal-form] [data-testid=deal-submit]").click();
    await page.waitForURL(new RegExp(`/t/${slug}/deals/[0-9a-f-]{36}$`));
    expect(await statusOf(page)).toBe("submitted");
    await page.locator("[data-testid=deal-timeline-entry][data-kind=submitted]").waitFor();
    await page.context().close();
  });

  it("partner B registers the same customer and is told why it conflicts, without learning who holds it", async () => {
    const page = await newPage();
    await signIn(page, people.repB);
    dealB = await registerGlobex(page, "GLOBEX Corp.", "shop.globex.com");
    const conflict = await page.locator("[data-testid=deal-conflict]").innerText();
    expect(conflict).toMatch(/domain/i);
    expect(conflict).not.toContain("Alpha Resellers");
    expect(await page.content()).not.toContain(dealA);
    await page.context().close();
  });

  it("the channel manager compares both side by side, approves A's and rejects B's", async () => {
    const page = await newPage();
    await signIn(page, people.manager);
    await page.click("[data-testid=nav-deals]");
    await page.locator("[data-testid=deal-row]").first().waitFor();
    await open(page, `${tenant}/deals/${dealB}`);
    const compare = page.locator("[data-testid=deal-conflict-compare]");
    await compare.waitFor();
    expect(await compare.innerText()).toContain("Alpha Resellers");
    // From B's comparison to A's registration, and approve it.
    await compare.locator(`[data-testid=deal-conflict-link][href$="${dealA}"]`).first().click();
    await page.waitForURL(new RegExp(`${dealA}$`));
    await page.waitForSelector("html[data-hydrated=true]");
    await page.click("[data-testid=deal-approve]");
    await page.click("[data-testid=deal-approve-confirm]");
    await page.locator(".page-header [data-testid=deal-status][data-status=approved]").waitFor();
    await page.locator("[data-testid=deal-expiry]").waitFor();

    await open(page, `${tenant}/deals/${dealB}`);
    await page.click("[data-testid=deal-reject]");
    await page.locator("[data-testid=deal-reject-form] textarea[name=reason]").fill("Alpha Resellers already holds this customer.");
    await page.click("[data-testid=deal-reject-confirm]");
    await page.locator(".page-header [data-testid=deal-status][data-status=rejected]").waitFor();
    await page.context().close();
  });

  it("the window runs out, the hourly sweep expires the deal, A asks for an extension and the manager grants it", async () => {
    // The clock moves: A's protection ended an hour ago.
    const control = createClient({ url: `${libsqlUrl}/control/` });
    const { rows } = await control.execute({ sql: "SELECT database_name FROM tenants WHERE slug = ?", args: [slug] });
    const db = createClient({ url: `${libsqlUrl}/${String(rows[0]!.database_name)}/` });
    await db.execute({ sql: "UPDATE deals SET expires_at = ? WHERE id = ?", args: [Date.now() - 3_600_000, dealA] });
    // The hourly cron, as the local scheduler fires it: fan-out, tenant-ops queue, expire-deals consumer.
    await fetch(`${api}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("0 * * * *")}`);
    let status = "";
    for (let i = 0; i < 60 && status !== "expired"; i++) {
      status = String((await db.execute({ sql: "SELECT status FROM deals WHERE id = ?", args: [dealA] })).rows[0]!.status);
      if (status !== "expired") await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe("expired");

    const partner = await newPage(360);
    await signIn(partner, people.repA);
    await open(partner, `${tenant}/deals/${dealA}`);
    expect(await statusOf(partner)).toBe("expired");
    await partner.locator("[data-testid=deal-timeline-entry][data-kind=expired]").waitFor();
    await partner.click("[data-testid=deal-extension-request]");
    await partner.locator("[data-testid=deal-extension-request-form] textarea[name=justification]").fill("The customer's board signs next month.");
    await partner.click("[data-testid=deal-extension-request-confirm]");
    await partner.locator("[data-testid=deal-extension]").first().waitFor();
    await partner.context().close();

    const manager = await newPage();
    await signIn(manager, people.manager);
    await open(manager, `${tenant}/deals/${dealA}`);
    await manager.click("[data-testid=deal-extension-approve]");
    await manager.locator(".page-header [data-testid=deal-status][data-status=approved]").waitFor();
    await manager.locator("[data-testid=deal-timeline-entry][data-kind=extension_granted]").waitFor();
    await manager.context().close();

    // A's mailbox has the story (the outbox queue delivers within seconds).
    let subjects = "";
    for (let i = 0; i < 60 && !subjects.includes("Protection extended"); i++) {
      const { messages } = (await call("GET", `/api/dev/mailbox?to=${encodeURIComponent(people.repA.email)}&limit=10`)) as { messages: { subject: string }[] };
      subjects = messages.map((m) => m.subject).join("\n");
      if (!subjects.includes("Protection extended")) await new Promise((r) => setTimeout(r, 250));
    }
    expect(subjects).toContain("Approved: Globex Corporation");
    expect(subjects).toContain("Protection extended: Globex Corporation");
  });
});
