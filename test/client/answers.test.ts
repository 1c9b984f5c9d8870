import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ANSWER_KINDS,
  answerKind,
  clock,
  conflictAnswer,
  admittedAfter,
  decideOffline,
  offlineAnswer,
  pendingText,
  provisionalAnswer,
  readAdmitted,
  type Admission,
  type ScannerMessages,
  type ServerStatus,
} from "../../client/scanner/answers";
import { CHECKIN_STATUSES, type CheckinStatus } from "../../src/features/checkin/checkin.schema";
import { SCRIPT_MESSAGES } from "../../src/features/checkin/scanner.views";
import { msgs } from "./scanner-messages";


describe("the page's words", () => {
  it("are the ones the scanner page sends (data-msgs), each of them", () => {
    type Sent = (typeof SCRIPT_MESSAGES)[number] extends `checkin.${infer Name}` ? Name : never;
    expectTypeOf<keyof ScannerMessages>().toEqualTypeOf<Sent>();
  });
});

describe("answer colours", () => {
  it("give every status the API can answer its own colour: green admitted or out, amber not inside or wrong event, red the rest", () => {
    expectTypeOf<ServerStatus>().toEqualTypeOf<CheckinStatus>();
    const expected: Record<CheckinStatus, string> = {
      checked_in: "ok",
      checked_out: "ok",
      already_checked_in: "bad",
      not_inside: "warn",
      not_found: "bad",
      wrong_event: "warn",
      revoked: "bad",
    };
    for (const status of CHECKIN_STATUSES) {
      // listed, not merely falling back to red
      expect(Object.keys(ANSWER_KINDS)).toContain(status);
      expect(answerKind(status)).toBe(expected[status]);
    }
  });

  it("colour the scanner's own answers: a ticket not in the phone's list is amber, not red", () => {
    expect(
      ["offline_ok", "provisional_ok", "offline", "offline_unknown", "offline_duplicate", "conflict"].map(answerKind),
    ).toEqual(["ok", "ok", "warn", "warn", "bad", "bad"]);
  });

  it("are red for anything else, an error body's number or an inherited property name included", () => {
    for (const status of ["", "teapot", 422, undefined, "toString", "__proto__"]) expect(answerKind(status)).toBe("bad");
  });
});

