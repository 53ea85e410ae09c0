// HTTP front of the local libSQL server (stand-in for Turso / sqld in dev and
// tests): Hrana-over-HTTP v2/v3 JSON pipelines as @libsql/client 0.18 speaks
// them, batons that keep a stream (and its transaction) alive between
// requests, the sqld-style namespace admin API, bearer-token auth, and
// lifecycle (start on any port, close everything cleanly).
//
// Routes (a path without a namespace segment means namespace `default`):
//   POST /{ns}/v2/pipeline, /{ns}/v3/pipeline   Hrana pipeline (JSON)
//   POST /{ns}/v3/cursor                        Hrana cursor (newline-delimited JSON)
//   GET  /{ns}/v2, /{ns}/v3                     version probes (200, empty)
//   POST /v1/namespaces/{ns}/create             200 | 409 exists | 400 bad name
//   DELETE /v1/namespaces/{ns}                  200 | 404
//   GET  /v1/namespaces                         {"namespaces":[{"name"}]}
//   GET  /health, /version
// `/{ns}/v3-protobuf` deliberately 404s: a client that probes it falls back
// to JSON v2, the only encoding we speak.

import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { NAMESPACE_RE, NamespaceStore } from "./engine.ts";
import type { StreamResult } from "./protocol.ts";
import { ProtocolError, parseCursorRequest, parsePipelineRequest } from "./protocol.ts";
import { Stream } from "./stream.ts";

export interface LibsqlServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One `{name}.db` file per namespace lives here (created if missing). */
  dataDir: string;
  /** When set, every request except GET /health needs `Authorization: Bearer <token>`. */
  authToken?: string;
  /** Log one line per request to stdout. */
  log?: boolean;
  /** Idle time after which a stream is dropped and its transaction rolled
   * back; default 30 s (tests shorten it). */
  streamIdleMs?: number;
  /** A write transaction older than this is rolled back as soon as another
   * writer waits for the lock (libsql-server's transaction timeout); default 5 s. */
  txnTimeoutMs?: number;
  /** How long a statement waits for a write lock held by *another process*
   * (SQLite's busy_timeout) before failing with SQLITE_BUSY; default 5 s.
   * Writers inside this server queue instead and never see it. */
  busyTimeoutMs?: number;
}

export interface LibsqlServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Stop listening, roll back open streams and close every database file. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Oversized bodies up to this size are read and discarded before the 413. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const DEFAULT_STREAM_IDLE_MS = 30_000;
const DEFAULT_NAMESPACE = "default";
const SERVER_VERSION = "partner-portal-libsql-server/0.1";

/** Ends the request with an HTTP status and JSON body. */
class HttpError extends Error {
  status: number;
  body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.error ?? body.message ?? status));
    this.status = status;
    this.body = body;
  }
}

const notFound = () => new HttpError(404, { error: "Not found" });
const badName = (name: string) =>
  new HttpError(400, { error: `Invalid namespace name ${JSON.stringify(name)}: expected ^[a-z0-9][a-z0-9_-]{0,62}$` });

interface ParkedStream {
  stream: Stream;
  timer: NodeJS.Timeout;
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const host = opts.host ?? "127.0.0.1";
  const streamIdleMs = opts.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS;
  const store = new NamespaceStore(resolve(opts.dataDir), { txnTimeoutMs: opts.txnTimeoutMs, busyTimeoutMs: opts.busyTimeoutMs });
  const sqliteVersion = store.sqliteVersion();
  /** baton → stream waiting for its next request. */
  const parked = new Map<string, ParkedStream>();
  /** Every open stream, parked or mid-request, for namespace deletion and shutdown. */
  const live = new Set<Stream>();
  const expectedAuth = opts.authToken === undefined ? undefined : Buffer.from(`Bearer ${opts.authToken}`);

  function authorized(req: IncomingMessage): boolean {
    if (expectedAuth === undefined) return true;
    const header = req.headers.authorization ?? "";
    // Accept any casing of the scheme, compare the rest in constant time.
    const given = Buffer.from(header.replace(/^bearer /i, "Bearer "));
    return given.length === expectedAuth.length && timingSafeEqual(given, expectedAuth);
  }

