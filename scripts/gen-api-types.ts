// Derives the portal's API types from the API's own contract: builds the
// OpenAPI 3.1 document the Worker serves at /api/openapi.json and prints it as
// TypeScript into web/src/lib/api-schema.gen.ts, so a route schema change the
// portal does not follow fails svelte-check instead of a page at runtime.
//
// Run: `npm run api:types` (tsx scripts/gen-api-types.ts).
// test/node/api-types.test.ts fails while the committed file is stale.
//
// The printer is deliberately small: it knows the JSON Schema that
// @hono/zod-openapi emits here and throws on any keyword it would otherwise
// have to guess at, so a new construct in the API is a loud generator error,
// never a silently widened `unknown`.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const API_SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../web/src/lib/api-schema.gen.ts");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema;
  items?: Schema;
  prefixItems?: Schema[];
  enum?: Json[];
  const?: Json;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  description?: string;
  default?: Json;
}
type Schema = SchemaObject | boolean;

interface Ref {
  $ref: string;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface MediaType {
  schema?: Schema;
}
interface RequestBody {
  required?: boolean;
  content?: Record<string, MediaType>;
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  summary?: string;
  parameters?: (Parameter | Ref)[];
  requestBody?: RequestBody | Ref;
  responses?: Record<string, Response | Ref>;
}
type PathItem = Partial<Record<(typeof METHODS)[number], Operation>> & { parameters?: (Parameter | Ref)[] };

/** The parts of an OpenAPI 3.1 document the printer reads. */
export interface OpenApiDocument {
  paths?: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    requestBodies?: Record<string, RequestBody>;
    responses?: Record<string, Response>;
  };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * Keywords that validate or annotate a value without changing its
 * TypeScript shape. `default` is read separately: in a request it makes a
 * property optional.
 */
const SHAPELESS_KEYWORDS = new Set([
  "title", "description", "default", "example", "examples", "format", "deprecated", "readOnly", "writeOnly",
  "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "contentEncoding", "contentMediaType",
  "discriminator", "externalDocs", "xml", "$schema", "id",
]);
const SHAPE_KEYWORDS = new Set([
  "$ref", "type", "properties", "required", "additionalProperties", "items", "prefixItems",
  "enum", "const", "anyOf", "oneOf", "allOf", "nullable",
]);

/**
 * Whether a schema is printed for what a client sends or for what it
 * receives. They differ in one place: a property with a `default` may be
 * left out of a request, while a response always carries it.
 */
type Direction = "request" | "response";

const SCHEMA_REF = "#/components/schemas/";

export function renderApiTypes(doc: OpenApiDocument): string {
  const printer = new Printer(doc);
  const out = [
    "// GENERATED FILE: do not edit.",
    "// Printed by scripts/gen-api-types.ts from the API's OpenAPI document",
    "// (GET /api/openapi.json). Change the API's route schemas, then regenerate",
    "// with `npm run api:types` (tsx scripts/gen-api-types.ts).",
    "",
    printer.components(),
    printer.paths(),
  ];
  return out.join("\n");
}

class Printer {
  private readonly directions: Map<string, Direction>;

  constructor(private readonly doc: OpenApiDocument) {
    this.directions = componentDirections(doc);
  }

  components(): string {
    const schemas = this.doc.components?.schemas ?? {};
    return sortedKeys(schemas)
      .map((name) => {
        const schema = schemas[name]!;
        const where = `#/components/schemas/${name}`;
        const direction = this.directions.get(name) ?? "response";
        const docs = typeof schema === "object" ? jsDoc(schema.description, "") : "";
        if (isPlainObjectSchema(schema)) {
          return `${docs}export interface ${identifier(name, where)} ${this.object(schema, direction, 0, where)}\n`;
        }
        return `${docs}export type ${identifier(name, where)} = ${this.schema(schema, direction, 0, where)};\n`;
      })
      .join("\n");
  }

