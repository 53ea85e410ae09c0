// Maps every failure to an RFC 9457 problem document. Domain errors carry
// their own status and code; validation failures list each offending field;
// anything unknown is logged with the request id and answered with a bare 500.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { LibsqlError } from "@libsql/client/web";
import { DomainError, type FieldError, ValidationFailed } from "./errors.ts";
import { log } from "./log.ts";

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function problemResponse(
  c: Context,
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldError[] | undefined; headers?: Record<string, string> | undefined } = {},
): Response {
  const body: Problem = {
    type: `https://partner-portal.dev/problems/${code.replace(/_/g, "-")}`,
    title: titles[status] ?? "Error",
    status,
    code,
    detail,
    requestId: c.get("requestId") ?? "unknown",
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...extra.headers },
  });
}

/**
 * Stable field error codes for clients to translate: `required` for a
 * missing or empty value, otherwise the validator's code (`too_small`,
 * `too_big`, `invalid_format`, `invalid_value`, ...).
 */
function fieldCode(issue: ZodError["issues"][number]): string {
  if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined) return "required";
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1) return "required";
  return issue.code;
}

export function fieldErrorsFromZod(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body",
    message: fieldCode(issue) === "required" ? "This field is required." : issue.message,
    code: fieldCode(issue),
  }));
}

/** The `defaultHook` for every OpenAPI route: invalid input becomes a 422 naming the fields. */
export function validationHook(result: { success: boolean; error?: ZodError; target: string }) {
  if (!result.success && result.error) {
    const prefix = result.target === "json" || result.target === "form" ? undefined : result.target;
    throw new ValidationFailed(fieldErrorsFromZod(result.error, prefix));
  }
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    return problemResponse(c, err.status, err.code, err.message, { errors: err.fields, headers: err.headers });
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 400 ? "malformed_body" : `http_${err.status}`;
    const detail = err.status === 400 ? "The request body is not valid JSON." : err.message || "Request rejected.";
    return problemResponse(c, err.status, code, detail);
  }
  if (err instanceof LibsqlError && err.code === "SQLITE_CONSTRAINT") {
    // A constraint the verb did not anticipate (a race between two writers).
    log("warn", "unhandled constraint", { requestId: c.get("requestId"), message: err.message });
    return problemResponse(c, 409, "conflict", "This change conflicts with another one. Reload and try again.");
  }
  log("error", "unhandled error", {
    requestId: c.get("requestId"),
    error: err.message,
    stack: err.stack?.split("\n").slice(0, 6).join(" | "),
  });
  return problemResponse(c, 500, "internal_error", "Something went wrong on our side. Try again shortly.");
}