  async function requireNamespace(ns: string): Promise<void> {
    if (!NAMESPACE_RE.test(ns)) throw badName(ns);
    if (store.exists(ns)) return;
    if (ns === DEFAULT_NAMESPACE) {
      await store.create(ns); // `default` springs into existence on first use, like sqld's
      return;
    }
    throw new HttpError(404, { error: `Namespace \`${ns}\` does not exist` });
  }

  function closeStream(stream: Stream): void {
    stream.close();
    live.delete(stream);
  }

  /** The stream a request continues (by baton) or a fresh one (baton null). */
  async function takeStream(baton: string | null, ns: string): Promise<Stream> {
    if (baton === null) {
      await requireNamespace(ns);
      const stream = new Stream(store, ns);
      live.add(stream);
      return stream;
    }
    const entry = parked.get(baton);
    if (entry === undefined) throw new ProtocolError("Stream for this baton does not exist or has expired");
    // A baton is single-use: a replayed or concurrent request with it is refused.
    parked.delete(baton);
    clearTimeout(entry.timer);
    if (entry.stream.namespace !== ns) {
      closeStream(entry.stream);
      throw new ProtocolError("Baton belongs to a stream of another namespace");
    }
    return entry.stream;
  }

  /** After a request: keep an open stream under a fresh baton, or forget it. */
  function parkStream(stream: Stream): string | null {
    if (stream.closed) {
      live.delete(stream);
      return null;
    }
    const baton = randomBytes(24).toString("base64url");
    const timer = setTimeout(() => {
      parked.delete(baton);
      closeStream(stream); // rolls back an abandoned transaction
    }, streamIdleMs);
    timer.unref();
    parked.set(baton, { stream, timer });
    return baton;
  }

  async function pipeline(ns: string, body: unknown) {
    const request = parsePipelineRequest(body);
    const stream = await takeStream(request.baton, ns);
    const results: StreamResult[] = [];
    try {
      for (const r of request.requests) results.push(await stream.handle(r));
    } catch (e) {
      // A protocol violation poisons the stream: drop it (and its transaction).
      closeStream(stream);
      throw e;
    }
    return { baton: parkStream(stream), base_url: null, results };
  }

  /** v3 cursor: the batch's results as newline-delimited JSON entries. */
  async function cursor(ns: string, body: unknown): Promise<string> {
    const request = parseCursorRequest(body);
    const stream = await takeStream(request.baton, ns);
    let result;
    try {
      result = await stream.batch(request.steps);
    } catch (e) {
      closeStream(stream);
      throw e;
    }
    const lines: unknown[] = [{ baton: parkStream(stream), base_url: null }];
    result.step_results.forEach((r, step) => {
      const error = result.step_errors[step];
      if (error) {
        lines.push({ type: "step_error", step, error });
      } else if (r) {
        lines.push({ type: "step_begin", step, cols: r.cols });
        for (const row of r.rows) lines.push({ type: "row", row });
        lines.push({ type: "step_end", affected_row_count: r.affected_row_count, last_insert_rowid: r.last_insert_rowid });
      }
    });
    return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
  }

  async function deleteNamespace(ns: string): Promise<boolean> {
    if (!store.exists(ns)) return false;
    for (const [baton, entry] of parked) {
      if (entry.stream.namespace === ns) {
        clearTimeout(entry.timer);
        parked.delete(baton);
      }
    }
    for (const stream of live) if (stream.namespace === ns) closeStream(stream);
    return store.delete(ns);
  }

