// A vendor asks about a registration; the partner rep edits it in the
// registration form, answers the question and resubmits it, and the timeline
// says what changed. The rep then switches the portal to Spanish, and the
// vendor's decision reaches them by email in Spanish.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { portalStory, type Person } from "../support/e2e-portal.ts";

const slug = `resub${Date.now().toString(36)}`;
const story = portalStory(slug, "resubmit-password-1");
const admin: Person = { name: "Dana Admin", email: `dana@${slug}.test` };
const rep: Person = { name: "Remy Rep", email: `remy@alpha-${slug}.test` };
let browser: Browser;
let adminToken = "";
let dealId = "";

beforeAll(async () => {
  browser = await launchChromium();
  const signup = (await story.call("POST", "/api/signup", undefined, { company: "Resubmit Networks", slug, ...admin, password: "resubmit-password-1" })) as {
    session: { token: string };
  };
  adminToken = signup.session.token;
  const alpha = (await story.call("POST", `/api/t/${slug}/partner-orgs`, adminToken, { name: "Alpha Resellers" })) as { id: string };
  const repToken = await story.join(adminToken, rep, "partner_user", alpha.id);
  const deal = (await story.call("POST", `/api/t/${slug}/deals`, repToken, {
    customerName: "Globex Corporation",
    customerDomain: "globex.com",
    value: 48000,
    currency: "USD",
    products: ["Core Switch X"],
  })) as { id: string };
  dealId = deal.id;
  await story.call("POST", `/api/t/${slug}/deals/${dealId}/request-info`, adminToken, { message: "Is the customer Globex or its parent Initech?" });
});
afterAll(async () => {
  await browser?.close();
});

describe("editing a registration the vendor asked about", () => {
  it("the rep edits it at phone width, must answer the question, resubmits, and the timeline lists the changes", async () => {
    const page = await story.newPage(browser, 360);
    await story.signIn(page, rep);
    await story.open(page, `${story.tenant}/deals/${dealId}`);
    await page.click("[data-testid=deal-edit-resubmit]");
    await page.waitForURL(/\/deals\/new\?resubmit=/);
    await page.waitForSelector("html[data-hydrated=true]");
    expect(await page.locator("[data-testid=deal-resubmit-question]").innerText()).toBe("Is the customer Globex or its parent Initech?");
    const form = page.locator("[data-testid=deal-form]");
    expect(await form.locator("input[name=customerName]").inputValue()).toBe("Globex Corporation");
    expect(await page.locator("[data-testid=deal-save-draft]").count()).toBe(0);
    await form.locator("input[name=customerName]").fill("Initech");
    await form.locator("input[name=customerDomain]").fill("initech.com");
    await form.locator("input[name=value]").fill("60000");

    // No answer yet: the form says so and keeps the edits.
    await form.locator("[data-testid=deal-submit]").click();
    await form.locator("#deal-resubmit-message[aria-invalid=true]").waitFor();
    expect(await form.locator("input[name=customerName]").inputValue()).toBe("Initech");

    await form.locator("textarea[name=message]").fill("It is Initech, the parent company.");
    await form.locator("[data-testid=deal-submit]").click();
    await page.waitForURL(new RegExp(`/deals/${dealId}$`));
    await page.locator(".page-header [data-testid=deal-status][data-status=submitted]").waitFor();
    const entry = page.locator("[data-testid=deal-timeline-entry][data-kind=resubmitted]");
    await entry.waitFor();
    const text = await entry.innerText();
    expect(text).toContain("It is Initech, the parent company.");
    expect(text).toMatch(/Changed: .*Website or domain.*Estimated value/);
    await page.context().close();
  });

  it("after switching the portal to Spanish, the rep's mail about the decision is in Spanish", async () => {
    const page = await story.newPage(browser);
    await story.signIn(page, rep);
    await page.selectOption("#shell-language-select", "es");
    await page.click("[data-testid=language-switcher] button[type=submit]");
    await page.waitForSelector("html[lang=es]");
    await page.context().close();

    await story.call("POST", `/api/t/${slug}/deals/${dealId}/approve`, adminToken, {});
    const mail = await story.mailTo(rep.email, /Aprobado: Initech/);
    expect(mail.subject).toBe("Aprobado: Initech");
  });
});
