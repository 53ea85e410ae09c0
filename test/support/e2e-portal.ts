// End-to-end helpers for one story's portal: its people are set up through
// the public API (as an integration would, invitations read from the dev
// mailbox), and pages are opened in Chromium once hydrated.
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";

export interface Person {
  name: string;
  email: string;
}

export function portalStory(slug: string, password: string) {
  const portal = inject("portalUrl");
  const api = inject("apiUrl");
  const tenant = `${portal}/t/${slug}`;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const data = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  }

  /** The newest mail to `email` that matches `pattern`, waiting for the outbox to deliver it. */
  async function mailTo(email: string, pattern: RegExp): Promise<{ subject: string; text: string }> {
    for (let i = 0; i < 100; i++) {
      const { messages } = (await call("GET", `/api/dev/mailbox?to=${encodeURIComponent(email)}&limit=10`)) as {
        messages: { subject: string; text: string }[];
      };
      const found = messages.find((mail) => pattern.test(mail.subject) || pattern.test(mail.text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no mail to ${email} matching ${pattern}`);
  }

  /** Invites `person` and accepts the invitation: their session token. */
  async function join(adminToken: string, person: Person, role: string, partnerOrgId: string | null): Promise<string> {
    await call("POST", `/api/t/${slug}/invitations`, adminToken, { ...person, role, partnerOrgId });
    const mail = await mailTo(person.email, /invite\?token=/);
    const token = mail.text.match(/invite\?token=(\S+)/)![1]!;
    const accepted = (await call("POST", `/api/t/${slug}/invitations/accept`, undefined, { token, name: person.name, password })) as {
      session: { token: string };
    };
    return accepted.session.token;
  }

  async function newPage(browser: Browser, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
    return context.newPage();
  }

  async function open(page: Page, url: string) {
    await page.goto(url);
    await page.waitForSelector("html[data-hydrated=true]");
  }

  async function signIn(page: Page, who: Person) {
    await open(page, `${tenant}/login`);
    await page.fill("[data-testid=login-form] input[name=email]", who.email);
    await page.fill("[data-testid=login-form] input[name=password]", password);
    await page.click("[data-testid=login-form] button[type=submit]");
    await page.waitForURL(tenant);
  }

  return { api, tenant, call, mailTo, join, newPage, open, signIn };
}
