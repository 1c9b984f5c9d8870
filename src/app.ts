/** Builds the Hono app: global middleware, error mapping, and the three routers (public pages, staff pages, API). */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { requireConfiguration } from "./base/config/deployment";
import { databaseSessions } from "./base/context/db-sessions";
import type { AppEnv } from "./base/context/env";
import { cspAllowances } from "./base/http/csp";
import { ProblemError, problemResponse } from "./base/http/problem";
import { readForm } from "./base/http/read-form";
import { notSaved } from "./base/views/not-saved";
import { errorPage } from "./base/views/error-page";
import { health } from "./features/health/health.api";
import { msg, pickLang, translate, type Lang } from "./i18n";
import { d1Fault, retryAfterSeconds } from "./lib/db-errors";
import { logError } from "./lib/log";
import { buildApi } from "./routers/api";
import { publicRouter } from "./routers/public";
import { staffRouter } from "./routers/staff";

const isFormPost = (method: string, type: string | undefined) =>
  method === "POST" && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type ?? "");

const wantsJson = (path: string, accept: string | undefined) =>
  path.startsWith("/api/") || (accept?.includes("application/json") ?? false);

/** Any error as the problem a person or a client is told about; the unexpected ones are logged by kind only. */
function asProblem(err: Error, where: string): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof HTTPException) {
    // Hono's own refusals carry English text only: a cross-site post (csrf), a body over the limit, unreadable JSON
    if (err.status === 403) return new ProblemError(403, "Forbidden", msg("error.forbidden"));
    if (err.status === 413) return new ProblemError(413, "Content Too Large", msg("error.tooLarge"));
    if (err.status === 415) return new ProblemError(415, "Unsupported Media Type", msg("error.mediaType"));
    return new ProblemError(400, "Bad Request", msg("error.badRequest"));
  }
  // the database stumbled past its retries: come back in a moment (the message may quote data: never logged)
  const fault = d1Fault(err);
  if (fault) {
    logError(`database ${fault}`, err, where);
    return new ProblemError(503, "Service Unavailable", msg("error.databaseBusy"), undefined, { "retry-after": String(retryAfterSeconds(fault)) });
  }
  // the message of an unexpected error may quote data: log only its kind
  logError("unhandled", err, where);
  return new ProblemError(500, "Internal Server Error", msg("error.server"));
}

export function createApp() {
  const app = new Hono<AppEnv>();

  // runs after secureHeaders: a page that embeds the Turnstile widget widens its own policy, no other
  app.use(cspAllowances);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        // the scanner's QR decoder is WebAssembly
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", "blob:"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
      },
      // ticket URLs are bearer secrets: never send them on in a Referer
      referrerPolicy: "no-referrer",
      permissionsPolicy: { camera: ["self"] },
    }),
  );

  app.use(requireConfiguration);
  app.use(databaseSessions);
  app.use(async function context(c, next) {
    c.set("lang", pickLang(c.req.query("lang"), getCookie(c, "lang"), c.req.header("accept-language")));
    await next();
  });

  app.route("/", health);
  app.route("/api/v1", buildApi());
  app.route("/staff", staffRouter);
  app.route("/", publicRouter);

  const answer = (p: ProblemError, path: string, accept: string | undefined, lang: Lang) =>
    wantsJson(path, accept) ? problemResponse(p, lang) : undefined;

  app.notFound((c) => {
    const p = new ProblemError(404, "Not Found", msg("error.notFound"));
    return answer(p, c.req.path, c.req.header("accept"), c.var.lang ?? "id") ?? errorPage(c, 404, translate(c.var.lang ?? "id", p.detail));
  });

  app.onError(async (err, c) => {
    const p = asProblem(err, c.req.routePath);
    const lang = c.var.lang ?? "id";
    const json = answer(p, c.req.path, c.req.header("accept"), lang);
    if (json) return json;
    // a form the database could not save: the same answers, ready to send again
    if (p.status === 503 && d1Fault(err) && isFormPost(c.req.method, c.req.header("content-type"))) return notSaved(c, lang, await readForm(c), p.headers["retry-after"]!);
    // when to come back (a stumble, a limit) holds for a page too
    if (p.headers["retry-after"]) c.header("retry-after", p.headers["retry-after"]);
    return errorPage(c, p.status, translate(lang, p.detail));
  });

  return app;
}
