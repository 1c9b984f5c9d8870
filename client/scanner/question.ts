/**
 * The keys while the amber question waits ("not in this phone's list: check the KTP,
 * admit?"), whose "admit" button has the focus. Escape turns the guest away; Enter or
 * Space answer with the focused button. A handheld scanner types a whole code and
 * Enter into whatever has the focus: a key that types a character is swallowed, and so
 * is the Enter (or Space) after it, so a scan never answers the question.
 */
export type QuestionKey = "turn_away" | "swallow" | "pass";

/** A fresh reader of keys for one question. */
export function questionKeys(): (key: string) => QuestionKey {
  let typed = false;
  return (key) => {
    if (key === "Escape") return "turn_away";
    if (key === "Enter" || key === " ") {
      if (!typed) return "pass";
      // the scanner's Enter ends its code: the next Enter is the volunteer's again
      if (key === "Enter") typed = false;
      return "swallow";
    }
    if (key.length === 1) {
      typed = true;
      return "swallow";
    }
    // Tab, Shift, arrows: moving between the two buttons
    return "pass";
  };
}
