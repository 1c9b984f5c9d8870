/** The amber question's keys: Escape turns away, the focused button answers, a handheld scanner's burst never does. */
import { describe, expect, it } from "vitest";
import { questionKeys } from "../../client/scanner/question";

describe("the keys while the question waits", () => {
  it("let Escape turn the guest away, and Enter, Space or Tab reach the focused button", () => {
    const key = questionKeys();
    expect(["Escape", "Enter", " ", "Tab", "Shift", "ArrowRight"].map(key)).toEqual(["turn_away", "pass", "pass", "pass", "pass", "pass"]);
  });

  it("swallow a handheld scanner's code and its Enter, then answer to the volunteer's keys again", () => {
    const key = questionKeys();
    const burst = [..."https://fair.test/t/abcdefghjkmnpqrstuvwxyz234", "Enter"].map(key);
    expect(new Set(burst)).toEqual(new Set(["swallow"]));
    expect(key("Enter")).toBe("pass");
    // a Space after typed characters is swallowed too (it would press the button)
    expect([key("x"), key(" "), key("Enter"), key(" ")]).toEqual(["swallow", "swallow", "swallow", "pass"]);
  });
});
