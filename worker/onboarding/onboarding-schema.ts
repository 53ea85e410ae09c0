// Onboarding contracts: the vendor's checklist steps and one organization's
// progress through them. Three kinds complete themselves from live data
// (agreement signed, profile complete, team invited); custom steps are
// ticked by hand.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { onboardingStepKinds, partnerStatuses, onboardingSteps } from "../../db/tenant/schema.ts";
import { pickRow } from "../../db/rows.ts";

export type OnboardingStepKind = (typeof onboardingStepKinds)[number];
export const AUTOMATIC_KINDS: ReadonlySet<OnboardingStepKind> = new Set(["sign_agreement", "complete_profile", "invite_team"]);

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

const titleField = z.string().trim().min(1, "Enter a title.").max(120, "Use at most 120 characters.").openapi({ example: "Accept the partner agreement" });
const descriptionField = z
  .string()
  .trim()
  .max(1000, "Use at most 1000 characters.")
  .transform((s) => (s === "" ? null : s))
  .nullable();

export const inviteTeamConfigSchema = z.object({
  minMembers: z.number().int("Use a whole number.").min(1, "Use 1 to 50 people.").max(50, "Use 1 to 50 people."),
});

export const createOnboardingStepInput = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("sign_agreement"), title: titleField, description: descriptionField.optional() }),
    z.object({ kind: z.literal("complete_profile"), title: titleField, description: descriptionField.optional() }),
    z.object({ kind: z.literal("invite_team"), title: titleField, description: descriptionField.optional(), config: inviteTeamConfigSchema }),
    z.object({ kind: z.literal("custom"), title: titleField, description: descriptionField.optional(), linkUrl: httpsUrl.nullable().optional() }),
  ])
  .openapi("CreateOnboardingStepInput");

/** A PATCH: only the fields given change; `linkUrl` is for custom steps, `config` for invite_team. */
export const updateOnboardingStepInput = z
  .object({
    title: titleField.optional(),
    description: descriptionField.optional(),
    linkUrl: httpsUrl.nullable().optional(),
    config: inviteTeamConfigSchema.optional(),
  })
  .strict()
  .openapi("UpdateOnboardingStepInput");

export const reorderOnboardingStepsInput = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1, "List the steps in their new order.").max(200) })
  .openapi("ReorderOnboardingStepsInput");

export const onboardingStepSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(onboardingStepKinds),
    title: z.string(),
    description: z.string().nullable(),
    linkUrl: z.string().nullable(),
    /** invite_team only. */
    config: z.object({ minMembers: z.number().int() }).nullable(),
    createdAt: z.number(),
  })
  .openapi("OnboardingStep");

export const onboardingStepProgressSchema = onboardingStepSchema
  .extend({
    /** Completes itself from live data; custom steps are ticked by hand. */
    auto: z.boolean(),
    done: z.boolean(),
    /** When it was first seen done (stable across reads). */
    doneAt: z.number().nullable(),
    /** Why an automatic step is not done yet. */
    profileMissing: z.array(z.string()).optional(),
    team: z.object({ members: z.number(), pendingInvitations: z.number(), minMembers: z.number() }).optional(),
  })
  .openapi("OnboardingStepProgress");

export const onboardingProgressSchema = z
  .object({
    partnerOrgId: z.string(),
    partnerOrgStatus: z.enum(partnerStatuses),
    steps: z.array(onboardingStepProgressSchema),
    completed: z.number().int(),
    total: z.number().int(),
    /** Every step done (and there is at least one step). */
    allDone: z.boolean(),
  })
  .openapi("OnboardingProgress");

export const stuckPartnerSchema = z
  .object({
    partnerOrgId: z.string(),
    name: z.string(),
    onboardingSince: z.number(),
    daysInOnboarding: z.number().int(),
    completed: z.number().int(),
    total: z.number().int(),
  })
  .openapi("StuckPartner");

export type OnboardingStep = z.infer<typeof onboardingStepSchema>;
export type OnboardingStepProgress = z.infer<typeof onboardingStepProgressSchema>;
export type OnboardingProgress = z.infer<typeof onboardingProgressSchema>;
export type StuckPartner = z.infer<typeof stuckPartnerSchema>;

export const STEP_COLUMNS = "s.id, s.position, s.kind, s.title, s.description, s.link_url, s.config, s.created_at";

export function stepFromRow(r: Row): OnboardingStep {
  let config: OnboardingStep["config"] = null;
  if (typeof r.config === "string" && r.config !== "") {
    const parsed = inviteTeamConfigSchema.safeParse(JSON.parse(r.config));
    config = parsed.success ? parsed.data : null;
  }
  return { ...pickRow(onboardingSteps, r, ["id", "position", "kind", "title", "description", "linkUrl", "createdAt"]), config };
}
