import { raw } from "hono/html";

/**
 * A `<style>` element with our own CSS, as written: JSX would escape its quotes and `>`
 * (`&quot;`, `&gt;`), which a stylesheet does not decode, silently dropping the rules
 * with a font name in quotes or a child selector. Never for text that comes from a person.
 */
export function Style({ css }: { css: string }) {
  return <style>{raw(css)}</style>;
}
