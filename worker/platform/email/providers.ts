// Where rendered mail goes: the dev mailbox (a libSQL database the portal's
// /dev/mailbox page reads) or Resend in production, chosen by configuration.
// Both are idempotent on the outbox id, so a redelivered message sends once.
import { createClient } from "@libsql/client/web";
import type { Config } from "../../config.ts";

export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  tenantSlug: string;
}

export interface MailProvider {
  send(mail: OutgoingEmail, now: number): Promise<void>;
}

export const DEV_MAILBOX_SCHEMA = `CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY NOT NULL, tenant_slug TEXT NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL,
  subject TEXT NOT NULL, text TEXT NOT NULL, html TEXT NOT NULL, created_at INTEGER NOT NULL)`;

export class DevMailbox implements MailProvider {
  constructor(private readonly location: { url: string; authToken: string | undefined }) {}

  private client() {
    return createClient({ url: this.location.url, ...(this.location.authToken ? { authToken: this.location.authToken } : {}) });
  }

  async send(mail: OutgoingEmail, now: number): Promise<void> {
    await this.client().batch(
      [
        DEV_MAILBOX_SCHEMA,
        {
          sql: `INSERT OR IGNORE INTO messages (id, tenant_slug, sender, recipient, subject, text, html, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [mail.id, mail.tenantSlug, mail.from, mail.to, mail.subject, mail.text, mail.html, now],
        },
      ],
      "write",
    );
  }

  async list(limit: number, to?: string) {
    const rs = await this.client().batch(
      [
        DEV_MAILBOX_SCHEMA,
        {
          sql: `SELECT id, tenant_slug, recipient, subject, text, html, created_at FROM messages
                WHERE (? IS NULL OR recipient = ?) ORDER BY created_at DESC, rowid DESC LIMIT ?`,
          args: [to ?? null, to ?? null, limit],
        },
      ],
      "write",
    );
    return rs[1]!.rows.map((r) => ({
      id: String(r.id),
      tenantSlug: String(r.tenant_slug),
      to: String(r.recipient),
      subject: String(r.subject),
      text: String(r.text),
      html: String(r.html),
      createdAt: Number(r.created_at),
    }));
  }
}

export class ResendProvider implements MailProvider {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://api.resend.com",
  ) {}

  async send(mail: OutgoingEmail): Promise<void> {
    const res = await fetch(`${this.baseUrl}/emails`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        "content-type": "application/json",
        "idempotency-key": mail.id,
      },
      body: JSON.stringify({ from: mail.from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html }),
    });
    if (!res.ok) throw new Error(`resend rejected the email: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
}

export function mailProviderFor(config: Config): MailProvider {
  return config.mail.provider === "resend"
    ? new ResendProvider(config.mail.apiKey)
    : new DevMailbox({ url: config.mail.mailboxUrl, authToken: config.mail.authToken });
}