  paths(): string {
    const paths = this.doc.paths ?? {};
    const lines = ["/** Every route of the API: path -> method -> request parts and responses by status. */", "export interface ApiPaths {"];
    for (const path of sortedKeys(paths)) {
      const item = paths[path]!;
      lines.push(`\t${key(path)}: {`);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        lines.push(this.operation(operation, item.parameters ?? [], `${method.toUpperCase()} ${path}`, method));
      }
      lines.push("\t};");
    }
    lines.push("}", "");
    return lines.join("\n");
  }

  private operation(operation: Operation, shared: (Parameter | Ref)[], where: string, method: string): string {
    const indent = 2;
    const pad = "\t".repeat(indent);
    const inner = "\t".repeat(indent + 1);
    const lines: string[] = [];
    if (operation.summary) lines.push(jsDoc(operation.summary, pad).trimEnd());
    lines.push(`${pad}${method}: {`);

    // Operation-level parameters override path-level ones with the same name and location.
    const byKey = new Map<string, Parameter>();
    for (const p of [...shared, ...(operation.parameters ?? [])]) {
      const parameter = this.resolve(p, "parameters", where);
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
    for (const [location, field] of [["path", "params"], ["query", "query"]] as const) {
      const parameters = [...byKey.values()].filter((p) => p.in === location);
      if (parameters.length === 0) continue;
      const members = parameters.map((p) => {
        const schema = p.schema ?? true;
        const optional = location !== "path" && (!p.required || hasDefault(schema));
        const type = this.schema(schema, "request", indent + 2, `${where} ${location} ${p.name}`);
        return `${jsDoc(p.description, "\t".repeat(indent + 2))}${"\t".repeat(indent + 2)}${key(p.name)}${optional ? "?" : ""}: ${type};`;
      });
      lines.push(`${inner}${field}: {`, ...members, `${inner}};`);
    }

    if (operation.requestBody) {
      const body = this.resolve(operation.requestBody, "requestBodies", where);
      const type = this.content(body.content, "request", indent + 1, `${where} requestBody`);
      lines.push(`${inner}body${body.required ? "" : "?"}: ${type};`);
    }

    lines.push(`${inner}responses: {`);
    const responses = operation.responses ?? {};
    for (const status of Object.keys(responses).sort(compareStatus)) {
      const response = this.resolve(responses[status]!, "responses", where);
      const type = this.content(response.content, "response", indent + 2, `${where} ${status}`);
      lines.push(`${"\t".repeat(indent + 2)}${key(status)}: ${type};`);
    }
    lines.push(`${inner}};`, `${pad}};`);
    return lines.join("\n");
  }

  /** The JSON body of a request or response; `undefined` when it has none. */
  private content(content: Record<string, MediaType> | undefined, direction: Direction, indent: number, where: string): string {
    if (!content || Object.keys(content).length === 0) return "undefined";
    const type =
      ["application/json", "application/problem+json"].find((t) => t in content) ??
      Object.keys(content).find((t) => /[/+]json\b/.test(t));
    // Text bodies (CSV exports) are strings to the client.
    if (!type && Object.keys(content).some((t) => t.startsWith("text/"))) return "string";
    if (!type) throw new Error(`${where}: no JSON body among ${Object.keys(content).join(", ")}; teach scripts/gen-api-types.ts this media type.`);
    return this.schema(content[type]!.schema ?? true, direction, indent, where);
  }

  private resolve<T extends object>(value: T | Ref, section: "parameters" | "requestBodies" | "responses", where: string): T {
    if (!("$ref" in value)) return value;
    const prefix = `#/components/${section}/`;
    const found = value.$ref.startsWith(prefix) ? this.doc.components?.[section]?.[value.$ref.slice(prefix.length)] : undefined;
    if (!found) throw new Error(`${where}: cannot resolve ${value.$ref}`);
    return found as T;
  }

  schema(schema: Schema, direction: Direction, indent: number, where: string): string {
    if (schema === true) return "unknown";
    if (schema === false) return "never";
    for (const keyword of Object.keys(schema)) {
      if (!SHAPE_KEYWORDS.has(keyword) && !SHAPELESS_KEYWORDS.has(keyword) && !keyword.startsWith("x-")) {
        throw new Error(`${where}: unsupported JSON Schema keyword "${keyword}"; teach scripts/gen-api-types.ts to print it.`);
      }
    }

    let parts: string[];
    if (schema.$ref !== undefined) {
      if (!schema.$ref.startsWith(SCHEMA_REF)) throw new Error(`${where}: unsupported $ref ${schema.$ref}`);
      const name = schema.$ref.slice(SCHEMA_REF.length);
      if (!this.doc.components?.schemas?.[name]) throw new Error(`${where}: $ref to a missing schema ${name}`);
      parts = [identifier(name, where)];
    } else if (schema.const !== undefined) {
      parts = [literal(schema.const, where)];
    } else if (schema.enum !== undefined) {
      parts = schema.enum.map((value) => literal(value, where));
    } else if (schema.anyOf ?? schema.oneOf) {
      parts = (schema.anyOf ?? schema.oneOf)!.map((s, i) => this.schema(s, direction, indent, `${where}/anyOf/${i}`));
    } else if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      parts = types.map((type) => this.typed(type, schema, direction, indent, where));
    } else if (schema.properties !== undefined || schema.additionalProperties !== undefined) {
      parts = [this.object(schema, direction, indent, where)];
    } else if (schema.allOf === undefined) {
      parts = ["unknown"];
    } else {
      parts = [];
    }

    if (schema.allOf) {
      const members = schema.allOf.map((s, i) => group(this.schema(s, direction, indent, `${where}/allOf/${i}`)));
      const base = parts.length > 0 && !(parts.length === 1 && parts[0] === "unknown") ? [group(union(parts))] : [];
      parts = [[...base, ...members].join(" & ")];
    }
    if (schema.nullable) parts.push("null");
    return union(parts);
  }

