/** Places for many leads at once: every lead matching the desk's filter, in registration order, while places are left. */
import { allocationDay, candidateAge, ineligibility, insertAllocations } from "../../base/enrollment/allocation.service";
import { findProgramme, withCounts } from "../../base/enrollment/programmes.service";
import type { Principal } from "../../base/context/principal";
import type { Db } from "../../db/client";
import type { Programme } from "../../db/schema/enrollment";
import { leadPages, type LeadQuery } from "./leads.query";

/** At most this many leads are considered in one bulk allocation (a programme's quota is usually a few hundred). */
export const BULK_MAX = 500;

export type BulkOutcome = { considered: number; allocated: number; ineligible: number; placed: number; enrolled: number; full: boolean };

/**
 * Gives places of `programme` to the leads `q` matches (at most BULK_MAX
 * considered): those who hold a place already are passed over, those who may
 * not take part are counted, those already enrolled (an enrollment record) are
 * counted apart, and the database stops at the quota (and refuses the enrolled itself).
 */
export async function allocateMatching(
  db: Db,
  rules: { dataKey: string | null; minAge: number },
  by: Principal,
  programme: Programme,
  q: LeadQuery,
  now = new Date(),
): Promise<BulkOutcome> {
  const day = allocationDay(q.event, now);
  const eligible: number[] = [];
  const out: BulkOutcome = { considered: 0, allocated: 0, ineligible: 0, placed: 0, enrolled: 0, full: false };
  for await (const page of leadPages(db, q, 250)) {
    for (const lead of page) {
      if (out.considered >= BULK_MAX) break;
      out.considered++;
      if (lead.programme) {
        out.placed++;
        continue;
      }
      if (lead.enrolled) {
        out.enrolled++;
        continue;
      }
      const r = lead.registration;
      const age = await candidateAge(r, rules.dataKey, day);
      if (ineligibility(programme, r, age, day, rules.minAge).length) out.ineligible++;
      else eligible.push(r.id);
    }
    if (out.considered >= BULK_MAX) break;
  }
  // a programme closed (or of another event) refuses every lead the same way: nothing to insert then
  out.allocated = (await insertAllocations(db, by, programme, eligible, now)).length;
  const [after] = await withCounts(db, [(await findProgramme(db, programme.id)) ?? programme]);
  out.full = after!.remaining === 0 && out.allocated < eligible.length;
  return out;
}
