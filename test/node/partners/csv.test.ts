// CSV export and import: the parser on the awkward parts of RFC 4180,
// formula defusing, a round trip from one portal into another, per-row
// errors and duplicates, the size caps, dry runs, chunked uploads and progress.
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv, toCsv } from "../../../worker/partners/csv.ts";
import { exportPartnersCsv } from "../../../worker/partners/export-partners-csv.ts";
import { getPartnerOrg } from "../../../worker/partners/get-partner-org.ts";
import { importPartnersCsv, PayloadTooLarge } from "../../../worker/partners/import-partners-csv.ts";
import { listPartnerOrgs } from "../../../worker/partners/list-partner-orgs.ts";
import { updatePartnerProfile } from "../../../worker/partners/update-partner-profile.ts";
import { Forbidden, ValidationFailed } from "../../../worker/platform/errors.ts";
import { seedPartnerOrgs } from "../../support/partners.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

async function adminOf() {
  const t = await createTenant(p);
  return { t, admin: await tenantCtx(p, t.tenant, t.admin.token) };
}

describe("parseCsv and toCsv", () => {
  it("reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFFname,note\r\n"Acme, Inc.","She said ""hi"""\r\n"Multi\r\nLine",x\nplain,\r\n\r\n"",last';
    expect(parseCsv(text)).toEqual([
      ["name", "note"],
      ["Acme, Inc.", 'She said "hi"'],
      ["Multi\r\nLine", "x"],
      ["plain", ""],
      ["", "last"],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("rejects an unclosed quote and text after a closing quote", () => {
    expect(() => parseCsv('name\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('name\n"closed"junk')).toThrow(CsvSyntaxError);
  });

  it("quotes what needs quoting and defuses formulas", () => {
    const csv = toCsv([
      ["a,b", 'q"q', "line\nbreak", " pad", null, 7],
      ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "safe"],
    ]);
    expect(csv).toBe('"a,b","q""q","line\nbreak"," pad",,7\r\n\'=SUM(A1),\'+1,\'-2,\'@cmd,\'\tx,safe\r\n');
    expect(parseCsv(toCsv([["x,y", '"', "a\r\nb"]]))).toEqual([["x,y", '"', "a\r\nb"]]);
  });
});

describe("exportPartnersCsv", () => {
  it("exports the filtered list with a header row, formula cells defused", async () => {
    const { t, admin } = await adminOf();
    const evil = await addPartnerOrg(p, t, "=HYPERLINK(\"http://evil\")");
    await updatePartnerProfile({ ctx: admin, id: evil, input: { legalName: "+Evil, Inc.", region: "@EMEA" } });
    await addPartnerOrg(p, t, "Benign");
    const csv = await exportPartnersCsv({ ctx: admin, query: { region: "@EMEA" } });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(["name", "legal_name", "website_domain", "country", "region", "partner_type", "size", "status", "tier_id", "owner_id", "user_count", "created_at", "id"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 5)).toEqual(["'=HYPERLINK(\"http://evil\")", "'+Evil, Inc.", "", "", "'@EMEA"]);
    expect(rows[1]!.at(-1)).toBe(evil);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("is for vendor staff", async () => {
    const { t } = await adminOf();
    const org = await addPartnerOrg(p, t);
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    await expect(exportPartnersCsv({ ctx: await tenantCtx(p, t.tenant, partnerAdmin.token) })).rejects.toBeInstanceOf(Forbidden);
    const manager = await addMember(p, t, { role: "channel_manager" });
    expect(parseCsv(await exportPartnersCsv({ ctx: await tenantCtx(p, t.tenant, manager.token) }))).toHaveLength(2);
  });
});

describe("importPartnersCsv", () => {
  it("round-trips an export into another portal", async () => {
    const a = await adminOf();
    const seeded = await seedPartnerOrgs(systemCtx(p, a.t.tenant).db, 250, Date.now());
    // Seeded names repeat on purpose; the import keeps the first of each name.
    const firstByName = new Map<string, (typeof seeded)[number]>();
    for (const o of [...seeded].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1))) {
      if (!firstByName.has(o.name.toLowerCase())) firstByName.set(o.name.toLowerCase(), o);
    }
    const kept = firstByName.get(seeded[0]!.name.toLowerCase())!;
    await updatePartnerProfile({ ctx: a.admin, id: kept.id, input: { legalName: '-Minus, "Quoted"\nGmbH' } });
    const csv = await exportPartnersCsv({ ctx: a.admin });

    const b = await adminOf();
    const progress: [number, number][] = [];
    const result = await importPartnersCsv({ ctx: b.admin, csv, onProgress: (done, total) => void progress.push([done, total]) });
    expect(result.imported).toBe(firstByName.size);
    expect(result.failed).toBe(250 - firstByName.size);
    expect(new Set(result.errors.map((e) => `${e.field}:${e.code}`))).toEqual(new Set(["name:duplicate"]));
    expect(progress).toEqual([[250, 250]]);

    const exported = parseCsv(csv).slice(1);
    const strip = (rows: string[][]) => rows.map((r) => r.slice(0, 8)).sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
    const reexported = parseCsv(await exportPartnersCsv({ ctx: b.admin })).slice(1);
    const keptIds = new Set([...firstByName.values()].map((o) => o.id));
    expect(strip(reexported)).toEqual(strip(exported.filter((r) => keptIds.has(r.at(-1)!))));
    const minus = (await listPartnerOrgs({ ctx: b.admin, query: { q: "quoted" } })).items[0]!;
    expect((await getPartnerOrg({ ctx: b.admin, id: minus.id })).legalName).toBe('-Minus, "Quoted"\nGmbH');
  });

  it("reports each bad row by number and column, imports the good ones, and catches duplicates in the portal and the file", async () => {
    const { t, admin } = await adminOf();
    const existing = await addPartnerOrg(p, t, "Existing Partner");
    await updatePartnerProfile({ ctx: admin, id: existing, input: { websiteDomain: "existing.example" } });
    const csv = [
      "Name,Website Domain,Country,partner_type,size,status,unknown column",
      "Good One,good.example,de,Reseller,11-50,,ignored", // row 2
      "X,bad domain,ZZ,distributor,huge,,", // row 3: five errors
      ",nameless.example,,,,,", // row 4
      "existing partner,fresh.example,,,,,", // row 5: name taken
      "Fresh,https://www.EXISTING.example/x,,,,,", // row 6: domain taken
      "Good Two,good2.example,FR,systems integrator,1001+,onboarding,", // row 7
      "good one,other.example,,,,,", // row 8: same name as row 2
      "Another,GOOD2.example,,,,,", // row 9: same domain as row 7
      '"=Formula, Inc.",formula.example,,,,,', // row 10: imported as is
    ].join("\r\n");

    const dry = await importPartnersCsv({ ctx: admin, csv, dryRun: true });
    expect(dry).toMatchObject({ rows: 9, imported: 3, failed: 6, dryRun: true, nextOffset: 9 });
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(1);

    const result = await importPartnersCsv({ ctx: admin, csv });
    expect(result).toMatchObject({ rows: 9, imported: 3, failed: 6, dryRun: false });
    expect(result.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "name", "too_small"],
      [3, "website_domain", "invalid_format"],
      [3, "country", "custom"],
      [3, "partner_type", "invalid_value"],
      [3, "size", "invalid_value"],
      [4, "name", "required"],
      [5, "name", "duplicate"],
      [6, "website_domain", "duplicate"],
      [8, "name", "duplicate"],
      [9, "website_domain", "duplicate"],
    ]);
    expect(result.errors[2]!.message).toBe("Choose a country (ISO 3166-1 alpha-2 code).");
    const { items } = await listPartnerOrgs({ ctx: admin });
    expect(items.map((o) => [o.name, o.websiteDomain, o.status, o.partnerType, o.country])).toEqual([
      ["=Formula, Inc.", "formula.example", "active", null, null],
      ["Existing Partner", "existing.example", "active", null, null],
      ["Good One", "good.example", "active", "reseller", "DE"],
      ["Good Two", "good2.example", "onboarding", "systems_integrator", "FR"],
    ]);
    const audits = await admin.db.$client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'partner_org.created' AND data LIKE '%\"import\"%'");
    expect(Number(audits.rows[0]!.n)).toBe(3);

    // Importing the same file again: every row is now a duplicate or invalid.
    const again = await importPartnersCsv({ ctx: admin, csv });
    expect(again).toMatchObject({ imported: 0, failed: 9 });
  });

  it("takes a large file in chunks, numbering rows across the whole file, and reports progress per 500 rows", async () => {
    const { admin } = await adminOf();
    const header = "name,website_domain";
    const lines = Array.from({ length: 1200 }, (_, i) => (i === 700 ? "Broken,not a domain" : `Chunk Partner ${i},chunk${i}.example`));
    const progress: [number, number][] = [];
    const first = await importPartnersCsv({ ctx: admin, csv: [header, ...lines.slice(0, 1100)].join("\n"), onProgress: (d, t) => void progress.push([d, t]) });
    expect(progress).toEqual([
      [500, 1100],
      [1000, 1100],
      [1100, 1100],
    ]);
    expect(first).toMatchObject({ imported: 1099, failed: 1, nextOffset: 1100 });
    expect(first.errors.map((e) => e.row)).toEqual([702]);
    // The second chunk repeats a row of the first: caught against what is already imported.
    const second = await importPartnersCsv({ ctx: admin, csv: [header, lines[5], ...lines.slice(1100)].join("\n"), offset: first.nextOffset });
    expect(second).toMatchObject({ rows: 101, imported: 100, failed: 1, nextOffset: 1201 });
    expect(second.errors).toEqual([{ row: 1102, field: "website_domain", code: "duplicate", message: expect.stringContaining("chunk5.example") }]);
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(1199);
  });

  it("refuses files over 2 MB or 5,000 rows, files without a name column, and broken CSV", async () => {
    const { admin } = await adminOf();
    const big = await importPartnersCsv({ ctx: admin, csv: `name\n${"x".repeat(2 * 1024 * 1024)}` }).catch((e) => e);
    expect(big).toBeInstanceOf(PayloadTooLarge);
    expect([big.status, big.code]).toEqual([413, "csv_too_large"]);
    const many = await importPartnersCsv({ ctx: admin, csv: ["name", ...Array.from({ length: 5001 }, (_, i) => `P${i}`)].join("\n") }).catch((e) => e);
    expect([many.status, many.code, many.message]).toEqual([413, "too_many_rows", "The file has 5001 rows; import at most 5000 at a time."]);
    const noName = await importPartnersCsv({ ctx: admin, csv: "company,website\nAcme,acme.example" }).catch((e) => e);
    expect(noName).toBeInstanceOf(ValidationFailed);
    expect(noName.fields[0]).toMatchObject({ field: "csv", code: "missing_name_column" });
    const broken = await importPartnersCsv({ ctx: admin, csv: 'name\n"Acme' }).catch((e) => e);
    expect(broken).toBeInstanceOf(ValidationFailed);
    expect(broken.fields[0]).toMatchObject({ field: "csv", code: "invalid_csv" });
    expect((await listPartnerOrgs({ ctx: admin })).total).toBe(0);
  });

  it("is for vendor staff", async () => {
    const { t } = await adminOf();
    const org = await addPartnerOrg(p, t);
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    await expect(importPartnersCsv({ ctx: await tenantCtx(p, t.tenant, partnerAdmin.token), csv: "name\nSneaky" })).rejects.toBeInstanceOf(Forbidden);
    await expect(importPartnersCsv({ ctx: await tenantCtx(p, t.tenant, null), csv: "name\nSneaky" })).rejects.toBeInstanceOf(Forbidden);
  });
});
