// The vendor's review queue in a real browser, at phone width: a channel
// manager ticks waiting registrations, approves them together after
// confirming and reads which could not be and why; downloads the list as a
// CSV in the page's language; and hands one review to a colleague, which the
// deal's timeline then shows.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { portalStory, type Person } from "../support/e2e-portal.ts";

const slug = `queue${Date.now().toString(36)}`;
const password = "queue-password-1";
const story = portalStory(slug, password);
const admin: Person = { name: "Quinn Admin", email: `quinn@${slug}.test` };
const manager: Person = { name: "Milo Manager", email: `milo@${slug}.test` };
const colleague: Person = { name: "Rita Reviewer", email: `rita@${slug}.test` };
const rep: Person = { name: "Ari Alpha", email: `ari@alpha-${slug}.test` };
let browser: Browser;
let repToken = "";
let managerToken = "";

beforeAll(async () => {
  browser = await launchChromium();
  const signup = (await story.call("POST", "/api/signup", undefined, { company: "Queue Networks", slug, ...admin, password })) as { session: { token: string } };
  const alpha = (await story.call("POST", `/api/t/${slug}/partner-orgs`, signup.session.token, { name: "Alpha Resellers" })) as { id: string };
  managerToken = await story.join(signup.session.token, manager, "channel_manager", null);
  await story.join(signup.session.token, colleague, "channel_manager", null);
  repToken = await story.join(signup.session.token, rep, "partner_user", alpha.id);
});
afterAll(async () => {
  await browser?.close();
});

async function register(customerName: string): Promise<string> {
  const customerDomain = `${customerName.toLowerCase().replace(/[^a-z]+/g, "-")}.example`;
  const deal = await story.call("POST", `/api/t/${slug}/deals`, repToken, { customerName, customerDomain, value: 25000, currency: "USD", products: ["Edge Router"] });
  return String(deal.id);
}

/** Nothing wider than the screen. A string, evaluated in the page: this file is type-checked without the DOM library. */
async function expectFitsScreen(page: Page) {
  const [scroll, client] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [number, number];
  expect(scroll).toBeLessThanOrEqual(client);
}

