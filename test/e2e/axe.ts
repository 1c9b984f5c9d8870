/**
 * The accessibility audit of a page in Chromium: axe-core (WCAG 2.0, 2.1 and 2.2,
 * A and AA rules) run inside the page, failing on any serious or critical
 * violation; plus what axe leaves to a person: the page has a heading, and fits a
 * 320 px screen without sideways scrolling.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE = readFileSync(resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Serious and critical violations on the page as it is now, one line each (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated by the DevTools protocol, not a <script>: the pages' CSP allows only their own scripts
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE);
  const options = JSON.stringify({ runOnly: { type: "tag", values: WCAG_22_AA }, resultTypes: ["violations"] });
  const violations = await page.evaluate<Violation[]>(`axe.run(document, ${options}).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The audit of one page state: no serious or critical axe violation, a heading, no sideways scrolling. */
export async function expectAccessible(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await page.locator("h1").count(), `${name}: a top heading`).toBeGreaterThanOrEqual(1);
  // a phone lays a page that is too wide out wider than its screen (and shrinks it): both say "scrolls sideways"
  const width = page.viewportSize()!.width;
  const laidOut = await page.evaluate<[number, number]>("[window.innerWidth, document.documentElement.scrollWidth]");
  // the elements that reach past the screen, to say what is too wide
  const wide = laidOut[0] === width && laidOut[1] === width ? [] : await page.evaluate<string[]>(`[...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > ${width} + 1 && !e.closest(".scroll"))
    .slice(-5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right))`);
  expect({ laidOut, wide }, `${name}: fits ${width} px`).toEqual({ laidOut: [width, width], wide: [] });
}
