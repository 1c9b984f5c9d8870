/** Our stylesheets reach the browser as written: an escaped quote or `>` silently drops a rule (the body font, child selectors). */
import { describe, expect, it } from "vitest";
import { call, makeEvent, staffSession, staffGet } from "../helpers";

const styles = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);

describe("inline stylesheets", () => {
  it("keep their quotes and child selectors, on attendee and staff pages", async () => {
    await makeEvent("style-ev");
    const signup = styles(await (await call("/e/style-ev", { token: null })).text()).join("");
    expect(signup).toContain('font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif');
    expect(signup).toContain("li>a");
    const staff = styles(await (await staffGet("/staff/events/style-ev/dashboard", await staffSession())).text()).join("");
    expect(staff).toContain("details.more>summary");
    for (const css of [signup, staff]) expect(css).not.toMatch(/&(quot|gt|lt|amp|#39);/);
  });
});
