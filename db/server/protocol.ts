// Hrana-over-HTTP JSON wire format for the local libSQL server: validates a
// pipeline request body into typed requests and encodes values/results the
// way @libsql/hrana-client's JSON decoder expects them (integers as decimal
// strings so 64-bit values survive JSON, blobs as base64, floats as numbers).
// Anything malformed is a ProtocolError, which the HTTP layer turns into 400.

/** A value ready to bind into the engine (Buffer for blobs, bigint for integers). */
export type BindValue = null | bigint | number | string | Buffer;

export interface ProtoStmt {
  sql: string | undefined;
  sqlId: number | undefined;
  args: BindValue[];
  namedArgs: { name: string; value: BindValue }[];
  wantRows: boolean;
}

export type BatchCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and"; conds: BatchCond[] }
  | { type: "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };

export interface BatchStep {
  condition: BatchCond | undefined;
  stmt: ProtoStmt;
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: ProtoStmt }
  | { type: "batch"; steps: BatchStep[] }
  | { type: "sequence"; sql: string | undefined; sqlId: number | undefined }
  | { type: "describe"; sql: string | undefined; sqlId: number | undefined }
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number }
  | { type: "get_autocommit" };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export interface CursorRequest {
  baton: string | null;
  steps: BatchStep[];
}

/** Wire value as sent to the client. */
export type WireValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

export interface WireCol {
  name: string | null;
  decltype: string | null;
}

export interface StmtResult {
  cols: WireCol[];
  rows: WireValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

export interface WireError {
  message: string;
  code: string;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (WireError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: "close" }
  | { type: "execute"; result: StmtResult }
  | { type: "batch"; result: BatchResult }
  | { type: "sequence" }
  | { type: "describe"; result: DescribeResult }
  | { type: "store_sql" }
  | { type: "close_sql" }
  | { type: "get_autocommit"; is_autocommit: boolean };

export type StreamResult = { type: "ok"; response: StreamResponse } | { type: "error"; error: WireError };

/** The request violates the protocol (not an SQL error): HTTP 400. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

type Json = Record<string, unknown>;

function obj(v: unknown, what: string): Json {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ProtocolError(`${what} must be an object`);
  return v as Json;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ProtocolError(`${what} must be an array`);
  return v;
}

function optArr(v: unknown, what: string): unknown[] {
  return v === undefined || v === null ? [] : arr(v, what);
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new ProtocolError(`${what} must be a string`);
  return v;
}

function optStr(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, what);
}

function int32(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
    throw new ProtocolError(`${what} must be a 32-bit integer`);
  }
  return v;
}

function optInt32(v: unknown, what: string): number | undefined {
  return v === undefined || v === null ? undefined : int32(v, what);
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

export function parseValue(v: unknown): BindValue {
  const o = obj(v, "value");
  switch (o.type) {
    case "null":
      return null;
    case "integer": {
      // The client always sends a decimal string; tolerate a safe JSON integer.
      const raw = o.value;
      let n: bigint;
      if (typeof raw === "string" && /^-?\d{1,20}$/.test(raw)) n = BigInt(raw);
      else if (typeof raw === "number" && Number.isSafeInteger(raw)) n = BigInt(raw);
      else throw new ProtocolError("integer value must be a decimal string");
      if (n < I64_MIN || n > I64_MAX) throw new ProtocolError("integer value out of 64-bit range");
      return n;
    }
    case "float": {
      if (typeof o.value !== "number") throw new ProtocolError("float value must be a number");
      return o.value;
    }
    case "text":
      return str(o.value, "text value");
    case "blob": {
      const b64 = str(o.base64, "blob base64");
      if (!BASE64.test(b64)) throw new ProtocolError("blob base64 is not valid base64");
      // Buffer accepts unpadded and url-safe base64 alike.
      return Buffer.from(b64, "base64");
    }
    default:
      throw new ProtocolError(`unknown value type ${JSON.stringify(o.type)}`);
  }
}

function parseStmt(v: unknown): ProtoStmt {
  const o = obj(v, "stmt");
  const namedArgs = optArr(o.named_args, "named_args").map((a) => {
    const ao = obj(a, "named arg");
    return { name: str(ao.name, "named arg name"), value: parseValue(ao.value) };
  });
  if (o.want_rows !== undefined && o.want_rows !== null && typeof o.want_rows !== "boolean") {
    throw new ProtocolError("want_rows must be a boolean");
  }
  return {
    sql: optStr(o.sql, "sql"),
    sqlId: optInt32(o.sql_id, "sql_id"),
    args: optArr(o.args, "args").map(parseValue),
    namedArgs,
    wantRows: o.want_rows !== false,
  };
}

function parseCond(v: unknown, depth = 0): BatchCond {
  if (depth > 100) throw new ProtocolError("batch condition nested too deeply");
  const o = obj(v, "condition");
  switch (o.type) {
    case "ok":
    case "error":
      return { type: o.type, step: int32(o.step, "condition step") };
    case "not":
      return { type: "not", cond: parseCond(o.cond, depth + 1) };
    case "and":
    case "or":
      return { type: o.type, conds: arr(o.conds, "conds").map((c) => parseCond(c, depth + 1)) };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      throw new ProtocolError(`unknown condition type ${JSON.stringify(o.type)}`);
  }
}

function parseBatchSteps(v: unknown): BatchStep[] {
  const batch = obj(v, "batch");
  return arr(batch.steps, "batch steps").map((s) => {
    const so = obj(s, "batch step");
    return {
      condition: so.condition === undefined || so.condition === null ? undefined : parseCond(so.condition),
      stmt: parseStmt(so.stmt),
    };
  });
}

function parseRequest(v: unknown): StreamRequest {
  const o = obj(v, "request");
  switch (o.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", stmt: parseStmt(o.stmt) };
    case "batch":
      return { type: "batch", steps: parseBatchSteps(o.batch) };
    case "sequence":
    case "describe":
      return { type: o.type, sql: optStr(o.sql, "sql"), sqlId: optInt32(o.sql_id, "sql_id") };
    case "store_sql":
      return { type: "store_sql", sqlId: int32(o.sql_id, "sql_id"), sql: str(o.sql, "sql") };
    case "close_sql":
      return { type: "close_sql", sqlId: int32(o.sql_id, "sql_id") };
    case "get_autocommit":
      return { type: "get_autocommit" };
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(o.type)}`);
  }
}

function parseBaton(v: unknown): string | null {
  return v === undefined || v === null ? null : str(v, "baton");
}

export function parsePipelineRequest(body: unknown): PipelineRequest {
  const o = obj(body, "request body");
  return { baton: parseBaton(o.baton), requests: arr(o.requests, "requests").map(parseRequest) };
}

export function parseCursorRequest(body: unknown): CursorRequest {
  const o = obj(body, "request body");
  return { baton: parseBaton(o.baton), steps: parseBatchSteps(o.batch) };
}

/** Encode an engine value (safeIntegers mode) for the wire. */
export function encodeValue(v: unknown): WireValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  if (v instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  return { type: "text", value: String(v) };
}
