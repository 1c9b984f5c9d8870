/**
 * Cross-site posts: another site's page cannot make a visitor's browser sign up
 * (planting its own ticket cookie, or registering a third party's number), nor
 * tap "I am interested" at a booth with the visitor's ticket.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, formBody, makeBooth, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";

const EVIL = "https://evil.example";

beforeAll(async () => {
  await makeEvent("xs-ev");
  await makeBooth("xs-ev", "bpjs");
  await makeBooth("xs-ev", "tenun");
});

const crossSite = (path: string, fields: Record<string, string | string[]>, headers: Record<string, string>) =>
  call(path, { token: null, method: "POST", body: formBody(fields), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });

describe("the signup post", () => {
  it("from another site (Origin or Sec-Fetch-Site) is refused: 403, nothing stored, no ticket cookie", async () => {
    const before = await count("registrations");
    const attempts: Record<string, string>[] = [{ origin: EVIL }, { "sec-fetch-site": "cross-site" }, {}];
    for (const headers of attempts) {
      for (const path of ["/e/xs-ev", "/e/xs-ev/bpjs"]) {
        const res = await crossSite(path, validSignup({ phone: "081366610001" }), headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.headers.get("set-cookie")).toBeNull();
      }
    }
    expect(await count("registrations")).toBe(before);
  });

  it("from our own page goes through", async () => {
    expect((await postForm("/e/xs-ev/bpjs", validSignup({ phone: "081366610002" }))).status).toBe(303);
    expect((await crossSite("/e/xs-ev", validSignup({ phone: "081366610003" }), { "sec-fetch-site": "same-origin" })).status).toBe(303);
  });
});

describe("the one-tap interest post", () => {
  it("from another site, with the visitor's ticket cookie, is refused and records no visit", async () => {
    const code = codeFrom(await postForm("/e/xs-ev/bpjs", validSignup({ phone: "081366610004" })));
    const visits = () => count("booth_visits bv join tickets t on t.registration_id = bv.registration_id", "t.code = ?", code);
    expect(await visits()).toBe(1);
    const res = await call("/e/xs-ev/tenun/interest", { token: null, method: "POST", headers: { cookie: `kf_ticket=${code}`, origin: EVIL, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(res.status).toBe(403);
    expect(await visits()).toBe(1);
    const ok = await call("/e/xs-ev/tenun/interest", { token: null, method: "POST", headers: { cookie: `kf_ticket=${code}`, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(ok.status).toBe(303);
    expect(await visits()).toBe(2);
  });
});
