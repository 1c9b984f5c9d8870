/** Settings of the enrollment rules, read from the Worker's variables; a value that is not one refuses clearly (fail closed). */
import type { Env } from "../context/env";
import { ProblemError } from "../http/problem";
import { msg } from "../../i18n";

/**
 * The youngest age BPJS Ketenagakerjaan accepts for BPU cover. No regulation we
 * could find states it plainly, so it is a setting whose default is the safe
 * side: 18, the end of childhood in Indonesian law (UU 35/2014).
 */
export const DEFAULT_BPU_MIN_AGE = 18;

export function bpuMinAge(env: Pick<Env, "BPU_MIN_AGE">): number {
  const raw = env.BPU_MIN_AGE?.trim();
  if (raw === undefined || raw === "") return DEFAULT_BPU_MIN_AGE;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 15 || Number(raw) > 70) {
    throw new ProblemError(503, "Service Unavailable", msg("error.config", { name: "BPU_MIN_AGE" }));
  }
  return Number(raw);
}
