import { describe, expect, it } from "vitest";
import { applyChanges, holderOf, listSize, sinceQuery, type TicketChanges } from "../../client/scanner/ticket-list";

const at = new Date("2026-12-05T02:00:00Z");
const changes = (c: Partial<TicketChanges>): TicketChanges => ({ cursor: "1", full: false, digests: [], names: [], removed: [], ...c });

describe("the phone's ticket list", () => {
  it("starts from the whole list and asks for changes since its cursor after that", () => {
    expect(sinceQuery(null)).toBe("");
    const list = applyChanges(null, changes({ cursor: "7", full: true, digests: ["aa", "bb"], names: ["Maria", "Yohanes"] }), at);
    expect(list).toEqual({ cursor: "7", at: "2026-12-05T02:00:00.000Z", names: { aa: "Maria", bb: "Yohanes" } });
    expect(sinceQuery(list)).toBe("?since=7");
    expect(listSize(list)).toBe(2);
  });

  it("adds new and renamed tickets and drops revoked or erased ones", () => {
    const list = applyChanges(null, changes({ cursor: "7", full: true, digests: ["aa", "bb"], names: ["Maria", "Yohanes"] }), at);
    const next = applyChanges(list, changes({ cursor: "9", digests: ["cc", "aa"], names: ["Baru", "Mariana"], removed: ["bb"] }), at);
    expect(next.names).toEqual({ aa: "Mariana", cc: "Baru" });
    expect(next.cursor).toBe("9");
    // the copy it started from is untouched
    expect(list.names).toEqual({ aa: "Maria", bb: "Yohanes" });
  });

  it("replaces everything with a full answer (the server starts again from a cursor it does not know)", () => {
    const list = applyChanges(null, changes({ full: true, digests: ["aa"], names: ["Maria"] }), at);
    expect(applyChanges(list, changes({ cursor: "2", full: true, digests: ["zz"], names: ["Zeth"] }), at).names).toEqual({ zz: "Zeth" });
  });

  it("tells a listed ticket (even one without a name) from one that is not", () => {
    const list = applyChanges(null, changes({ full: true, digests: ["aa", "bb"], names: ["Maria", ""] }), at);
    expect(holderOf(list, "aa")).toBe("Maria");
    expect(holderOf(list, "bb")).toBe("");
    expect(holderOf(list, "cc")).toBeUndefined();
    expect(holderOf(list, "toString")).toBeUndefined();
    expect(holderOf(null, "aa")).toBeUndefined();
  });
});
