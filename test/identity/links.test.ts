/**
 * A link sent by WhatsApp (`/r/{secret}`): opening it binds nothing (a link
 * previewer, a URL scanner or a prefetch cannot burn it), its button binds
 * (a same-origin post, audited without the secret); a phone change that takes
 * effect ends every other unused link of the registration (the old number can
 * no longer bind), and asking for another phone change ends the earlier one.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, type FormFields, makeEvent, ORIGIN, postForm, useLink, validSignup } from "../helpers";

beforeAll(async () => {
  await makeEvent("lnk", { name: "Pameran Tautan" });
});

const resend = (phone: string, ip: string) => postForm("/e/lnk/resend", { phone, lang: "id" }, { "cf-connecting-ip": ip });

/** The newest link sent to `phone` in a message of `kind`. */
async function linkTo(phone: string, kind: string): Promise<string> {
  const row = await env.DB.prepare("select text from messages where `to` = ? and kind = ? order by id desc").bind(phone, kind).first<{ text: string }>();
  return /\/r\/[A-Za-z0-9_-]+/.exec(row!.text)![0];
}

const correction = (phone: string, extra: FormFields = {}): FormFields => ({
  name: "Ina Lapu",
  phone,
  regency: "53.71",
  occupation: "kriya",
  bpjs_status: "none",
  interests: ["jkk"],
  lang: "id",
  ...extra,
});

const registrationOf = async (code: string) =>
  (await env.DB.prepare("select r.id, r.phone from registrations r join tickets t on t.registration_id = r.id where t.code = ?").bind(code).first<{ id: number; phone: string }>())!;

const binds = (id: number) =>
  env.DB.prepare("select actor, event_id, detail from audit_log where action = 'ticket_link.bind' and subject = ? order by id")
    .bind(`registration:${id}`)
    .all<{ actor: string; event_id: number; detail: string }>()
    .then((r) => r.results);

describe("GET /r/{secret}", () => {
  it("shows what the link does and a button, binds nothing, and leaves the link usable however often it is opened", async () => {
    const code = codeFrom(await postForm("/e/lnk", validSignup({ phone: "0812-7100-0001", name: "Ina Lapu" })));
    await resend("081271000001", "10.71.0.1");
    const link = await linkTo("+6281271000001", "recovery");
    for (let i = 0; i < 3; i++) {
      const page = await call(link, { token: null });
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("private, no-store");
      expect(page.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
      const html = await page.text();
      expect(html).toContain('<form method="post">');
      expect(html).toContain("Buka tiket saya di HP ini");
      expect(html).toContain("Pameran Tautan");
      expect(html).not.toContain(code);
      expect(html).not.toContain("Ina Lapu");
    }
    const { id } = await registrationOf(code);
    expect(await binds(id)).toEqual([]);
    // English on the link's page when asked
    expect(await (await call(`${link}?lang=en`, { token: null })).text()).toContain("Open my ticket on this phone");

    // another site cannot make a browser use it
    const crossSite = await call(link, { token: null, method: "POST", body: new URLSearchParams({ lang: "id" }), headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");

    // the button binds, once, audited with the registration and the purpose, never the secret
    const used = await useLink(link);
    expect(used.status).toBe(303);
    expect(used.headers.get("set-cookie")).toContain(`kf_ticket=${code}`);
    const audited = await binds(id);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor).toBe("attendee");
    expect(JSON.parse(audited[0]!.detail)).toEqual({ purpose: "ticket" });
    const everything = JSON.stringify((await env.DB.prepare("select * from audit_log").all()).results);
    expect(everything).not.toContain(link.slice(3));
    expect((await call(link, { token: null })).status).toBe(410);
  });
});

describe("older links", () => {
  it("a new ticket link leaves the older one usable (the person may open either)", async () => {
    const code = codeFrom(await postForm("/e/lnk", validSignup({ phone: "0812-7100-0002", name: "Ina Lapu" })));
    await resend("081271000002", "10.71.0.2");
    const first = await linkTo("+6281271000002", "recovery");
    await resend("081271000002", "10.71.0.3");
    const second = await linkTo("+6281271000002", "recovery");
    expect(second).not.toBe(first);
    expect((await useLink(first)).headers.get("location")).toBe(`/t/${code}`);
    expect((await useLink(second)).headers.get("location")).toBe(`/t/${code}`);
  });

  it("a phone change that takes effect ends the old number's links; asking for another change ends the earlier request's link", async () => {
    const code = codeFrom(await postForm("/e/lnk", validSignup({ phone: "0812-7100-0003", name: "Ina Lapu" })));
    const { id } = await registrationOf(code);
    // a ticket link to the old number (its phone is about to be sold)
    await resend("081271000003", "10.71.0.4");
    const oldNumbers = await linkTo("+6281271000003", "recovery");
    // a first change to a number typed wrong (a stranger's), then the right one
    expect((await postForm(`/t/${code}/me/edit`, correction("0812-7100-0013"))).status).toBe(303);
    const mistyped = await linkTo("+6281271000013", "phone_change");
    expect((await postForm(`/t/${code}/me/edit`, correction("0812-7100-0023"))).status).toBe(303);
    const right = await linkTo("+6281271000023", "phone_change");
    // the stranger's link died when the person asked again
    expect((await call(mistyped, { token: null })).status).toBe(410);
    expect((await postForm(mistyped, { lang: "id" })).status).toBe(410);
    expect((await registrationOf(code)).phone).toBe("+6281271000003");

    const moved = await useLink(right);
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain("Nomor HP Anda sudah diganti");
    expect((await registrationOf(code)).phone).toBe("+6281271000023");
    expect((await binds(id)).map((b) => JSON.parse(b.detail))).toEqual([{ purpose: "phone_change" }]);

    // the old number's unused ticket link is dead now, opened or tapped
    expect((await call(oldNumbers, { token: null })).status).toBe(410);
    const tapped = await postForm(oldNumbers, { lang: "id" });
    expect(tapped.status).toBe(410);
    expect(tapped.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
    expect((await registrationOf(code)).phone).toBe("+6281271000023");
  });
});

describe("POST /r/{secret} from a page without our Origin", () => {
  it("is refused like every other public form post", async () => {
    const res = await call("/r/" + "A".repeat(43), { token: null, method: "POST", body: "lang=id", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(403);
    // our own origin reaches the link check
    const own = await call("/r/" + "A".repeat(43), { token: null, method: "POST", body: "lang=id", headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect(own.status).toBe(410);
  });
});