describe("offline decisions", () => {
  const names = { aaaaaaaaaaaa: "Maria", bbbbbbbbbbbb: "Yohanes" };

  it("ask the volunteer to check the KTP when the phone never had a ticket list, and queue nothing until they admit", () => {
    const d = decideOffline({ names: null, digest: "cccccccccccc", direction: "in", admitted: [] });
    expect(d).toEqual({ status: "offline", queue: false, admit: false, ask: true });
    expect(offlineAnswer(msgs, d)).toEqual({ status: "offline", message: msgs.offlineNoList, ask: true });
  });

  it("ask, amber, about a ticket that is not in the phone's list (issued after its last copy, say)", () => {
    const d = decideOffline({ names, digest: "cccccccccccc", direction: "in", admitted: [] });
    expect(d).toEqual({ status: "offline_unknown", queue: false, admit: false, ask: true });
    expect(offlineAnswer(msgs, d)).toEqual({ status: "offline_unknown", message: msgs.offlineUnknown, ask: true });
    expect(answerKind(offlineAnswer(msgs, d).status)).toBe("warn");
  });

  it("admit a listed ticket once per phone with the holder's first name, queued as admitted from the list", () => {
    const first = decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "in", admitted: [] });
    expect(first).toEqual({ status: "offline_ok", queue: "listed", admit: true, ask: false, name: "Maria" });
    expect(offlineAnswer(msgs, first)).toEqual({ status: "offline_ok", message: "Tiket sah (offline)", attendee: { name: "Maria" } });
    // a phone of the previous release kept bare digests: when is unknown
    const again = decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "in", admitted: readAdmitted(["aaaaaaaaaaaa"]) });
    expect(again).toMatchObject({ status: "offline_duplicate", queue: false, admit: false, ask: false });
    expect(offlineAnswer(msgs, again).message).toBe("Sudah masuk (offline)");
    const at = decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "in", admitted: [{ d: "aaaaaaaaaaaa", at: "2026-12-05T02:02:00.000Z", how: "listed" }] });
    expect(offlineAnswer(msgs, at, () => "10:02")).toEqual({ status: "offline_duplicate", message: "Sudah masuk pukul 10:02 (di HP ini)", attendee: { name: "Maria" } });
  });

  it("say a ticket admitted provisionally on this phone is already in (provisional) at its time, and never ask again", () => {
    const admitted = admittedAfter([], "cccccccccccc", "in", new Date("2026-12-05T02:02:00Z"), "provisional");
    const again = decideOffline({ names, digest: "cccccccccccc", direction: "in", admitted });
    expect(again).toMatchObject({ status: "offline_duplicate", queue: false, admit: false, ask: false });
    expect(offlineAnswer(msgs, again, (iso) => clock(iso, "Asia/Makassar"))).toEqual({ status: "offline_duplicate", message: "Sudah masuk (sementara) pukul 10:02" });
    expect(answerKind(again.status)).toBe("bad");
    // also when the phone has no list at all
    expect(decideOffline({ names: null, digest: "cccccccccccc", direction: "in", admitted }).status).toBe("offline_duplicate");
    // and out, then in again: asked again, as any ticket not in the list
    const out = admittedAfter(admitted, "cccccccccccc", "out", new Date(), "provisional");
    expect(decideOffline({ names, digest: "cccccccccccc", direction: "in", admitted: out }).ask).toBe(true);
  });

  it("read the admitted list as phones kept it: bare digests of the previous release, or entries with when and how", () => {
    const kept: Admission[] = [{ d: "b", at: "2026-12-05T02:02:00.000Z", how: "provisional" }];
    expect(readAdmitted(["a", ...kept, null, 3, { d: 4 }])).toEqual([{ d: "a", at: "", how: "listed" }, ...kept]);
    expect(readAdmitted(undefined)).toEqual([]);
    expect(readAdmitted({ d: "a" })).toEqual([]);
  });

  it("let a guest out, queued as a plain scan, listed or not, without asking", () => {
    expect(decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "out", admitted: readAdmitted(["aaaaaaaaaaaa"]) })).toEqual({ status: "offline_ok", queue: "plain", admit: false, ask: false, name: "Maria" });
    expect(decideOffline({ names, digest: "cccccccccccc", direction: "out", admitted: [] })).toEqual({ status: "offline_unknown", queue: "plain", admit: false, ask: false });
    expect(offlineAnswer(msgs, decideOffline({ names: null, digest: "", direction: "out", admitted: [] })).message).toBe("Offline: disimpan");
  });

  it("a provisional admission is green once the volunteer chose it", () => {
    expect(provisionalAnswer(msgs)).toEqual({ status: "provisional_ok", message: "Masuk sementara" });
    expect(answerKind("provisional_ok")).toBe("ok");
  });

  it("remember who this phone let in: in adds, out takes away, each ticket once, the newest kept", () => {
    const when = new Date("2026-12-05T02:02:00Z");
    const digests = (list: readonly Admission[]) => list.map((a) => a.d);
    const ab = readAdmitted(["a", "b"]);
    expect(admittedAfter([], "a", "in", when, "online")).toEqual([{ d: "a", at: "2026-12-05T02:02:00.000Z", how: "online" }]);
    expect(digests(admittedAfter(ab, "a", "in", when, "listed"))).toEqual(["b", "a"]);
    expect(digests(admittedAfter(ab, "a", "out", when, "listed"))).toEqual(["b"]);
    expect(digests(admittedAfter(readAdmitted(["a", "b", "c"]), "d", "in", when, "listed", 3))).toEqual(["b", "c", "d"]);
  });
});

describe("syncing", () => {
  it("reports a conflict, quietly, when the server refuses a scan this phone admitted offline", () => {
    expect(conflictAnswer(msgs, { offline: true }, { status: "already_checked_in", message: "Sudah masuk sejak 10:02 di Pintu 2" })).toEqual({
      status: "conflict",
      message: "Konflik: Sudah masuk sejak 10:02 di Pintu 2",
      quiet: true,
    });
  });

  it("reports nothing when the server agrees, or when the phone had not decided alone", () => {
    expect(conflictAnswer(msgs, { offline: true }, { status: "checked_in", message: "" })).toBeNull();
    expect(conflictAnswer(msgs, { offline: "provisional" }, { status: "checked_in", message: "" })).toBeNull();
    expect(conflictAnswer(msgs, { offline: "listed" }, { status: "checked_out", message: "" })).toBeNull();
    expect(conflictAnswer(msgs, {}, { status: "not_found", message: "" })).toBeNull();
  });

  it("reports a provisional admission of a ticket the server does not know", () => {
    expect(conflictAnswer(msgs, { offline: "provisional" }, { status: "not_found", message: "Tiket tidak dikenal" })).toEqual({
      status: "conflict",
      message: "Konflik: Tiket tidak dikenal",
      quiet: true,
    });
  });

  it("counts the scans waiting, and says nothing when none wait", () => {
    expect(pendingText(msgs, 0)).toBe("");
    expect(pendingText(msgs, 3)).toBe("3 pindaian menunggu dikirim");
  });
});
