// axe-core in a real page. The portal's CSP forbids injected <script> tags, so
// the library goes in through the DevTools protocol (page.evaluate), which
// the page's CSP does not govern; the check is the same axe.run a browser
// extension would make.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's violations on the page as it stands (injecting axe once per document). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Strings, evaluated in the page: test files are type-checked without the DOM library.
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  return (await page.evaluate(`window.axe.run(document, { resultTypes: ["violations"] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`)) as AxeViolation[];
}

/** One line per violation: rule, impact, and the offending elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.targets.join(", ")}`).join("\n");
}