  private typed(type: string, schema: SchemaObject, direction: Direction, indent: number, where: string): string {
    switch (type) {
      case "string":
        return "string";
      case "number":
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "object":
        return this.object(schema, direction, indent, where);
      case "array":
        return this.array(schema, direction, indent, where);
      default:
        throw new Error(`${where}: unsupported type "${type}"`);
    }
  }

  private array(schema: SchemaObject, direction: Direction, indent: number, where: string): string {
    if (schema.prefixItems) {
      const fixed = schema.prefixItems.map((s, i) => this.schema(s, direction, indent, `${where}/prefixItems/${i}`));
      if (schema.items !== undefined && schema.items !== false) {
        fixed.push(`...${arrayOf(this.schema(schema.items, direction, indent, `${where}/items`))}`);
      }
      return `[${fixed.join(", ")}]`;
    }
    return arrayOf(this.schema(schema.items ?? true, direction, indent, `${where}/items`));
  }

  object(schema: SchemaObject, direction: Direction, indent: number, where: string): string {
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const pad = "\t".repeat(indent + 1);
    const members = Object.keys(properties).map((name) => {
      const property = properties[name]!;
      const optional = !required.has(name) || (direction === "request" && hasDefault(property));
      const type = this.schema(property, direction, indent + 1, `${where}/properties/${name}`);
      const docs = typeof property === "object" ? jsDoc(property.description, pad) : "";
      return `${docs}${pad}${key(name)}${optional ? "?" : ""}: ${type};`;
    });
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== false) {
      const type = this.schema(extra, direction, indent + 1, `${where}/additionalProperties`);
      // Named properties must fit the index signature too.
      members.push(`${pad}[key: string]: ${members.length > 0 && type !== "unknown" ? "unknown" : type};`);
    }
    if (members.length === 0) return "Record<string, never>";
    return `{\n${members.join("\n")}\n${"\t".repeat(indent)}}`;
  }
}

/**
 * Which way each component schema travels. A schema reached only from
 * request bodies and parameters is printed as a request (defaults make
 * properties optional); anything a response uses is printed as a response,
 * the stricter reading.
 */
