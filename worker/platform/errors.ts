// Domain errors thrown by service verbs. One `app.onError` turns them into
// RFC 9457 problem documents; nothing else decides an HTTP status.

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(detail: string, opts: { fields?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = new.target.name;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }
}

/** Also used for another tenant's or organization's objects: never confirm they exist. */
export class NotFound extends DomainError {
  readonly status = 404;
  constructor(
    detail: string,
    readonly code: string = "not_found",
  ) {
    super(detail);
  }
}

export class ValidationFailed extends DomainError {
  readonly status = 422;
  readonly code = "validation_failed";
  constructor(fields: FieldError[], detail = "Some fields need attention.") {
    super(detail, { fields });
  }
}

export class BadRequest extends DomainError {
  readonly status = 400;
  constructor(
    detail: string,
    readonly code: string = "bad_request",
    fields?: FieldError[],
  ) {
    super(detail, fields ? { fields } : {});
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  constructor(
    detail = "Sign in to continue.",
    readonly code: string = "unauthenticated",
  ) {
    super(detail);
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  constructor(
    detail = "You do not have permission to do this.",
    readonly code: string = "forbidden",
  ) {
    super(detail);
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
  constructor(
    detail: string,
    readonly code: string = "conflict",
    fields?: FieldError[],
  ) {
    super(detail, fields ? { fields } : {});
  }
}

export class PreconditionFailed extends DomainError {
  readonly status = 412;
  constructor(
    detail: string,
    readonly code: string = "precondition_failed",
  ) {
    super(detail);
  }
}

export class RateLimited extends DomainError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }
}

export class ServiceUnavailable extends DomainError {
  readonly status = 503;
  constructor(
    detail: string,
    readonly code: string = "unavailable",
  ) {
    super(detail);
  }
}
