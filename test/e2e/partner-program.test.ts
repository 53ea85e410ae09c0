// The partner program in a real browser against the real stack: a visitor
// applies on the public page, a channel manager approves, the new partner
// admin joins from the dev mailbox, is held at the agreement until signing,
// completes onboarding; the vendor admin builds a tier ladder, the channel
// manager records a metric and evaluates, and the partner sees its new tier
// and its progress toward the next one.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser.ts";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const slug = `prog${Date.now().toString(36)}`;
const tenant = `${portal}/t/${slug}`;
const admin = { name: "Ada Admin", email: `ada@${slug}.test`, password: "vendor-password-1" };
const manager = { name: "Max Manager", email: `max@${slug}.test`, password: "manager-password-1" };
const applicant = { name: "Pia Partner", email: `pia@${slug}-reseller.test`, password: "partner-password-1", company: "Quokka Systems" };

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
  return context.newPage();
}

/** Navigates and waits until the page is hydrated, so typing is never lost. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated=true]");
}

async function signIn(page: Page, who: { email: string; password: string }, landing = tenant) {
  await open(page, `${tenant}/login`);
  await page.fill("[data-testid=login-form] input[name=email]", who.email);
  await page.fill("[data-testid=login-form] input[name=password]", who.password);
  await page.click("[data-testid=login-form] button[type=submit]");
  await page.waitForURL(landing);
}

/** The newest invitation link the dev mailbox holds for an address (delivery goes through the outbox queue). */
async function invitationLink(page: Page, email: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${portal}/dev/mailbox`);
    const links = page.locator("[data-testid=mailbox-message]", { hasText: email }).locator(`a[href*="/t/${slug}/invite?token="]`);
    if (await links.count()) return (await links.first().getAttribute("href"))!;
    await page.waitForTimeout(250);
  }
  throw new Error(`no invitation reached ${email}`);
}

async function acceptInvitation(page: Page, email: string, password: string, landing: string) {
  await open(page, await invitationLink(page, email));
  const form = page.locator("[data-testid=invite-form]");
  await form.locator("input[name=password]").fill(password);
  await form.locator("input[name=confirm]").fill(password);
  await form.locator("button[type=submit]").click();
  await page.waitForURL(landing);
}

/** Nothing wider than the screen: no sideways scrolling at any width or language. */
async function expectFitsScreen(page: Page) {
  // A string, evaluated in the page: this file is type-checked without the DOM library.
  const [scroll, client] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [number, number];
  expect(scroll).toBeLessThanOrEqual(client);
}

async function addTier(page: Page, name: string, criterion?: { key: string; min: number }) {
  await open(page, `${tenant}/program/tiers`);
  const form = page.locator("[data-testid=tier-form]");
  await form.locator("input[name=name]").fill(name);
  if (criterion) {
    await form.locator("[data-testid=criterion-add]").click();
    const row = form.locator("[data-testid=criterion-row]").last();
    await row.locator("select").selectOption("custom");
    await row.locator("input[name$=customKey]").fill(criterion.key);
    await row.locator("input[name$='.min']").fill(String(criterion.min));
  }
  await form.locator("[data-testid=tier-save]").click();
  await page.locator("[data-testid=tier-saved]").waitFor();
  await page.locator("[data-testid=tier-card]", { hasText: name }).waitFor();
}

async function evaluateTiers(page: Page) {
  await open(page, `${tenant}/program/changes`);
  await page.click("[data-testid=evaluate-now]");
  await page.locator("[data-testid=evaluation-result]").waitFor();
}

describe("the partner program in the portal", () => {
  it("a vendor admin signs up, publishes the agreement, sets onboarding steps and invites a channel manager", async () => {
    const page = await newPage();
    await open(page, `${portal}/signup`);
    await page.fill("input[name=company]", "Program Networks");
    await page.fill("input[name=slug]", slug);
    await page.fill("input[name=name]", admin.name);
    await page.fill("input[name=email]", admin.email);
    await page.fill("input[name=password]", admin.password);
    await page.click("[data-testid=signup-form] button[type=submit]");
    await page.waitForURL(tenant);
    await expectFitsScreen(page);

    // The partner agreement, version 1.
    await page.click("[data-testid=nav-agreements]");
    await page.click("[data-testid=agreements-publish-link]");
    const publish = page.locator("[data-testid=agreement-publish-form]");
    await publish.locator("input[name=title]").fill("Partner Program Agreement");
    await publish.locator("textarea[name=body]").fill("Partners register deals in good faith.\n\nThe vendor pays MDF claims within 30 days.");
    await publish.locator("[data-testid=agreement-publish-submit]").click();
    await page.locator("[data-testid=agreement-version-row]").first().waitFor();

    // Onboarding: the agreement (ticks itself) and a kickoff call (ticked by the partner).
    await open(page, `${tenant}/onboarding`);
    const add = page.locator("[data-testid=onboarding-add-form]");
    await add.locator("select[name=kind]").selectOption("sign_agreement");
    await add.locator("input[name=title]").fill("Sign the partner agreement");
    await add.locator("[data-testid=onboarding-add-submit]").click();
    await page.locator("[data-testid=onboarding-step-row]", { hasText: "Sign the partner agreement" }).waitFor();
    await add.locator("select[name=kind]").selectOption("custom");
    await add.locator("input[name=title]").fill("Book the kickoff call");
    await add.locator("[data-testid=onboarding-add-submit]").click();
    await page.locator("[data-testid=onboarding-step-row]", { hasText: "Book the kickoff call" }).waitFor();

    // A channel manager to work the partners.
    await open(page, `${tenant}/users`);
    const invite = page.locator("[data-testid=invite-form]");
    await invite.locator("input[name=email]").fill(manager.email);
    await invite.locator("input[name=name]").fill(manager.name);
    await invite.locator("select[name=role]").selectOption("channel_manager");
    await invite.locator("button[type=submit]").click();
    await page.locator("[data-testid=invitation-row]", { hasText: manager.email }).waitFor();
    await page.context().close();

    const joining = await newPage();
    await acceptInvitation(joining, manager.email, manager.password, tenant);
    await joining.context().close();
  });

  it("a visitor applies on the public page at phone width, with field errors first", async () => {
    const page = await newPage(360);
    await open(page, `${tenant}/apply`);
    const form = page.locator("[data-testid=apply-form]");
    await form.locator("input[name=company]").fill(applicant.company);
    await form.locator("input[name=websiteDomain]").fill("not a domain");
    await form.locator("button[type=submit]").click();
    await form.locator("input[name=websiteDomain][aria-invalid=true]").waitFor();
    expect(await form.locator("input[name=company]").inputValue()).toBe(applicant.company);

    await form.locator("input[name=websiteDomain]").fill("quokka.example");
    await form.locator("select[name=country]").selectOption("AU");
    await form.locator("select[name=partnerType]").selectOption("reseller");
    await form.locator("input[name=contactName]").fill(applicant.name);
    await form.locator("input[name=contactEmail]").fill(applicant.email);
    await form.locator("textarea[name=message]").fill("We resell networking gear across Queensland.");
    await form.locator("button[type=submit]").click();
    await page.locator("[data-testid=apply-thanks]").waitFor();
    await page.context().close();
  });

  it("the channel manager approves the application, which invites the partner admin", async () => {
    const page = await newPage();
    await signIn(page, manager);
    await page.click("[data-testid=nav-applications]");
    await page.locator("[data-testid=application-row]", { hasText: applicant.company }).locator("[data-testid=application-link]").click();
    await page.locator("[data-testid=application-company]", { hasText: applicant.company }).waitFor();
    await page.click("[data-testid=decision-approve] summary");
    await page.click("[data-testid=approve-confirm]");
    await page.locator("[data-testid=review-outcome]").waitFor();
    await page.locator("[data-testid=review-partner-link]").waitFor();
    await page.context().close();
  });

  it("the partner admin joins, is held at the agreement until signing, then completes onboarding", async () => {
    const page = await newPage(360);
    await acceptInvitation(page, applicant.email, applicant.password, `${tenant}/agreements`);

    // Held: every other page leads back to the agreement.
    await open(page, `${tenant}/onboarding`);
    expect(new URL(page.url()).pathname).toBe(`/t/${slug}/agreements`);
    expect(await page.locator("[data-testid=agreement-title]").innerText()).toBe("Partner Program Agreement");

    const sign = page.locator("[data-testid=agreement-sign-form]");
    await sign.locator("input[name=signedName]").fill(applicant.name);
    await sign.locator("[data-testid=agreement-sign-submit]").click();
    await page.locator("[data-testid=agreement-signed-now]").waitFor();

    // Free to move on: the agreement step has ticked itself; the partner ticks the call.
    await open(page, `${tenant}/onboarding`);
    const agreementStep = page.locator("[data-testid=onboarding-step][data-kind=sign_agreement]");
    expect(await agreementStep.getAttribute("data-done")).toBe("true");
    const call = page.locator("[data-testid=onboarding-step]", { hasText: "Book the kickoff call" });
    await call.locator("[data-testid=onboarding-mark-done]").click();
    await page.locator("[data-testid=onboarding-step][data-done=true]", { hasText: "Book the kickoff call" }).waitFor();
    await page.context().close();
  });

  it("the partner admin brings in a teammate, then removes them after confirming; the removed teammate cannot sign in", async () => {
    const teammate = { name: "Tom Teammate", email: `tom@${slug}-reseller.test`, password: "teammate-password-1" };
    const page = await newPage(360);
    await signIn(page, applicant);
    await open(page, `${tenant}/users`);
    const invite = page.locator("[data-testid=invite-form]");
    await invite.locator("input[name=email]").fill(teammate.email);
    await invite.locator("input[name=name]").fill(teammate.name);
    await invite.locator("button[type=submit]").click();
    await page.locator("[data-testid=invitation-row]", { hasText: teammate.email }).waitFor();

    const joining = await newPage(360);
    await acceptInvitation(joining, teammate.email, teammate.password, tenant);
    await joining.context().close();

    await open(page, `${tenant}/users`);
    // No actions on oneself; the teammate's row has them.
    await page.locator("[data-testid=member-row]", { hasText: applicant.email }).locator("[data-testid=member-self]").waitFor();
    const row = page.locator("[data-testid=member-row]", { hasText: teammate.email });
    await row.locator("[data-testid=member-remove]").click();
    await row.locator("[data-testid=member-remove-confirm]").click();
    await row.locator("[data-testid=member-removed]").waitFor();
    await page.context().close();

    const removed = await newPage(360);
    await open(removed, `${tenant}/login`);
    await removed.fill("[data-testid=login-form] input[name=email]", teammate.email);
    await removed.fill("[data-testid=login-form] input[name=password]", teammate.password);
    await removed.click("[data-testid=login-form] button[type=submit]");
    await removed.locator("[data-testid=login-form] [data-form-message]").waitFor();
    expect(new URL(removed.url()).pathname).toBe(`/t/${slug}/login`);
    await removed.context().close();
  });

  it("the vendor admin builds a tier ladder; the first evaluation places the partner on the entry tier", async () => {
    const page = await newPage();
    await signIn(page, admin);
    await addTier(page, "Registered");
    await addTier(page, "Gold", { key: "certified_engineers", min: 2 });
    await addTier(page, "Platinum", { key: "certified_engineers", min: 5 });
    await evaluateTiers(page);
    expect(await page.locator("[data-testid=evaluation-evaluated]").innerText()).toBe("1");
    await page.context().close();

    const partner = await newPage(360);
    await signIn(partner, applicant);
    await open(partner, `${tenant}/tier`);
    expect(await partner.locator("[data-testid=my-tier-name]").innerText()).toContain("Registered");
    expect(await partner.locator("[data-testid=my-tier-progress]").innerText()).toContain("Gold");
    await partner.context().close();
  });

  it("the channel manager records the partner's certified engineers and evaluation promotes it to Gold", async () => {
    const page = await newPage();
    await signIn(page, manager);
    await open(page, `${tenant}/partners`);
    await page.locator("[data-testid=partner-row]", { hasText: applicant.company }).locator("a").first().click();
    await page.waitForURL(new RegExp(`/t/${slug}/partners/[^/?]+$`));
    const metric = page.locator("[data-testid=metric-form][data-metric='custom:certified_engineers']");
    await metric.locator("input[name=value]").fill("3");
    await metric.locator("button[type=submit]").click();
    await page.locator("[data-testid=metric-saved]").waitFor();
    await evaluateTiers(page);
    expect(await page.locator("[data-testid=evaluation-applied]").innerText()).toMatch(/1/);
    await page.context().close();

    const partner = await newPage(360);
    await signIn(partner, applicant);
    await open(partner, `${tenant}/tier`);
    expect(await partner.locator("[data-testid=my-tier-name]").innerText()).toContain("Gold");
    const progress = await partner.locator("[data-testid=my-tier-progress]").innerText();
    expect(progress).toContain("Platinum");
    expect(progress).toMatch(/3\D+5/);
    await expectFitsScreen(partner);
    expect(await partner.locator("[data-testid=my-tier-history]").innerText()).toContain("Gold");
    await partner.context().close();
  });
});