function componentDirections(doc: OpenApiDocument): Map<string, Direction> {
  const schemas = doc.components?.schemas ?? {};
  const seen = { request: new Set<string>(), response: new Set<string>() };
  const visit = (value: unknown, direction: Direction): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, direction);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "$ref" && typeof v === "string" && v.startsWith(SCHEMA_REF)) {
          const name = v.slice(SCHEMA_REF.length);
          if (!seen[direction].has(name)) {
            seen[direction].add(name);
            visit(schemas[name], direction);
          }
        } else {
          visit(v, direction);
        }
      }
    }
  };
  const resolveSection = (value: unknown, section: "parameters" | "requestBodies" | "responses"): unknown => {
    const ref = (value as Partial<Ref> | undefined)?.$ref;
    const prefix = `#/components/${section}/`;
    return ref?.startsWith(prefix) ? doc.components?.[section]?.[ref.slice(prefix.length)] : value;
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const p of item.parameters ?? []) visit(resolveSection(p, "parameters"), "request");
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const p of operation.parameters ?? []) visit(resolveSection(p, "parameters"), "request");
      visit(resolveSection(operation.requestBody, "requestBodies"), "request");
      for (const r of Object.values(operation.responses ?? {})) visit(resolveSection(r, "responses"), "response");
    }
  }
  const directions = new Map<string, Direction>();
  for (const name of seen.request) if (!seen.response.has(name)) directions.set(name, "request");
  return directions;
}

function isPlainObjectSchema(schema: Schema): schema is SchemaObject {
  return (
    typeof schema === "object" &&
    schema.type === "object" &&
    schema.properties !== undefined &&
    Object.keys(schema.properties).length > 0 &&
    !schema.nullable &&
    schema.$ref === undefined &&
    schema.allOf === undefined &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined &&
    schema.enum === undefined &&
    schema.const === undefined
  );
}

function hasDefault(schema: Schema): boolean {
  return typeof schema === "object" && schema.default !== undefined;
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes("unknown")) return "unknown";
  return unique.length === 0 ? "never" : unique.join(" | ");
}

/** Parenthesizes a type that has a top-level `|` or `&`, for use inside `&` or `[]`. */
function group(type: string): string {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]!;
    if ("{[(<".includes(ch)) depth++;
    else if ("}])>".includes(ch)) depth--;
    else if (depth === 0 && (ch === "|" || ch === "&")) return `(${type})`;
  }
  return type;
}

function arrayOf(type: string): string {
  return `${group(type)}[]`;
}

function literal(value: Json, where: string): string {
  if (value === null || typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return quote(value);
  throw new Error(`${where}: cannot print the ${Array.isArray(value) ? "array" : "object"} literal ${JSON.stringify(value)}`);
}

function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A property key: bare when it is an identifier or a status code, quoted otherwise. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) || /^[1-9]\d*$/.test(name) ? name : quote(name);
}

function identifier(name: string, where: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`${where}: component name "${name}" is not a TypeScript identifier`);
  return name;
}

function jsDoc(text: string | undefined, pad: string): string {
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return `${pad}/** ${lines[0]} */\n`;
  return `${pad}/**\n${lines.map((line) => `${pad} * ${line}`.trimEnd()).join("\n")}\n${pad} */\n`;
}

function sortedKeys(record: object): string[] {
  return Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** 200, 201, ..., 2XX, ..., default: numbers first, then ranges, then default. */
function compareStatus(a: string, b: string): number {
  const rank = (s: string) => (/^\d+$/.test(s) ? Number(s) : s === "default" ? 10_000 : Number(s[0]) * 100 + 99.5);
  return rank(a) - rank(b);
}

async function main(): Promise<void> {
  const { app, document } = await import("../worker/app.ts");
  const source = renderApiTypes(app.getOpenAPI31Document(document) as OpenApiDocument);
  writeFileSync(API_SCHEMA_FILE, source);
  console.log(`wrote ${API_SCHEMA_FILE}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
