// The notification centre in a real browser against the real stack: the
// vendor approves a partner rep's deal; the rep, at phone width, sees the
// bell's count, opens the notification centre, reads the sentence in their
// language, clicks through to the deal and the count drops. Without
// JavaScript the rep can still open the centre and mark everything read.
//
// The portal, people and the registration are set up through the public API
// (as an integration would); the approval is clicked in the portal.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { portalStory } from "../support/e2e-portal.ts";

const slug = `bell${Date.now().toString(36)}`;
const password = "bell-password-1";
const { tenant, call, join, newPage, open, signIn } = portalStory(slug, password);
const people = {
  admin: { name: "Dora Admin", email: `dora@${slug}.test` },
  rep: { name: "Ari Alpha", email: `ari@alpha-${slug}.test` },
};
let browser: Browser;
let adminToken = "";
let dealId = "";

beforeAll(async () => {
  browser = await launchChromium();
  const signup = (await call("POST", "/api/signup", undefined, { company: "Bell Networks", slug, ...people.admin, password })) as { session: { token: string } };
  adminToken = signup.session.token;
  const alpha = (await call("POST", `/api/t/${slug}/partner-orgs`, adminToken, { name: "Alpha Resellers" })) as { id: string };
  const repToken = await join(adminToken, people.rep, "partner_user", alpha.id);
  const deal = (await call("POST", `/api/t/${slug}/deals`, repToken, {
    customerName: "Globex Corporation",
    customerDomain: "globex.com",
    value: 48000,
    currency: "USD",
    products: ["Core Switch X"],
  })) as { id: string };
  dealId = deal.id;
});
afterAll(async () => {
  await browser?.close();
});

const bell = (page: Page) => page.locator("[data-testid=notifications-bell]");

describe("the notification centre", () => {
  it("the vendor approves the rep's deal in the portal", async () => {
    const page = await newPage(browser);
    await signIn(page, people.admin);
    await open(page, `${tenant}/deals/${dealId}`);
    await page.click("[data-testid=deal-approve]");
    await page.click("[data-testid=deal-approve-confirm]");
    await page.locator(".page-header [data-testid=deal-status][data-status=approved]").waitFor();
    await page.context().close();
  });

  it("the rep sees the count on the bell, reads the sentence, opens the deal and the count drops", async () => {
    const page = await newPage(browser, 360);
    await signIn(page, people.rep);
    // The bell sits in the header bar, outside the folded menu.
    await bell(page).waitFor({ state: "visible" });
    expect(await bell(page).getAttribute("aria-label")).toBe("Notifications, 1 unread");
    expect(await page.locator("[data-testid=notifications-badge]").innerText()).toBe("1");

    await bell(page).click();
    await page.waitForURL(`${tenant}/notifications`);
    const item = page.locator("[data-testid=notification]");
    expect(await item.count()).toBe(1);
    expect(await item.getAttribute("data-read")).toBe("false");
    expect(await item.getAttribute("data-kind")).toBe("deal.approved");
    expect(await item.locator("[data-testid=notification-text]").innerText()).toMatch(
      /^Your registration for Globex Corporation was approved\. It is protected until [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/,
    );
    // Nothing overflows the phone's width.
    const [scroll, client] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [number, number];
    expect(scroll).toBeLessThanOrEqual(client);

    await item.locator("[data-testid=notification-open]").click();
    await page.waitForURL(`${tenant}/deals/${dealId}`);
    await page.locator(".page-header [data-testid=deal-status][data-status=approved]").waitFor();
    expect(await bell(page).getAttribute("aria-label")).toBe("Notifications");
    expect(await page.locator("[data-testid=notifications-badge]").count()).toBe(0);

    await bell(page).click();
    await page.waitForURL(`${tenant}/notifications`);
    expect(await page.locator("[data-testid=notification]").getAttribute("data-read")).toBe("true");
    await page.click("[data-testid=notifications-view-unread]");
    await page.locator("[data-testid=notifications-caught-up]").waitFor();
    await page.context().close();
  });

  it("works without JavaScript: the rep reads a comment's notification and marks all as read", async () => {
    await call("POST", `/api/t/${slug}/deals/${dealId}/comments`, adminToken, { body: "Congratulations, let's plan the kickoff." });
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "en-US", javaScriptEnabled: false });
    const page = await context.newPage();
    // The login form posts to its action like any other.
    await page.goto(`${tenant}/login`);
    await page.fill("[data-testid=login-form] input[name=email]", people.rep.email);
    await page.fill("[data-testid=login-form] input[name=password]", password);
    await page.click("[data-testid=login-form] button[type=submit]");
    await page.waitForURL(tenant);
    expect(await bell(page).getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await page.goto(`${tenant}/notifications?unread=true`);
    const item = page.locator("[data-testid=notification]");
    expect(await item.locator("[data-testid=notification-text]").innerText()).toBe("Dora Admin commented on Globex Corporation.");
    await page.click("[data-testid=notifications-read-all]");
    await page.waitForURL(`${tenant}/notifications?unread=true`);
    await page.locator("[data-testid=notifications-caught-up]").waitFor();
    expect(await bell(page).getAttribute("aria-label")).toBe("Notifications");
    await page.context().close();
  });
});
