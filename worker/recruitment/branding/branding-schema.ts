// The portal's branding contract and its one domain rule: the primary colour
// carries white text (buttons, header), so it must reach WCAG AA contrast
// (4.5:1) against white. Shared by get, update and preview.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../../db/rows.ts";
import { portalBranding } from "../../../db/tenant/schema.ts";
import type { TenantRef } from "../../platform/context.ts";
import { ValidationFailed } from "../../platform/errors.ts";

/** Tailwind blue-600: 5.17:1 against white. */
export const DEFAULT_PRIMARY_COLOR = "#2563eb";
export const MIN_CONTRAST_WITH_WHITE = 4.5;
export const BRANDING_ROW_ID = "portal";

const httpsUrl = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters.")
  .refine((s) => {
    try {
      return new URL(s).protocol === "https:";
    } catch {
      return false;
    }
  }, "Use an https:// address.");

/** Line endings normalized, control characters other than newline and tab removed; empty is null. */
const plainText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim())
    .pipe(z.string().max(max, `Use at most ${max} characters.`))
    .transform((s) => (s === "" ? null : s));

export const updateBrandingInput = z
  .object({
    portalName: z.string().trim().min(1, "Enter the portal's name.").max(80, "Use at most 80 characters.").openapi({ example: "Acme Partner Hub" }),
    logoUrl: httpsUrl.nullable().default(null).openapi({ example: "https://cdn.example.com/logo.svg" }),
    primaryColor: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1d4ed8.")
      .transform((s) => s.toLowerCase())
      .openapi({ example: "#1d4ed8" }),
    welcomeText: plainText(500).nullable().default(null),
    programDescription: plainText(5000).nullable().default(null),
  })
  .openapi("UpdateBrandingInput");

export type UpdateBrandingInput = z.infer<typeof updateBrandingInput>;

export const brandingSchema = z
  .object({
    portalName: z.string(),
    logoUrl: z.string().nullable(),
    primaryColor: z.string(),
    /** Text colour to put on the primary colour. */
    textColor: z.string(),
    contrastRatio: z.number(),
    welcomeText: z.string().nullable(),
    programDescription: z.string().nullable(),
    /** False while the vendor has never saved branding (defaults shown). */
    customized: z.boolean(),
    updatedAt: z.number().nullable(),
  })
  .openapi("PortalBranding");

export type Branding = z.infer<typeof brandingSchema>;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.x relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The more legible of white and near-black text on `background`. */
export function accessibleTextColor(background: string): { textColor: string; contrastRatio: number } {
  const candidates = ["#ffffff", "#111827"].map((textColor) => ({ textColor, contrastRatio: contrastRatio(background, textColor) }));
  const best = candidates[0]!.contrastRatio >= MIN_CONTRAST_WITH_WHITE ? candidates[0]! : candidates.reduce((a, b) => (b.contrastRatio > a.contrastRatio ? b : a));
  return { textColor: best.textColor, contrastRatio: Math.floor(best.contrastRatio * 100) / 100 };
}

/** Throws a field error on `primaryColor` when white text on it would be hard to read. */
export function assertReadablePrimaryColor(color: string): void {
  const ratio = contrastRatio(color, "#ffffff");
  if (ratio < MIN_CONTRAST_WITH_WHITE) {
    throw new ValidationFailed([
      {
        field: "primaryColor",
        code: "low_contrast",
        message: `White text on ${color} has a contrast of ${(Math.floor(ratio * 100) / 100).toFixed(2)}:1; buttons and headers need at least 4.5:1 to stay readable. Choose a darker colour.`,
      },
    ]);
  }
}

export function toBranding(
  values: Pick<Branding, "portalName" | "logoUrl" | "primaryColor" | "welcomeText" | "programDescription">,
  updatedAt: number | null,
): Branding {
  return { ...values, ...accessibleTextColor(values.primaryColor), customized: updatedAt !== null, updatedAt };
}

export function brandingFromRow(row: Row | undefined, tenant: TenantRef): Branding {
  if (!row) {
    return toBranding({ portalName: tenant.name, logoUrl: null, primaryColor: DEFAULT_PRIMARY_COLOR, welcomeText: null, programDescription: null }, null);
  }
  const { updatedAt, ...values } = pickRow(portalBranding, row, ["portalName", "logoUrl", "primaryColor", "welcomeText", "programDescription", "updatedAt"]);
  return toBranding(values, updatedAt);
}
