/** The shell of every staff page: who is signed in, the sections their role may use, sign out. */
import type { Child } from "hono/jsx";
import type { StaffRole } from "../db/schema";
import { t, type Lang } from "../i18n";
import { Layout } from "./layout";
import { STAFF_CSS } from "./styles";

export type StaffSection = "checkin" | "leads" | "events" | "people";

/** Which sections each role may open. */
export const SECTIONS: Record<StaffSection, readonly StaffRole[]> = {
  checkin: ["admin", "organiser", "checkin"],
  leads: ["admin", "organiser", "enrollment"],
  events: ["admin", "organiser"],
  people: ["admin"],
};

export function StaffLayout(props: {
  lang: Lang;
  title: string;
  staff: { name: string; role: StaffRole };
  children?: Child;
  head?: Child;
  wide?: boolean;
}) {
  const { lang, staff } = props;
  const sections = (Object.keys(SECTIONS) as StaffSection[]).filter((s) => SECTIONS[s].includes(staff.role));
  return (
    <Layout
      lang={lang}
      title={props.title}
      wide={props.wide ?? true}
      noindex
      head={
        <>
          <style>{STAFF_CSS}</style>
          {props.head}
        </>
      }
    >
      <nav class="staffnav noprint">
        <a href="/staff">{t(lang, "staff.title")}</a>
        {sections.map((s) => (
          <a href={`/staff/${s}`}>{t(lang, `staff.nav.${s}`)}</a>
        ))}
        <form method="post" action="/staff/logout">
          <span class="muted">{t(lang, "staff.signedInAs", { name: staff.name, role: staff.role })}</span>{" "}
          <button type="submit" class="btn alt">
            {t(lang, "staff.logout")}
          </button>
        </form>
      </nav>
      {props.children}
    </Layout>
  );
}
