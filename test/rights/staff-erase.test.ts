/** DELETE /api/v1/registrations/{id}: erasure on request by the staff who act for the controller. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, makeBooth, makeEvent, makeStaff, postForm, validSignup } from "../helpers";

let tokens: Record<"organiserHere" | "organiserElsewhere" | "organiserAll" | "enrollment" | "checkin", string>;

beforeAll(async () => {
  await makeEvent("ers-a");
  await makeEvent("ers-b");
  await makeBooth("ers-a", "bpjs");
  tokens = {
    organiserHere: (await makeStaff("organiser", ["ers-a"])).token,
    organiserElsewhere: (await makeStaff("organiser", ["ers-b"])).token,
    organiserAll: (await makeStaff("organiser", "all")).token,
    enrollment: (await makeStaff("enrollment", ["ers-a"])).token,
    checkin: (await makeStaff("checkin", ["ers-a"])).token,
  };
});

/** Signs a person up at event ers-a and returns their registration id and ticket code. */
async function registration(phone: string) {
  const code = codeFrom(await postForm("/e/ers-a/bpjs", validSignup({ phone, name: "Fransiska Lau", email: "fl@example.com", nik: "5371015203900002", birth_date: "1990-03-12" })));
  const row = await env.DB.prepare("select registration_id as id from tickets where code = ?").bind(code).first<{ id: number }>();
  return { id: row!.id, code };
}

const erase = (id: number | string, token?: string | null) => call(`/api/v1/registrations/${id}`, { method: "DELETE", token });

describe("DELETE /api/v1/registrations/{id}", () => {
  it("401 without a token, 403 for roles that may not erase, nothing erased", async () => {
    const { id } = await registration("081366660001");
    const none = await erase(id, null);
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toContain("application/problem+json");
    expect((await erase(id, tokens.enrollment)).status).toBe(403);
    expect((await erase(id, tokens.checkin)).status).toBe(403);
    expect(await count("registrations", "id = ? and erased_at is null", id)).toBe(1);
  });

  it("403 for an organiser of another event, 204 for one of this event", async () => {
    const { id, code } = await registration("081366660002");
    expect((await erase(id, tokens.organiserElsewhere)).status).toBe(403);
    expect(await count("registrations", "id = ? and erased_at is null", id)).toBe(1);
    const res = await erase(id, tokens.organiserHere);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const row = await env.DB.prepare("select name, phone, email, nik_cipher, nik_masked, birth_date, erased_at from registrations where id = ?").bind(id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ name: null, phone: null, email: null, nik_cipher: null, nik_masked: null, birth_date: null });
    expect(row!.erased_at).toBeTypeOf("number");
    // the ticket is revoked too: not only unreadable through the erased row, but refused at the door
    expect(await count("tickets", "code = ? and revoked_at is not null", code)).toBe(1);
    expect((await call(`/t/${code}`, { token: null })).status).toBe(404);
  });

  it("204 for an admin and for an organiser of all events", async () => {
    expect((await erase((await registration("081366660003")).id)).status).toBe(204);
    expect((await erase((await registration("081366660004")).id, tokens.organiserAll)).status).toBe(204);
  });

  it("404 when unknown or already erased; 422 for an id that is not one", async () => {
    const { id } = await registration("081366660005");
    expect((await erase(id)).status).toBe(204);
    const again = await erase(id);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { detail: string }).detail).toContain("sudah dihapus");
    expect((await erase(999999)).status).toBe(404);
    expect((await erase("abc")).status).toBe(422);
  });

  it("is audited once with the staff member as actor and no personal data", async () => {
    const { id } = await registration("081366660006");
    const staff = await makeStaff("organiser", ["ers-a"]);
    expect((await erase(id, staff.token)).status).toBe(204);
    expect((await erase(id, staff.token)).status).toBe(404);
    const entries = await env.DB.prepare("select actor, actor_id, action, subject, detail from audit_log where subject = ? and action = 'registration.erase'")
      .bind(`registration:${id}`)
      .all<Record<string, unknown>>();
    expect(entries.results).toEqual([{ actor: `staff:${staff.id}`, actor_id: staff.id, action: "registration.erase", subject: `registration:${id}`, detail: null }]);
  });
});
