// A vendor's first minutes, in a real browser against the real stack: sign
// up, sign in, invite a partner, follow the invitation from the dev mailbox,
// join, sign in as that partner, switch language; at phone width.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { portalStory } from "../support/e2e-portal.ts";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const slug = `e2e${Date.now().toString(36)}`;
const admin = { name: "Vera Vendor", email: `vera@${slug}.test`, password: "vendor-password-1" };
const partner = { name: "Pablo Partner", email: `pablo@${slug}.test`, password: "partner-password-1" };

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
  return context.newPage();
}

/** Navigates and waits until the page is hydrated, so typing is never lost. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated=true]");
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await open(page, `${portal}/t/${slug}/login`);
  await page.fill("[data-testid=login-form] input[name=email]", who.email);
  await page.fill("[data-testid=login-form] input[name=password]", who.password);
  await page.click("[data-testid=login-form] button[type=submit]");
  await page.waitForURL(`${portal}/t/${slug}`);
}

describe("onboarding in the portal", () => {
  it("shows field errors next to the fields for a bad signup", async () => {
    const page = await newPage(360);
    await open(page, `${portal}/signup`);
    await page.fill("input[name=company]", "X");
    await page.fill("input[name=slug]", "ab");
    await page.fill("input[name=name]", "N");
    await page.fill("input[name=email]", "not-an-email");
    await page.fill("input[name=password]", "short");
    await page.click("[data-testid=signup-form] button[type=submit]");
    // The slug is checked live as one types; the rest comes back from the server.
    await page.locator("[data-testid=signup-form] input[name=email][aria-invalid=true]").waitFor();
    const invalid = page.locator("[data-testid=signup-form] [aria-invalid=true]");
    const flagged = await invalid.evaluateAll((els) => els.map((e) => e.getAttribute("name")));
    expect(flagged).toEqual(expect.arrayContaining(["slug", "email", "password"]));
    // Values stay in the form, and the messages are the translated ones.
    expect(await page.inputValue("input[name=company]")).toBe("X");
    expect(await page.locator("[data-testid=signup-form]").innerText()).toContain("Enter a valid email address.");
    await page.context().close();
  });

  it("signs up a vendor, who lands signed in on the dashboard", async () => {
    const page = await newPage();
    await open(page, `${portal}/signup`);
    await page.fill("input[name=company]", "E2E Networks");
    await page.fill("input[name=slug]", slug);
    await page.fill("input[name=name]", admin.name);
    await page.fill("input[name=email]", admin.email);
    await page.fill("input[name=password]", admin.password);
    await page.click("[data-testid=signup-form] button[type=submit]");
    await page.waitForURL(`${portal}/t/${slug}`);
    await page.locator("[data-testid=dashboard-card][data-key=users]").waitFor();
    expect(await page.locator("[data-testid=dashboard-card][data-key=users] [data-testid=dashboard-card-value]").innerText()).toBe("1");
    await page.context().close();
  });

  it("signs in, adds a partner organization and invites its admin", async () => {
    const page = await newPage();
    await signIn(page, admin);
    await page.click("[data-testid=nav-partners]");
    await page.waitForURL(`${portal}/t/${slug}/partners`);
    await page.fill("[data-testid=partner-form] input[name=name]", "Pampas Partners");
    await page.click("[data-testid=partner-form] button[type=submit]");
    await page.locator("[data-testid=partner-row]", { hasText: "Pampas Partners" }).waitFor();

    await page.click("[data-testid=nav-users]");
    await page.waitForURL(`${portal}/t/${slug}/users`);
    const form = page.locator("[data-testid=invite-form]");
    await form.locator("input[name=email]").fill(partner.email);
    await form.locator("input[name=name]").fill(partner.name);
    await form.locator("select[name=role]").selectOption("partner_admin");
    await form.locator("select[name=partnerOrgId]").selectOption({ label: "Pampas Partners" });
    await form.locator("button[type=submit]").click();
    await page.locator("[data-testid=invitation-row]", { hasText: partner.email }).waitFor();
    await page.context().close();
  });

  it("follows the invitation from the dev mailbox, joins, and works in another language", async () => {
    const page = await newPage(360);
    let link: string | null = null;
    for (let i = 0; i < 50 && !link; i++) {
      await page.goto(`${portal}/dev/mailbox`);
      const message = page.locator("[data-testid=mailbox-message]", { hasText: partner.email }).first();
      if (await message.count()) {
        link = await message.locator("[data-testid=mailbox-message-text] a").first().getAttribute("href");
      } else {
        await page.waitForTimeout(200);
      }
    }
    expect(link).toContain(`/t/${slug}/invite?token=`);
    await open(page, link!);
    const form = page.locator("[data-testid=invite-form]");
    await form.locator("input[name=password]").fill(partner.password);
    await form.locator("input[name=confirm]").fill(partner.password);
    await form.locator("button[type=submit]").click();
    await page.waitForURL(`${portal}/t/${slug}`);
    await page.locator("[data-testid=dashboard-card][data-key=teamMembers]").waitFor();

    // Signed out, then back in with the new credentials.
    await page.context().clearCookies();
    await signIn(page, partner);
    expect(await page.locator("[data-testid=dashboard-card][data-key=teamMembers] [data-testid=dashboard-card-value]").innerText()).toBe("1");

    // Partner admins manage their team; they do not see the vendor's partner list.
    expect(await page.locator("[data-testid=nav-partners]").count()).toBe(0);

    // At phone width the language switcher lives in the menu.
    await page.click("[data-testid=menu-button]");
    const switcher = page.locator("[data-testid=language-switcher]:visible").first();
    await switcher.locator("select").selectOption("fr");
    await switcher.locator("button").click();
    await page.waitForLoadState("load");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    const cards = await page.locator("[data-testid=dashboard-card]").first().innerText();
    expect(cards).not.toContain("Team members");
    await page.context().close();
  });

  it("keeps a second vendor's portal from seeing the first one's people", async () => {
    // A second vendor that really exists, so a refusal cannot be "tenant not found".
    const other = `e2eother${Date.now().toString(36)}`;
    const otherAdmin = { name: "Otto Other", email: `otto@${other}.test`, password: "other-password-1" };
    const second = portalStory(other, otherAdmin.password);
    const signup = (await second.call("POST", "/api/signup", undefined, { company: "Other Networks", slug: other, ...otherAdmin })) as { session: { token: string } };

    const page = await newPage();
    await signIn(page, admin);
    const session = (await page.context().cookies()).find((c) => c.name === "pp_session")!;
    expect(session.path).toBe(`/t/${slug}`);
    const asFirst = { cookie: `pp_session=${session.value}` };
    const asSecond = { cookie: `pp_session=${signup.session.token}` };

    // The control: the very same requests with the second vendor's own session do show its admin,
    // and the first vendor's token is a live session in its own tenant.
    const own = await page.request.get(`${portal}/t/${other}/users`, { headers: asSecond, maxRedirects: 0 });
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain(otherAdmin.email);
    const ownApi = await second.call("GET", `/api/t/${other}/users`, signup.session.token);
    expect(JSON.stringify(ownApi)).toContain(otherAdmin.email);
    await second.call("GET", `/api/t/${slug}/users`, session.value);

    // The first vendor's session carried by hand to the second vendor's users page: unknown there,
    // so the portal treats the visitor as signed out and sends them to that portal's login.
    const res = await page.request.get(`${portal}/t/${other}/users`, { headers: asFirst, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers()["location"]).toBe(`/t/${other}/login?next=${encodeURIComponent(`/t/${other}/users`)}`);
    expect(await res.text()).not.toContain(otherAdmin.email);

    // And its bearer token at the second vendor's API: not a session of that tenant.
    const apiRes = await fetch(`${second.api}/api/t/${other}/users`, { headers: { authorization: `Bearer ${session.value}` } });
    const apiBody = await apiRes.text();
    expect(apiRes.status).toBe(401);
    expect(JSON.parse(apiBody)).toMatchObject({ code: "unauthenticated" });
    expect(apiBody).not.toContain(otherAdmin.email);
    await page.context().close();
  });
});
