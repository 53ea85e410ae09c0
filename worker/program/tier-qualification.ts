// Measuring a partner against the ladder: pure functions shared by the
// evaluation job and the "my tier" views, so both say the same thing.
// A partner qualifies for a tier when it meets every criterion (AND); a metric
// the partner has no value for counts as 0; the highest-rank tier in use that
// the partner qualifies for is its tier.
import type { TierCriterion } from "./tier-schema.ts";

export interface LadderTier {
  id: string;
  name: string;
  rank: number;
  criteria: TierCriterion[];
}

export interface CriterionProgress {
  metric: string;
  min: number;
  actual: number;
  met: boolean;
}

export type MetricValues = ReadonlyMap<string, number>;

export function progressOf(tier: LadderTier, metrics: MetricValues): CriterionProgress[] {
  return tier.criteria.map((c) => {
    const actual = metrics.get(c.metric) ?? 0;
    return { metric: c.metric, min: c.min, actual, met: actual >= c.min };
  });
}

export function qualifies(tier: LadderTier, metrics: MetricValues): boolean {
  return tier.criteria.every((c) => (metrics.get(c.metric) ?? 0) >= c.min);
}

/** `ladder`: tiers in use, highest rank first. */
export function qualifyingTier<T extends LadderTier>(ladder: readonly T[], metrics: MetricValues): T | null {
  return ladder.find((t) => qualifies(t, metrics)) ?? null;
}

/** The lowest tier in use ranked above `rank` (above nothing: the lowest tier). */
export function nextTierAbove<T extends LadderTier>(ladder: readonly T[], rank: number | null): T | null {
  let next: T | null = null;
  for (const t of ladder) if ((rank === null || t.rank > rank) && (next === null || t.rank < next.rank)) next = t;
  return next;
}

export function sortLadder<T extends LadderTier>(tiers: T[]): T[] {
  return tiers.sort((a, b) => b.rank - a.rank);
}