describe("the review queue's bulk review and reassignment", () => {
  it("a channel manager ticks waiting deals, approves them after confirming and reads which could not be", async () => {
    const initech = await register("Initech Labs");
    const umbrella = await register("Umbrella Health");
    const soylent = await register("Soylent Foods");

    const page = await story.newPage(browser, 360);
    await story.signIn(page, manager);
    await story.open(page, `${story.tenant}/deals`);
    const count = page.locator("[data-testid=deal-bulk-count]");
    expect(await count.innerText()).toBe("0 selected");
    for (const id of [initech, umbrella, soylent]) await page.locator(`[data-deal-id="${id}"] [data-testid=deal-select]`).check();
    expect(await count.innerText()).toBe("3 selected");
    // Each tick is named for its customer; "select all" now reads as ticked.
    expect(await page.getByLabel("Select Umbrella Health").isChecked()).toBe(true);
    expect(await page.getByLabel("Select all on this page").isChecked()).toBe(true);
    await expectFitsScreen(page);
    // Someone else decides on Soylent meanwhile.
    await story.call("POST", `/api/t/${slug}/deals/${soylent}/reject`, managerToken, { reason: "Direct account." });

    await page.click("[data-testid=deal-bulk-approve]");
    await page.click("[data-testid=deal-bulk-approve-confirm]");
    const summary = page.locator("[data-testid=deal-bulk-summary]");
    await summary.waitFor();
    expect(await summary.locator("[data-testid=deal-bulk-done]").innerText()).toBe("2 registrations approved.");
    const failed = await summary.locator("[data-testid=deal-bulk-failed]").innerText();
    expect(failed).toContain("1 could not be approved:");
    expect(failed).toContain("Soylent Foods: The registration’s status changed meanwhile");
    // Both left the queue and the ticks are gone with them.
    expect(await page.locator(`[data-deal-id="${initech}"], [data-deal-id="${umbrella}"]`).count()).toBe(0);
    expect(await page.locator("[data-testid=deal-bulk-form]").count()).toBe(0);
    for (const id of [initech, umbrella]) {
      const { deal } = (await story.call("GET", `/api/t/${slug}/deals/${id}`, managerToken)) as { deal: { status: string } };
      expect(deal.status).toBe("approved");
    }
    await expectFitsScreen(page);
    await page.context().close();
  });

  it("works without JavaScript: select all, a reason is required to reject, then the summary", async () => {
    const wayne = await register("Wayne Enterprises");
    const stark = await register("Stark Industries");
    // Signed in with JavaScript, then the same session in a browser without it.
    const signedIn = await story.newPage(browser, 360);
    await story.signIn(signedIn, manager);
    const storageState = await signedIn.context().storageState();
    await signedIn.context().close();
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: "en-US", javaScriptEnabled: false, storageState });
    const page = await context.newPage();
    await page.goto(`${story.tenant}/deals`);
    await page.getByLabel("Select all on this page").check();
    await page.click("[data-testid=deal-bulk-reject]");
    await page.click("[data-testid=deal-bulk-reject-confirm]");
    // Refused by the portal: the choice is kept and the reason field says why.
    expect(await page.locator("#deal-bulk-reason-error").innerText()).toBe("This field is required.");
    expect(await page.locator(`[data-deal-id="${wayne}"] [data-testid=deal-select]`).isChecked()).toBe(true);
    await page.fill("#deal-bulk-reason", "Direct accounts of ours.");
    await page.click("[data-testid=deal-bulk-reject-confirm]");
    expect(await page.locator("[data-testid=deal-bulk-done]").innerText()).toBe("2 registrations rejected.");
    for (const id of [wayne, stark]) {
      const { deal } = (await story.call("GET", `/api/t/${slug}/deals/${id}`, managerToken)) as { deal: { status: string; decisionReason: string } };
      expect(deal).toMatchObject({ status: "rejected", decisionReason: "Direct accounts of ours." });
    }
    await context.close();
  });

  it("downloads every deal of the view as a CSV in the page's language", async () => {
    const page = await story.newPage(browser);
    await story.signIn(page, manager);
    await story.open(page, `${story.tenant}/deals?status=approved`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=deals-export-link]")]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^deals-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const lines: string[] = Buffer.concat(chunks).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("\uFEFFID,Customer,Website or domain,Partner,Status,Value,Currency,Products,Submitted,Review deadline,Protected until,Conflicts");
    const customers = lines.slice(1, -1).map((line) => line.split(",").slice(1, 7).join(","));
    expect(customers.sort()).toEqual([
      "Initech Labs,initech-labs.example,Alpha Resellers,Approved,25000.00,USD",
      "Umbrella Health,umbrella-health.example,Alpha Resellers,Approved,25000.00,USD",
    ]);
    expect(lines.at(-1)).toBe("");
    await page.context().close();
  });

  it("a channel manager hands a review to a colleague, and the timeline says so", async () => {
    const hooli = await register("Hooli Search");
    const page = await story.newPage(browser, 360);
    await story.signIn(page, manager);
    await story.open(page, `${story.tenant}/deals/${hooli}`);
    expect(await page.locator("[data-testid=deal-reviewer]").innerText()).toBe("Not assigned");
    await page.click("[data-testid=deal-reassign]");
    await page.locator("[data-testid=deal-reassign-form]").getByLabel("Reviewer").selectOption({ label: colleague.name });
    await page.click("[data-testid=deal-reassign-confirm]");
    await page.locator("[data-testid=deal-done]").waitFor();
    expect(await page.locator("[data-testid=deal-reviewer]").innerText()).toBe(colleague.name);
    expect(await page.locator("[data-testid=deal-timeline-entry][data-kind=reassigned] .what").innerText()).toBe(
      `${manager.name} handed the review to ${colleague.name}`,
    );
    await expectFitsScreen(page);
    await page.context().close();
  });
});