  async function route(req: IncomingMessage, res: ServerResponse, segs: string[]): Promise<void> {
    const method = req.method ?? "GET";
    const [a, b, c, d] = segs;
    const n = segs.length;

    if (a === "health" && n === 1) return sendJson(res, 200, { status: "ok" });
    if (!authorized(req)) throw new HttpError(401, { error: "Unauthorized: missing or invalid bearer token" });
    if (a === "version" && n === 1) return sendJson(res, 200, { version: SERVER_VERSION, sqlite: sqliteVersion });

    // Namespace admin API (sqld-style).
    if (a === "v1" && b === "namespaces") {
      if (n === 2 && method === "GET") {
        return sendJson(res, 200, { namespaces: store.list().map((name) => ({ name })) });
      }
      if (n === 4 && d === "create" && method === "POST") {
        await readBody(req); // sqld accepts a config body; nothing in it applies here
        if (!NAMESPACE_RE.test(c!)) throw badName(c!);
        if (!(await store.create(c!))) throw new HttpError(409, { error: `Namespace \`${c}\` already exists` });
        return sendJson(res, 200, {});
      }
      if (n === 3 && method === "DELETE") {
        if (!NAMESPACE_RE.test(c!)) throw badName(c!);
        if (!(await deleteNamespace(c!))) throw new HttpError(404, { error: `Namespace \`${c}\` does not exist` });
        return sendJson(res, 200, {});
      }
      if (n === 2 || n === 3 || (n === 4 && d === "create")) throw new HttpError(405, { error: "Method not allowed" });
      throw notFound();
    }

    // Hrana: [ns]/v2|v3[/pipeline|/cursor]
    const isVersion = (s: string | undefined) => s === "v2" || s === "v3";
    let ns: string;
    let rest: string[];
    if (isVersion(a) && n <= 2) {
      ns = DEFAULT_NAMESPACE;
      rest = segs;
    } else if (n >= 2 && n <= 3 && isVersion(b)) {
      ns = a!;
      rest = segs.slice(1);
    } else {
      throw notFound();
    }
    const [version, action] = rest;
    if (action === undefined) {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, { error: "Method not allowed" });
      await requireNamespace(ns);
      res.writeHead(200).end();
      return;
    }
    if (action !== "pipeline" && !(action === "cursor" && version === "v3")) throw notFound();
    if (method !== "POST") throw new HttpError(405, { error: "Method not allowed" });
    const body = parseJson(await readBody(req));
    if (action === "pipeline") return sendJson(res, 200, await pipeline(ns, body));
    const text = await cursor(ns, body);
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    if (opts.log) {
      res.on("finish", () => {
        const ms = (performance.now() - started).toFixed(1);
        console.log(`[libsql] ${req.method} ${req.url} ${res.statusCode} ${ms}ms`);
      });
    }
    let segs: string[];
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      segs = path.split("/").filter((s) => s !== "").map(decodeURIComponent);
    } catch {
      sendJson(res, 400, { message: "Malformed request path" });
      return;
    }
    route(req, res, segs).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (e instanceof HttpError) {
        sendJson(res, e.status, e.body);
      } else if (e instanceof ProtocolError) {
        sendJson(res, 400, { message: e.message });
      } else {
        console.error("[libsql] internal error", e);
        sendJson(res, 500, { message: `Internal server error: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        for (const entry of parked.values()) clearTimeout(entry.timer);
        parked.clear();
        for (const stream of live) stream.close(); // rolls back open transactions
        live.clear();
        await stopped;
        await store.closeAll();
      })();
      return closing;
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  // Exactly "application/json": the client only parses error bodies whose
  // content-type equals that string.
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
  res.end(data);
}

/** Read the body; over MAX_BODY_BYTES it is drained and discarded, then 413 —
 * answering while the client is still uploading would reset its connection
 * before it could read the status. Absurd sizes are cut off outright. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const tooLarge = () => new HttpError(413, { message: `Request body exceeds ${MAX_BODY_BYTES} bytes` });
    if (Number(req.headers["content-length"] ?? 0) > MAX_DRAIN_BYTES) {
      req.destroy();
      fail(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        fail(tooLarge());
      } else if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      } else {
        chunks.length = 0;
      }
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? fail(tooLarge()) : ok(Buffer.concat(chunks))));
    req.on("error", fail);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new ProtocolError(`Request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
