/**
 * Getting a ticket back by proof of the phone: POST /e/{event}/resend sends a
 * link per person on that number, only to that number; the answer is the same
 * for any number; a link binds once (by its button, never by being opened) and
 * expires; the address and the phone are each limited.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, makeEvent, postForm, useLink, validSignup } from "../helpers";

beforeAll(async () => {
  await makeEvent("rsd");
});

const resend = (phone: string, ip = "10.77.0.1", lang = "id") => postForm("/e/rsd/resend", { phone, lang }, { "cf-connecting-ip": ip });
const linksIn = (text: string) => [...text.matchAll(/https:\/\/fair\.test(\/r\/[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
const recoveryMessages = (phone: string) =>
  env.DB.prepare("select `to`, kind, text, registration_id from messages where kind = 'recovery' and `to` = ? order by id").bind(phone).all<{ to: string; kind: string; text: string; registration_id: number }>().then((r) => r.results);

/** The page without what differs between any two renders (nothing should). */
const page = async (res: Response) => (await res.text()).replace(/\s+/g, " ");

describe("POST /e/{event}/resend", () => {
  it("sends each person on the number their own link, only to that number, and answers as for an unknown number", async () => {
    const mother = codeFrom(await postForm("/e/rsd", validSignup({ phone: "0812-5000-0001", name: "Maria Bili" })));
    const father = codeFrom(await postForm("/e/rsd", validSignup({ phone: "0812-5000-0001", name: "Yosef Bili" }), { cookie: `kf_ticket=${mother}` }));
    codeFrom(await postForm("/e/rsd", validSignup({ phone: "0812-5000-0009", name: "Orang Lain" })));

    const known = await resend("0812 5000 0001");
    const unknown = await resend("0812 5000 0077", "10.77.0.2");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await page(known)).toBe(await page(unknown));
    expect(known.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");

    const sent = await recoveryMessages("+6281250000001");
    expect(sent).toHaveLength(2);
    expect(await count("messages", "`to` = ?", "+6281250000077")).toBe(0);
    expect(await count("messages", "kind = 'recovery' and `to` <> ? and event_id = (select id from events where slug = 'rsd')", "+6281250000001")).toBe(0);
    // the message names its person and carries no ticket code: only a link to bind
    const texts = sent.map((m) => m.text).join("\n");
    expect(texts).toContain("Maria Bili");
    expect(texts).toContain("Yosef Bili");
    expect(texts).not.toContain(mother);
    expect(texts).not.toContain(father);

    // only hashes of the secrets are stored
    const links = sent.flatMap((m) => linksIn(m.text));
    expect(links).toHaveLength(2);
    const stored = (await env.DB.prepare("select secret_hash from ticket_links").all<{ secret_hash: string }>()).results.map((r) => r.secret_hash).join();
    for (const l of links) expect(stored).not.toContain(l.slice(3));

    // opening the mother's link on a new phone and tapping its button shows her ticket and makes that browser its holder
    const motherLink = linksIn(sent.find((m) => m.text.includes("Maria"))!.text)[0]!;
    const opened = await useLink(motherLink);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`/t/${mother}`);
    expect(opened.headers.get("set-cookie")).toContain(`kf_ticket=${mother}`);
    // once
    for (const again of [await call(motherLink, { token: null }), await postForm(motherLink, { lang: "id" })]) {
      expect(again.status).toBe(410);
      expect(again.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
      expect(await again.text()).not.toContain(mother);
    }
  });

  it("links expire after 24 hours", async () => {
    codeFrom(await postForm("/e/rsd", validSignup({ phone: "0812-5000-0002", name: "Ina Lapu" })));
    await resend("081250000002", "10.77.0.3");
    const [message] = await recoveryMessages("+6281250000002");
    const link = linksIn(message!.text)[0]!;
    const hours = await env.DB.prepare("select (expires_at - created_at) / 3600000.0 as h from ticket_links where registration_id = ?").bind(message!.registration_id).first<{ h: number }>();
    expect(hours!.h).toBe(24);
    // a day later (moved in the database, not waited for): neither the page nor the button works
    await env.DB.prepare("update ticket_links set expires_at = expires_at - 86400001 where registration_id = ?").bind(message!.registration_id).run();
    expect((await call(link, { token: null })).status).toBe(410);
    expect((await postForm(link, { lang: "id" })).status).toBe(410);
  });

  it("refuses a malformed number with the form again, and an unknown or bad link with 410", async () => {
    const res = await resend("12345", "10.77.0.4", "en");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="12345"');
    expect(html).toContain("Invalid mobile number");
    for (const path of ["/r/x", "/r/" + "A".repeat(43), "/r/%00%01"]) {
      expect((await call(path, { token: null })).status, path).toBe(410);
      expect((await postForm(path, {})).status, path).toBe(410);
    }
  });

  it("is limited per phone number (3 a minute) whatever the address, and per address", async () => {
    let refused: Response | undefined;
    let passed = 0;
    for (let i = 0; i < 8 && !refused; i++) {
      const res = await resend("081250000003", `10.78.0.${i}`);
      if (res.status === 429) refused = res;
      else passed++;
    }
    // fixed windows: a refusal after 3 posts, or up to 6 across a window edge
    expect(refused).toBeDefined();
    expect(passed).toBeGreaterThanOrEqual(3);
    expect(refused!.headers.get("retry-after")).toBe("60");
    expect(await refused!.text()).toContain('value="081250000003"');

    let byAddress: Response | undefined;
    for (let i = 0; i < 25 && !byAddress; i++) {
      const res = await resend(`0812510000${String(i).padStart(2, "0")}`, "10.79.0.1");
      if (res.status === 429) byAddress = res;
    }
    expect(byAddress).toBeDefined();
  });

  it("is linked from the signup form and offered on the 'already registered' page", async () => {
    expect(await (await call("/e/rsd", { token: null })).text()).toContain('href="/e/rsd/resend?lang=id"');
    codeFrom(await postForm("/e/rsd", validSignup({ phone: "0812-5000-0004" })));
    const answer = await postForm("/e/rsd", validSignup({ phone: "0812-5000-0004" }));
    // the answer names this number's person as registered: no browser or proxy keeps it
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(await answer.text()).toContain('action="/e/rsd/resend"');
    const form = await call("/e/rsd/resend", { token: null });
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("private, no-store");
    const sent = await resend("0812 5000 0004", "10.77.0.9");
    expect(sent.headers.get("cache-control")).toBe("private, no-store");
  });
});
