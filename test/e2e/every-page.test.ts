// Every portal page, in Chromium against the real stack, checked by axe-core:
// each answers 200, has a top heading and no axe violation, at 1280 px (and
// the busiest lists and the deal page at 360 px too). Each page is seen by a
// role that may see it, with real objects behind the [id] pages, all made
// through the public API as an integration would.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/browser.ts";
import { portalStory, type Person } from "../support/e2e-portal.ts";

const slug = `axe${Date.now().toString(36)}`;
const password = "axe-password-1";
const story = portalStory(slug, password);
const { tenant, call, join, mailTo, open, signIn } = story;
const portal = new URL(tenant).origin;
const people = {
  admin: { name: "Alma Admin", email: `alma@${slug}.test` },
  partnerAdmin: { name: "Paz Partner", email: `paz@pampas-${slug}.test` },
  rep: { name: "Rui Rep", email: `rui@pampas-${slug}.test` },
  invitee: { name: "Ines Invitee", email: `ines@pampas-${slug}.test` },
} satisfies Record<string, Person>;

let browser: Browser;
const ids = { agreement: "", application: "", deal: "", partnerOrg: "" };
const tokens = { invite: "", reset: "" };

beforeAll(async () => {
  browser = await launchChromium();
  const signup = (await call("POST", "/api/signup", undefined, { company: "Axe Networks", slug, ...people.admin, password })) as { session: { token: string } };
  const admin = signup.session.token;
  const agreement = (await call("POST", `/api/t/${slug}/agreements`, admin, {
    title: "Partner Program Agreement",
    body: "<p>Partners register deals in good faith.</p>",
    graceDays: 0,
  })) as { id: string };
  ids.agreement = agreement.id;
  await call("POST", `/api/t/${slug}/onboarding/steps`, admin, { kind: "sign_agreement", title: "Sign the partner agreement" });
  const partnerOrg = (await call("POST", `/api/t/${slug}/partner-orgs`, admin, { name: "Pampas Partners" })) as { id: string };
  ids.partnerOrg = partnerOrg.id;
  const partnerAdmin = await join(admin, people.partnerAdmin, "partner_admin", partnerOrg.id);
  const rep = await join(admin, people.rep, "partner_user", partnerOrg.id);
  // A partner is held at the agreement until its admin signs it for the organization.
  await call("POST", `/api/t/${slug}/agreements/${agreement.id}/sign`, partnerAdmin, { signedName: people.partnerAdmin.name });
  const deal = (await call("POST", `/api/t/${slug}/deals`, rep, {
    customerName: "Globex Corporation",
    customerDomain: "globex.example",
    contactName: "Hank Scorpio",
    contactEmail: "hank@globex.example",
    country: "US",
    value: 48000,
    currency: "USD",
    products: ["Core Switch X"],
  })) as { id: string };
  ids.deal = deal.id;
  const application = (await call("POST", `/api/t/${slug}/applications`, undefined, {
    company: "Quokka Systems",
    websiteDomain: "quokka.example",
    country: "AU",
    partnerType: "reseller",
    contactName: "Quinn Quokka",
    contactEmail: `quinn@quokka-${slug}.test`,
  })) as { id: string };
  ids.application = application.id;
  // An invitation left open, and a password reset asked for: their links carry real tokens.
  await call("POST", `/api/t/${slug}/invitations`, admin, { ...people.invitee, role: "partner_user", partnerOrgId: partnerOrg.id });
  tokens.invite = (await mailTo(people.invitee.email, /invite\?token=/)).text.match(/invite\?token=(\S+)/)![1]!;
  await call("POST", `/api/t/${slug}/auth/password-reset`, undefined, { email: people.rep.email });
  tokens.reset = (await mailTo(people.rep.email, /reset\?token=/)).text.match(/reset\?token=(\S+)/)![1]!;
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the portal's `path` (hydrated, through the story's `open`), then checks status, heading and axe. */
async function checkPage(page: Page, path: string) {
  const url = `${portal}${path}`;
  await open(page, url);
  // Where the page landed and what the document itself was answered with (not a redirect's 30x).
  const landed = (await page.evaluate("[location.pathname + location.search, performance.getEntriesByType('navigation')[0].responseStatus]")) as [string, number];
  expect(landed, `${path}: landed on ${landed[0]}`).toEqual([new URL(url).pathname + new URL(url).search, 200]);
  expect(await page.locator("h1, [role=heading][aria-level='1']").count(), `${path}: no top heading`).toBeGreaterThan(0);
  const violations = await axeViolations(page);
  expect(violations, `${path} at ${page.viewportSize()?.width} px:\n${describeViolations(violations)}`).toEqual([]);
}

async function signedIn(who: Person, width = 1280): Promise<Page> {
  const page = await story.newPage(browser, width);
  await signIn(page, who);
  return page;
}

describe("every portal page passes axe", () => {
  it("public pages, signed out", async () => {
    const page = await story.newPage(browser);
    for (const path of ["/", "/signup", "/dev/mailbox"]) await checkPage(page, path);
    for (const path of ["/login", "/forgot", `/invite?token=${tokens.invite}`, `/reset?token=${tokens.reset}`, "/logout"]) {
      await checkPage(page, `/t/${slug}${path}`);
    }
    await page.context().close();
  });

  it("the vendor admin's pages", async () => {
    const page = await signedIn(people.admin);
    const paths = [
      "",
      "/agreements",
      `/agreements/${ids.agreement}`,
      "/agreements/new",
      "/applications",
      `/applications/${ids.application}`,
      "/deals",
      `/deals/${ids.deal}`,
      "/notifications",
      "/onboarding",
      `/onboarding/partners/${ids.partnerOrg}`,
      "/partners",
      `/partners/${ids.partnerOrg}`,
      "/partners/import",
      "/program",
      "/program/changes",
      "/program/rules",
      "/program/tiers",
      "/settings/branding",
      "/users",
    ];
    for (const path of paths) await checkPage(page, `/t/${slug}${path}`);
    await page.context().close();
  });

  it("the partner admin's pages", async () => {
    const page = await signedIn(people.partnerAdmin);
    for (const path of ["", "/company", "/tier", "/agreements", `/agreements/${ids.agreement}`, "/users", "/deals", "/notifications", "/onboarding"]) {
      await checkPage(page, `/t/${slug}${path}`);
    }
    await page.context().close();
  });

  it("the partner rep's pages", async () => {
    const page = await signedIn(people.rep);
    for (const path of ["", "/deals", "/deals/new", `/deals/${ids.deal}`]) await checkPage(page, `/t/${slug}${path}`);
    await page.context().close();
  });

  it("the busiest pages at 360 px, for the vendor admin and the rep", async () => {
    const admin = await signedIn(people.admin, 360);
    for (const path of ["", "/deals", `/deals/${ids.deal}`, "/partners"]) await checkPage(admin, `/t/${slug}${path}`);
    await admin.context().close();
    const rep = await signedIn(people.rep, 360);
    for (const path of ["", "/deals", `/deals/${ids.deal}`]) await checkPage(rep, `/t/${slug}${path}`);
    await rep.context().close();
  });
});
