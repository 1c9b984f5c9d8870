import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ANSWER_KINDS,
  answerKind,
  conflictAnswer,
  decideOffline,
  offlineAnswer,
  pendingText,
  type ScannerMessages,
  type ServerStatus,
} from "../../client/scanner/answers";
import { CHECKIN_STATUSES, type CheckinStatus } from "../../src/features/checkin/checkin.schema";

const msgs: ScannerMessages = {
  offline: "Offline: disimpan",
  offlineOk: "Tiket sah (offline)",
  offlineDuplicate: "Sudah masuk (offline)",
  offlineUnknown: "Tiket tidak dikenal",
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

  it("colour the scanner's own answers", () => {
    expect([answerKind("offline_ok"), answerKind("offline"), answerKind("offline_duplicate"), answerKind("offline_unknown"), answerKind("conflict")]).toEqual(["ok", "warn", "bad", "bad", "bad"]);
  });

  it("are red for anything else, an error body's number or an inherited property name included", () => {
    for (const status of ["", "teapot", 422, undefined, "toString", "__proto__"]) expect(answerKind(status)).toBe("bad");
  });
});

describe("offline decisions", () => {
  const known = ["aaaaaaaaaaaa", "bbbbbbbbbbbb"];

  it("queue the scan as it is when the event's digests never arrived", () => {
    const d = decideOffline({ known: null, digest: "", direction: "in", admitted: [] });
    expect(d).toEqual({ status: "offline", queue: "plain", admit: false });
    expect(offlineAnswer(msgs, d)).toEqual({ status: "offline", message: "Offline: disimpan" });
  });

  it("refuse a code that is not the event's", () => {
    const d = decideOffline({ known, digest: "cccccccccccc", direction: "in", admitted: [] });
    expect(d).toEqual({ status: "offline_unknown", queue: false, admit: false });
    expect(offlineAnswer(msgs, d).message).toBe("Tiket tidak dikenal");
  });

  it("admit a known ticket once per phone, and queue it marked offline", () => {
    const first = decideOffline({ known, digest: "aaaaaaaaaaaa", direction: "in", admitted: [] });
    expect(first).toEqual({ status: "offline_ok", queue: "offline", admit: true });
    expect(offlineAnswer(msgs, first).message).toBe("Tiket sah (offline)");
    const again = decideOffline({ known, digest: "aaaaaaaaaaaa", direction: "in", admitted: ["aaaaaaaaaaaa"] });
    expect(again).toEqual({ status: "offline_duplicate", queue: false, admit: false });
    expect(offlineAnswer(msgs, again).message).toBe("Sudah masuk (offline)");
  });

  it("let a known ticket out, queued, without counting it as admitted", () => {
    expect(decideOffline({ known, digest: "aaaaaaaaaaaa", direction: "out", admitted: ["aaaaaaaaaaaa"] })).toEqual({ status: "offline_ok", queue: "offline", admit: false });
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
    expect(conflictAnswer(msgs, { offline: true }, { status: "checked_out", message: "" })).toBeNull();
    expect(conflictAnswer(msgs, {}, { status: "not_found", message: "" })).toBeNull();
  });

  it("counts the scans waiting, and says nothing when none wait", () => {
    expect(pendingText(msgs, 0)).toBe("");
    expect(pendingText(msgs, 3)).toBe("3 pindaian menunggu dikirim");
  });
});
