/** The shell of every staff page: who is signed in, the sections their role may use, sign out. */
import type { Child } from "hono/jsx";
import type { Role } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { sectionsFor } from "../auth/roles";
import { Layout } from "./layout";
import { STAFF_CSS } from "./styles";
import { Style } from "./style";

export function StaffLayout(props: {
  lang: Lang;
  title: string;
  staff: { name: string; role: Role };
  children?: Child;
  head?: Child;
  wide?: boolean;
}) {
  const { lang, staff } = props;
  const sections = sectionsFor(staff);
  return (
    <Layout
      lang={lang}
      title={props.title}
      wide={props.wide ?? true}
      noindex
      head={
        <>
          <Style css={STAFF_CSS} />
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
          <span class="muted">{t(lang, "staff.signedInAs", { name: staff.name, role: t(lang, `console.role.${staff.role}`) })}</span>{" "}
          <button type="submit" class="btn alt">
            {t(lang, "staff.logout")}
          </button>
        </form>
      </nav>
      {props.children}
    </Layout>
  );
}
