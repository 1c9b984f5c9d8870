/** When a secret's value may be used: set, and long enough to be a key nobody can guess. */

/** 32 characters: `openssl rand -base64 32` gives 44, a password typed by hand rarely 32. */
export const SECRET_MIN_LENGTH = 32;

/** What is wrong with a secret's value, or null when it may be used. */
export function secretProblem(value: string | undefined): "missing" | "too short" | null {
  if (!value) return "missing";
  return value.length < SECRET_MIN_LENGTH ? "too short" : null;
}
