/** Staff web pages: sign in once with a token, then a session cookie; the home page lists what the role may use. */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../../env";
import { t } from "../../i18n";
import { Layout } from "../../views/layout";
import { SECTIONS, StaffLayout, type StaffSection } from "../../views/staff-layout";
import { endSession, principalForToken, staffPage, startSession } from "./auth";

export const staffPages = new Hono<AppEnv>();
const ALL_ROLES = ["admin", "organiser", "checkin", "enrollment"] as const;

// staff forms post only from our own pages
staffPages.use("/staff/*", csrf());

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere. */
const safeNext = (next: string | undefined) => (next && /^\/staff(\/|$|\?)/.test(next) ? next : "/staff");

function LoginPage(p: { lang: "id" | "en"; next: string; error?: string }) {
  return (
    <Layout lang={p.lang} title={t(p.lang, "staff.login")} noindex>
      <h1>{t(p.lang, "staff.login")}</h1>
      {p.error ? (
        <p class="alert" role="alert">
          {p.error}
        </p>
      ) : null}
      <form method="post" action="/staff/login">
        <input type="hidden" name="next" value={p.next} />
        <label for="token">{t(p.lang, "staff.token")}</label>
        <p class="hint">{t(p.lang, "staff.tokenHint")}</p>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit" class="block">
          {t(p.lang, "staff.loginSubmit")}
        </button>
      </form>
    </Layout>
  );
}

staffPages.get("/staff/login", (c) => c.html(<LoginPage lang={c.var.lang} next={safeNext(c.req.query("next"))} />));

staffPages.post("/staff/login", async (c) => {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = typeof body.token === "string" ? body.token.trim() : "";
  const next = safeNext(typeof body.next === "string" ? body.next : undefined);
  const p = token ? await principalForToken(c, token) : null;
  if (!p) return c.html(<LoginPage lang={c.var.lang} next={next} error={t(c.var.lang, "staff.loginFailed")} />, 401);
  await startSession(c, p);
  return c.redirect(next, 303);
});

staffPages.post("/staff/logout", (c) => {
  endSession(c);
  return c.redirect("/staff/login", 303);
});

staffPages.get("/staff", staffPage(ALL_ROLES), (c) => {
  const { lang, staff } = c.var;
  const sections = (Object.keys(SECTIONS) as StaffSection[]).filter((s) => SECTIONS[s].includes(staff.role));
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "staff.title")} staff={staff}>
      <h1>{t(lang, "staff.title")}</h1>
      <ul>
        {sections.map((s) => (
          <li>
            <a href={`/staff/${s}`}>{t(lang, `staff.nav.${s}`)}</a>
          </li>
        ))}
      </ul>
    </StaffLayout>,
  );
});
