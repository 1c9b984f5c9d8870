/** Staff web pages: sign in once with a token, then a session cookie; the home page lists what the role may use. */
import { Hono } from "hono";
import { staffPage } from "../../base/auth/guards";
import { sectionsFor } from "../../base/auth/roles";
import { endSession, principalForToken, startSession, WIPE_DEVICE } from "../../base/auth/session";
import type { AppEnv } from "../../base/context/env";
import { one, readForm } from "../../base/http/read-form";
import { Layout } from "../../base/views/layout";
import { StaffLayout } from "../../base/views/staff-layout";
import { t } from "../../i18n";

/** Mounted at `/staff`. */
export const staffPages = new Hono<AppEnv>();

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

staffPages.get("/login", (c) => c.html(<LoginPage lang={c.var.lang} next={safeNext(c.req.query("next"))} />));

staffPages.post("/login", async (c) => {
  const body = await readForm(c);
  const token = one(body.token).trim();
  const next = safeNext(one(body.next) || undefined);
  const p = token ? await principalForToken(c, token) : null;
  if (!p) return c.html(<LoginPage lang={c.var.lang} next={next} error={t(c.var.lang, "staff.loginFailed")} />, 401);
  await startSession(c, p);
  return c.redirect(next, 303);
});

staffPages.post("/logout", async (c) => {
  await endSession(c);
  // a gate phone signed out forgets the ticket list, the names and the queue it kept for offline use
  for (const [name, value] of Object.entries(WIPE_DEVICE)) c.header(name, value);
  return c.redirect("/staff/login", 303);
});

staffPages.get("/", staffPage("events.read"), (c) => {
  const { lang, staff } = c.var;
  const sections = sectionsFor(staff);
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
