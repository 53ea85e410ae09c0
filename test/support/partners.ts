// Partner-module test helpers: many partner organizations seeded in one
// database round trip (tests and benchmarks). Route tests call the real app
// through app-harness.ts.
import type { InValue } from "@libsql/client/web";
import { companySizes, partnerStatuses, partnerTypes, type PartnerStatus, type PartnerType } from "../../db/tenant/schema.ts";
import { searchTextOf } from "../../worker/partners/partner-org-record.ts";
import type { TenantDb } from "../../worker/platform/db.ts";

export interface SeededPartnerOrg {
  id: string;
  name: string;
  legalName: string;
  websiteDomain: string;
  status: PartnerStatus;
  tierId: string | null;
  partnerType: PartnerType;
  region: string;
  ownerId: string | null;
  createdAt: number;
}

const FIRST = ["Acme", "Blue", "Cedar", "delta", "Echo", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orchid", "Pioneer", "Quartz"];
const SECOND = ["Systems", "Partners", "Labs", "Networks", "Consulting", "Group", "Digital", "Solutions", "Works", "Cloud", "Data", "Ventures", "Ärzte"];
export const SEED_REGIONS = ["EMEA", "NA", "APAC", "LATAM"] as const;
const COLUMNS = `id, name, legal_name, website_domain, country, region, partner_type, size, status, status_changed_at,
  tier_id, owner_id, search_text, created_at, updated_at`;
const ROWS_PER_INSERT = 100;

/**
 * `n` partner organizations with deterministic variety: repeated names (so
 * sorts need their id tie-break), a spread of statuses, types, regions, tiers
 * and owners, and creation times that collide. One batch, multi-row INSERTs.
 */
export async function seedPartnerOrgs(
  db: TenantDb,
  n: number,
  now: number,
  opts: { tierIds?: string[]; ownerIds?: string[] } = {},
): Promise<SeededPartnerOrg[]> {
  const tiers: (string | null)[] = [null, ...(opts.tierIds ?? [])];
  const owners: (string | null)[] = [null, ...(opts.ownerIds ?? [])];
  const run = crypto.randomUUID().slice(0, 8);
  const orgs: SeededPartnerOrg[] = Array.from({ length: n }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${SECOND[(i * 7) % SECOND.length]}`;
    return {
      id: crypto.randomUUID(),
      name,
      legalName: `${name} ${i % 2 ? "Ltd" : "GmbH"}`,
      websiteDomain: `p${i}-${run}.example.com`,
      status: partnerStatuses[(i * 3) % partnerStatuses.length]!,
      tierId: tiers[i % tiers.length]!,
      partnerType: partnerTypes[i % partnerTypes.length]!,
      region: SEED_REGIONS[(i >> 1) % SEED_REGIONS.length]!,
      ownerId: owners[(i * 5) % owners.length]!,
      createdAt: now - (i % 97) * 1000,
    };
  });
  const statements = [];
  for (let start = 0; start < orgs.length; start += ROWS_PER_INSERT) {
    const slice = orgs.slice(start, start + ROWS_PER_INSERT);
    const args: InValue[] = slice.flatMap((o, i) => [
      o.id,
      o.name,
      o.legalName,
      o.websiteDomain,
      "DE",
      o.region,
      o.partnerType,
      companySizes[i % companySizes.length]!,
      o.status,
      o.createdAt,
      o.tierId,
      o.ownerId,
      searchTextOf(o.name, o.legalName, o.websiteDomain),
      o.createdAt,
      o.createdAt,
    ]);
    const row = `(${Array(15).fill("?").join(", ")})`;
    statements.push({ sql: `INSERT INTO partner_orgs (${COLUMNS}) VALUES ${slice.map(() => row).join(", ")}`, args });
  }
  if (statements.length > 0) await db.$client.batch(statements, "write");
  return orgs;
}
