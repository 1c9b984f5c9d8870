import type { Child } from "hono/jsx";

/**
 * A wide table on a narrow screen scrolls sideways inside this box, not the page. The box
 * is a named region in the tab order, so a keyboard can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion(p: { label: string; children?: Child }) {
  return (
    <div class="scroll" role="region" tabindex={0} aria-label={p.label}>
      {p.children}
    </div>
  );
}
