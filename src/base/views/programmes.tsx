/**
 * Sponsored-cover programmes as the console, its dashboard and the enrollment
 * desk all show them: one table of places (quota, taken, enrolled, left), with
 * the progress to a target where asked, and the links to a programme's file.
 */
import { ScrollRegion } from "./scroll-region";
import type { Child } from "hono/jsx";
import type { Programme } from "../../db/schema/enrollment";
import { t, type Lang } from "../../i18n";
import type { ProgrammeWithCounts } from "../enrollment/programmes.service";

const FUNDER_KEYS = { apbd: "programme.funder.apbd", apbn: "programme.funder.apbn", csr: "programme.funder.csr", other: "programme.funder.other" } as const;

export const funderLabel = (lang: Lang, f: Programme["funder"]) => t(lang, FUNDER_KEYS[f]);

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);

/** "File: XLSX · CSV · Summary" (full NIKs only for the roles that may see them; the API decides). */
export function ProgrammeFiles({ lang, id }: { lang: Lang; id: number }) {
  const base = `/api/v1/programmes/${id}`;
  return (
    <span class="files">
      {t(lang, "desk.file")}: <a href={`${base}/workers.xlsx?include=nik`}>XLSX</a> · <a href={`${base}/workers.csv?include=nik`}>CSV</a> ·{" "}
      <a href={`${base}/summary.csv`}>{t(lang, "desk.summary")}</a>
    </span>
  );
}

/** The programmes with their places; `name` draws the first cell; `target` adds the progress to the target. */
export function ProgrammesTable(p: { lang: Lang; programmes: ProgrammeWithCounts[]; name: (x: ProgrammeWithCounts) => Child; target?: boolean; id?: string }) {
  const { lang } = p;
  return (
    <ScrollRegion label={t(lang, "programme.name")}>
      <table id={p.id}>
        <thead>
          <tr>
            <th scope="col">{t(lang, "programme.name")}</th>
            <th scope="col" class="n">{t(lang, "programme.quota")}</th>
            <th scope="col" class="n">{t(lang, "programme.allocated")}</th>
            <th scope="col" class="n">{t(lang, "programme.enrolled")}</th>
            <th scope="col" class="n">{t(lang, "programme.remaining")}</th>
            {p.target ? <th scope="col">{t(lang, "programme.target")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.programmes.map((x) => (
            <tr data-programme={x.id}>
              <td>{p.name(x)}</td>
              <td class="n">{x.quota}</td>
              <td class="n">{x.allocated}</td>
              <td class="n">{x.enrolled}</td>
              <td class="n">{x.remaining}</td>
              {p.target ? (
                <td>
                  {x.target ? (
                    <>
                      <progress value={Math.min(x.enrolled, x.target)} max={x.target} aria-label={t(lang, "funnel.progressOf", { name: x.name })} />{" "}
                      {t(lang, "funnel.progress", { n: x.enrolled, target: x.target, pct: pct(x.progress) })}
                    </>
                  ) : (
                    "–"
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
