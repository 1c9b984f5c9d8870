import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ANSWER_KINDS,
  answerKind,
  conflictAnswer,
  admittedAfter,
  decideOffline,
  offlineAnswer,
  pendingText,
  provisionalAnswer,
  type ScannerMessages,
  type ServerStatus,
} from "../../client/scanner/answers";
import { CHECKIN_STATUSES, type CheckinStatus } from "../../src/features/checkin/checkin.schema";

const msgs: ScannerMessages = {
  offline: "Offline: disimpan",
  offlineOk: "Tiket sah (offline)",
  offlineDuplicate: "Sudah masuk (offline)",
  offlineUnknown: "Tidak ada di daftar HP ini. Periksa KTP: izinkan masuk?",
  offlineNoList: "HP ini belum punya daftar tiket. Periksa KTP: izinkan masuk?",
  provisionalOk: "Masuk sementara",
  listSize: "{n} tiket, {time}",
  preparing: "Menyiapkan",
  signedOut: "Sesi berakhir",
  deviceRevoked: "Dicabut",
  unsent: "{n} belum terkirim",
  conflict: "Konflik: {message}",
  pending: "{n} pindaian menunggu dikirim",
  ready: "Siap",
  cameraUnavailable: "Kamera tidak tersedia",
  noResults: "Tidak ada",
  inside: "di dalam",
  checkinButton: "Check-in",
};

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
    const again = decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "in", admitted: ["aaaaaaaaaaaa"] });
    expect(again).toMatchObject({ status: "offline_duplicate", queue: false, admit: false, ask: false });
    expect(offlineAnswer(msgs, again).message).toBe("Sudah masuk (offline)");
  });

  it("let a guest out, queued as a plain scan, listed or not, without asking", () => {
    expect(decideOffline({ names, digest: "aaaaaaaaaaaa", direction: "out", admitted: ["aaaaaaaaaaaa"] })).toEqual({ status: "offline_ok", queue: "plain", admit: false, ask: false, name: "Maria" });
    expect(decideOffline({ names, digest: "cccccccccccc", direction: "out", admitted: [] })).toEqual({ status: "offline_unknown", queue: "plain", admit: false, ask: false });
    expect(offlineAnswer(msgs, decideOffline({ names: null, digest: "", direction: "out", admitted: [] })).message).toBe("Offline: disimpan");
  });

  it("a provisional admission is green once the volunteer chose it", () => {
    expect(provisionalAnswer(msgs)).toEqual({ status: "provisional_ok", message: "Masuk sementara" });
    expect(answerKind("provisional_ok")).toBe("ok");
  });

  it("remember who this phone let in: in adds, out takes away, each ticket once, the newest kept", () => {
    expect(admittedAfter([], "a", "in")).toEqual(["a"]);
    expect(admittedAfter(["a", "b"], "a", "in")).toEqual(["b", "a"]);
    expect(admittedAfter(["a", "b"], "a", "out")).toEqual(["b"]);
    expect(admittedAfter(["a", "b", "c"], "d", "in", 3)).toEqual(["b", "c", "d"]);
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
