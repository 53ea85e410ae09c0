// Parses the Worker's environment once, at the entry point (fetch, scheduled,
// queue). Nothing deeper reads `env`: it receives this Config instead.
import { z } from "zod";

const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

const vars = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("development"),
  LIBSQL_URL: z.url().default("http://127.0.0.1:8080"),
  LIBSQL_AUTH_TOKEN: optionalString,
  CONTROL_DB_URL: optionalString,
  CONTROL_DB_TOKEN: optionalString,
  TENANT_DB_BACKEND: z.enum(["local", "turso"]).default("local"),
  TURSO_ORG: optionalString,
  TURSO_API_TOKEN: optionalString,
  TURSO_GROUP: optionalString,
  TURSO_GROUP_TOKEN: optionalString,
  PORTAL_URL: z.url().default("http://127.0.0.1:5173"),
  TENANT_BASE_DOMAIN: optionalString,
  MAIL_PROVIDER: z.enum(["dev", "resend"]).default("dev"),
  MAIL_FROM: z.string().default("Partner Portal <no-reply@partner-portal.local>"),
  RESEND_API_KEY: optionalString,
  ADMIN_TOKEN: optionalString,
});

export interface Queues {
  outbox: Queue<OutboxMessage>;
  tenantOps: Queue<TenantOpsMessage>;
}

export type OutboxMessage = { tenantId: string; outboxId: string };
export type TenantOpsMessage = {
  job: "migrate-tenant" | "tenant-health" | "sweep-outbox" | "evaluate-tiers" | "expire-deals";
  tenantId: string;
};

export interface Config {
  environment: "development" | "test" | "production";
  libsql: { url: string; authToken: string | undefined };
  control: { url: string; authToken: string | undefined };
  tenantDatabases:
    | { backend: "local"; url: string; authToken: string | undefined }
    | { backend: "turso"; org: string; apiToken: string; group: string; groupToken: string };
  portalUrl: string;
  tenantBaseDomain: string | undefined;
  mail:
    | { provider: "dev"; from: string; mailboxUrl: string; authToken: string | undefined }
    | { provider: "resend"; from: string; apiKey: string };
  adminToken: string | undefined;
  queues: Queues;
}

export interface WorkerEnv {
  OUTBOX_QUEUE: Queue<OutboxMessage>;
  TENANT_OPS_QUEUE: Queue<TenantOpsMessage>;
  [key: string]: unknown;
}

export class ConfigError extends Error {}

function required(value: string | undefined, name: string): string {
  if (!value) throw new ConfigError(`${name} must be set`);
  return value;
}

// Keyed by the env object: the entry point parses, and the request middleware's
// parseConfig(c.env) for the same env is a lookup, not a second parse.
const cache = new WeakMap<object, Config>();

export function parseConfig(env: WorkerEnv): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = vars.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  const base = v.LIBSQL_URL.replace(/\/+$/, "");
  const config: Config = {
    environment: v.ENVIRONMENT,
    libsql: { url: base, authToken: v.LIBSQL_AUTH_TOKEN },
    control: {
      url: v.CONTROL_DB_URL ?? `${base}/control/`,
      authToken: v.CONTROL_DB_TOKEN ?? v.LIBSQL_AUTH_TOKEN,
    },
    tenantDatabases:
      v.TENANT_DB_BACKEND === "turso"
        ? {
            backend: "turso",
            org: required(v.TURSO_ORG, "TURSO_ORG"),
            apiToken: required(v.TURSO_API_TOKEN, "TURSO_API_TOKEN"),
            group: required(v.TURSO_GROUP, "TURSO_GROUP"),
            groupToken: required(v.TURSO_GROUP_TOKEN, "TURSO_GROUP_TOKEN"),
          }
        : { backend: "local", url: base, authToken: v.LIBSQL_AUTH_TOKEN },
    portalUrl: v.PORTAL_URL.replace(/\/+$/, ""),
    tenantBaseDomain: v.TENANT_BASE_DOMAIN,
    mail:
      v.MAIL_PROVIDER === "resend"
        ? { provider: "resend", from: v.MAIL_FROM, apiKey: required(v.RESEND_API_KEY, "RESEND_API_KEY") }
        : { provider: "dev", from: v.MAIL_FROM, mailboxUrl: `${base}/devmail/`, authToken: v.LIBSQL_AUTH_TOKEN },
    adminToken: v.ADMIN_TOKEN,
    queues: { outbox: env.OUTBOX_QUEUE, tenantOps: env.TENANT_OPS_QUEUE },
  };
  cache.set(env, config);
  return config;
}
