// Reachability of the control database, for /api/health and monitors.
import type { PlatformCtx } from "../context.ts";

export async function checkControlHealth({ ctx }: { ctx: PlatformCtx }): Promise<{ reachable: boolean; latencyMs: number }> {
  const started = Date.now();
  try {
    await ctx.control.$client.execute("SELECT 1");
    return { reachable: true, latencyMs: Date.now() - started };
  } catch {
    return { reachable: false, latencyMs: Date.now() - started };
  }
}
