// Production adapters that cannot reach their services from here are driven
// against a local HTTP server replaying the services' recorded request and
// response shapes: the Turso Platform API and Resend.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TursoTenantDatabases } from "../../worker/platform/tenancy/tenant-databases.ts";
import { ResendProvider } from "../../worker/platform/email/providers.ts";

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const seen: Recorded[] = [];
let base = "";
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    res.setHeader("content-type", "application/json");
    // Shapes recorded from the Turso Platform API and Resend documentation.
    if (req.method === "POST" && req.url === "/v1/organizations/acme-org/databases") {
      const { name } = JSON.parse(body) as { name: string };
      res.end(JSON.stringify({ database: { DbId: "0eb771dd-6906-11ee-8553-eaa7715aeaf2", Hostname: `${name}-acme-org.aws-eu-west-1.turso.io`, Name: name } }));
    } else if (req.method === "DELETE" && req.url === "/v1/organizations/acme-org/databases/t-gone") {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: "database t-gone not found" }));
    } else if (req.method === "DELETE" && req.url?.startsWith("/v1/organizations/acme-org/databases/")) {
      res.end(JSON.stringify({ database: req.url.split("/").pop() }));
    } else if (req.method === "POST" && req.url === "/emails") {
      res.end(JSON.stringify({ id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    } else {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: "unexpected" }));
    }
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("TursoTenantDatabases", () => {
  const turso = () => new TursoTenantDatabases({ org: "acme-org", apiToken: "platform-token", group: "tenants", groupToken: "group-jwt", baseUrl: `${base}/v1/` });

  it("creates a tenant database in the configured group and keeps its hostname", async () => {
    const created = await turso().create("t-acme-1234");
    expect(created).toEqual({ name: "t-acme-1234", host: "t-acme-1234-acme-org.aws-eu-west-1.turso.io" });
    const req = seen.find((r) => r.method === "POST" && r.url.endsWith("/databases"))!;
    expect(req.headers.authorization).toBe("Bearer platform-token");
    expect(JSON.parse(req.body)).toEqual({ name: "t-acme-1234", group: "tenants" });
  });

  it("locates a database with the group token, by stored host or by derived name", () => {
    expect(turso().locate({ databaseName: "t-a", databaseHost: "t-a-acme-org.aws-eu-west-1.turso.io" })).toEqual({
      url: "https://t-a-acme-org.aws-eu-west-1.turso.io",
      authToken: "group-jwt",
    });
    expect(turso().locate({ databaseName: "t-b", databaseHost: null }).url).toBe("https://t-b-acme-org.turso.io");
  });

  it("deletes idempotently: a database already gone is not an error", async () => {
    await expect(turso().delete("t-acme-1234")).resolves.toBeUndefined();
    await expect(turso().delete("t-gone")).resolves.toBeUndefined();
  });
});

describe("ResendProvider", () => {
  it("posts the email with the outbox id as idempotency key", async () => {
    await new ResendProvider("re_key", base).send({
      id: "outbox-1",
      from: "Portal <no-reply@example.com>",
      to: "ana@example.com",
      subject: "Hello",
      text: "Hi",
      html: "<p>Hi</p>",
      tenantSlug: "acme",
    });
    const req = seen.find((r) => r.url === "/emails")!;
    expect(req.headers["idempotency-key"]).toBe("outbox-1");
    expect(req.headers.authorization).toBe("Bearer re_key");
    expect(JSON.parse(req.body)).toEqual({ from: "Portal <no-reply@example.com>", to: ["ana@example.com"], subject: "Hello", text: "Hi", html: "<p>Hi</p>" });
  });
});
