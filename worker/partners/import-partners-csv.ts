// Bulk-adds partner organizations from CSV (vendor staff). Every row is
// validated with the same field rules as the API; a row that fails, or that
// duplicates an existing partner or an earlier row (same website domain, or
// the same name ignoring case), is reported and skipped. Valid rows are
// written in atomic batches of 500, each organization with its audit row.
//
// Large files: the portal sends the header row plus up to 500 data rows per
// request with `offset` = the number of data rows before them, so row
// numbers stay those of the whole file and each request stays small; earlier
// chunks are already imported, so duplicates across chunks are still caught
// (except in a dry run, which imports nothing).
import { z } from "@hono/zod-openapi";
import { auditStatement } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { DomainError, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { CsvSyntaxError, parseCsv, restoreFormula } from "./csv.ts";
import { insertPartnerOrgStatement, type NewPartnerOrg } from "./partner-org-record.ts";
import {
  companySizeField,
  countryField,
  legalNameField,
  partnerOrgNameField,
  partnerStatusField,
  partnerTypeField,
  shortLabel,
  websiteDomainField,
} from "./partner-org-schema.ts";

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_CHUNK_ROWS = 500;

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  constructor(
    detail: string,
    readonly code: string = "payload_too_large",
  ) {
    super(detail);
  }
}

// Keys are the CSV column names, so a row error names the column the person sees.
const importRow = z.object({
  name: partnerOrgNameField,
  legal_name: legalNameField.optional(),
  website_domain: websiteDomainField.optional(),
  country: countryField.optional(),
  region: shortLabel.optional(),
  partner_type: partnerTypeField.optional(),
  size: companySizeField.optional(),
  status: partnerStatusField.optional(),
});

type ImportColumn = keyof z.infer<typeof importRow>;
const IMPORT_COLUMNS = Object.keys(importRow.shape) as ImportColumn[];
// Enumerated columns accept any case and spaces ("Systems Integrator").
const ENUM_COLUMNS: ReadonlySet<ImportColumn> = new Set(["partner_type", "status"]);

/** "Legal Name", "legal_name", "legalName" and "LEGAL-NAME" all name the same column. */
const headerKey = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");
const COLUMN_BY_HEADER = new Map(IMPORT_COLUMNS.map((c) => [headerKey(c), c]));

export const importPartnersInput = z
  .object({
    csv: z.string().min(1, "Attach a CSV file."),
    offset: z.number().int().min(0).max(IMPORT_MAX_ROWS).default(0),
    dryRun: z.boolean().default(false),
  })
  .openapi("ImportPartnersInput");

export const importRowErrorSchema = z
  .object({ row: z.number(), field: z.string(), message: z.string(), code: z.string() })
  .openapi("ImportRowError");

export const importResultSchema = z
  .object({
    rows: z.number(),
    imported: z.number(),
    failed: z.number(),
    errors: z.array(importRowErrorSchema),
    dryRun: z.boolean(),
    nextOffset: z.number(),
  })
  .openapi("ImportPartnersResult");

export type ImportResult = z.infer<typeof importResultSchema>;
type RowError = z.infer<typeof importRowErrorSchema>;

const nameKey = (name: string) => name.trim().toLowerCase();

export async function importPartnersCsv({
  ctx,
  csv,
  dryRun = false,
  offset = 0,
  onProgress,
}: {
  ctx: Ctx;
  csv: string;
  dryRun?: boolean;
  offset?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}): Promise<ImportResult> {
  authorize(ctx.actor, "partners.import");
  if (new TextEncoder().encode(csv).byteLength > IMPORT_MAX_BYTES) {
    throw new PayloadTooLarge("The CSV file is larger than 2 MB. Split it into smaller files.", "csv_too_large");
  }
  let records: string[][];
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new ValidationFailed([{ field: "csv", message: e.message, code: "invalid_csv" }], "The file is not valid CSV.");
    throw e;
  }
  const [header, ...data] = records;
  const columns = (header ?? []).map((h) => COLUMN_BY_HEADER.get(headerKey(h)) ?? null);
  if (!columns.includes("name")) {
    throw new ValidationFailed([{ field: "csv", message: "The first row must name the columns, including a name column.", code: "missing_name_column" }]);
  }
  if (data.length > IMPORT_MAX_ROWS) {
    throw new PayloadTooLarge(`The file has ${data.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`, "too_many_rows");
  }

  // Everything already in the portal, for duplicate detection: two short
  // columns, read once per call rather than once per chunk.
  const existing = await ctx.db.$client.execute("SELECT name, website_domain FROM partner_orgs");
  const names = new Set(existing.rows.map((r) => nameKey(String(r.name))));
  const domains = new Set(existing.rows.filter((r) => r.website_domain != null).map((r) => String(r.website_domain)));

  const errors: RowError[] = [];
  let imported = 0;
  let failed = 0;
  for (let start = 0; start < data.length; start += IMPORT_CHUNK_ROWS) {
    const chunk: NewPartnerOrg[] = [];
    data.slice(start, start + IMPORT_CHUNK_ROWS).forEach((record, i) => {
      // Numbered as a spreadsheet numbers rows: the header is row 1 (blank lines are skipped).
      const row = offset + start + i + 2;
      const raw: Record<string, string> = {};
      columns.forEach((column, c) => {
        const cell = restoreFormula((record[c] ?? "").trim());
        if (column && cell !== "") raw[column] = ENUM_COLUMNS.has(column) ? cell.toLowerCase().replace(/[\s-]+/g, "_") : cell;
      });
      const parsed = importRow.safeParse(raw);
      if (!parsed.success) {
        failed++;
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "row");
          const missing = issue.code === "invalid_type" && raw[field] === undefined;
          errors.push({ row, field, message: missing ? "This field is required." : issue.message, code: missing ? "required" : issue.code });
        }
        return;
      }
      const v = parsed.data;
      const duplicate =
        v.website_domain && domains.has(v.website_domain)
          ? { field: "website_domain", message: `A partner with the website ${v.website_domain} already exists or appears earlier in the file.` }
          : names.has(nameKey(v.name))
            ? { field: "name", message: `A partner named "${v.name}" already exists or appears earlier in the file.` }
            : null;
      if (duplicate) {
        failed++;
        errors.push({ row, ...duplicate, code: "duplicate" });
        return;
      }
      names.add(nameKey(v.name));
      if (v.website_domain) domains.add(v.website_domain);
      chunk.push({
        id: newId(),
        name: v.name,
        status: v.status ?? "active",
        legalName: v.legal_name,
        websiteDomain: v.website_domain,
        country: v.country,
        region: v.region,
        partnerType: v.partner_type,
        size: v.size,
      });
    });
    if (!dryRun && chunk.length > 0) {
      await ctx.db.$client.batch(
        chunk.flatMap((org) => [
          insertPartnerOrgStatement(org, ctx.now),
          auditStatement(ctx.actor, ctx.now, "partner_org.created", { type: "partner_org", id: org.id }, { name: org.name, status: org.status, source: "import" }),
        ]),
        "write",
      );
    }
    imported += chunk.length;
    await onProgress?.(Math.min(start + IMPORT_CHUNK_ROWS, data.length), data.length);
  }
  return { rows: data.length, imported, failed, errors, dryRun, nextOffset: offset + data.length };
}
