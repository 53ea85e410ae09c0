// The portal's API types are printed from the API's OpenAPI document; the
// committed file must match what the API serves now, or the portal would be
// type-checked against a contract that no longer exists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { app, document } from "../../worker/app.ts";
import { API_SCHEMA_FILE, type OpenApiDocument, renderApiTypes } from "../../scripts/gen-api-types.ts";

describe("portal API types", () => {
  it("web/src/lib/api-schema.gen.ts is up to date (run npm run api:types)", () => {
    const rendered = renderApiTypes(app.getOpenAPI31Document(document) as OpenApiDocument);
    expect(readFileSync(API_SCHEMA_FILE, "utf8"), "stale API types: run npm run api:types").toBe(rendered);
  });
});

describe("the OpenAPI to TypeScript printer", () => {
  const shape = {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      kind: { const: "deal" },
      size: { type: "integer", default: 10 },
      note: { type: ["string", "null"] },
      owner: { anyOf: [{ $ref: "#/components/schemas/Owner" }, { type: "null" }] },
      legacy: { type: "number", nullable: true },
      tags: { type: "array", items: { type: "string", enum: ["a", "it's"] } },
      extra: { type: "object", additionalProperties: { type: "boolean" } },
    },
    required: ["id", "kind", "size", "note", "owner", "legacy", "tags", "extra"],
  };
  const doc = (schema: object): OpenApiDocument => ({
    components: {
      schemas: {
        Owner: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        Shape: schema,
      },
    },
    paths: {
      "/things/{id}": {
        post: {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "limit", in: "query", required: false, schema: { type: "integer", default: 25 } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Shape" } } } },
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: { $ref: "#/components/schemas/Owner" } } } },
            "204": { description: "Nothing" },
          },
        },
      },
    },
  });

  it("prints a request-only schema with defaulted properties optional", () => {
    const out = renderApiTypes(doc(shape));
    expect(out).toContain(
      [
        "export interface Shape {",
        "\tid: string;",
        "\tkind: 'deal';",
        "\tsize?: number;",
        "\tnote: string | null;",
        "\towner: Owner | null;",
        "\tlegacy: number | null;",
        "\ttags: ('a' | 'it\\'s')[];",
        "\textra: {",
        "\t\t[key: string]: boolean;",
        "\t};",
        "}",
      ].join("\n"),
    );
    expect(out).toContain("\t\t\tparams: {\n\t\t\t\tid: string;\n\t\t\t};");
    expect(out).toContain("\t\t\tquery: {\n\t\t\t\tlimit?: number;\n\t\t\t};");
    expect(out).toContain("\t\t\tbody: Shape;");
    expect(out).toContain("\t\t\t\t201: Owner;\n\t\t\t\t204: undefined;");
  });

  it("keeps defaulted properties required in a schema a response also uses", () => {
    const both = doc(shape);
    const post = both.paths!["/things/{id}"]!.post!;
    post.responses!["200"] = { content: { "application/json": { schema: { $ref: "#/components/schemas/Shape" } } } };
    expect(renderApiTypes(both)).toContain("\tsize: number;");
  });

  it("refuses a keyword it cannot print rather than widening it to unknown", () => {
    expect(() => renderApiTypes(doc({ not: { type: "string" } }))).toThrow(/unsupported JSON Schema keyword "not"/);
  });
});
