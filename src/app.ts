/** Builds the Hono app: global middleware, error mapping, and the features mounted by audience. */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { buildApi } from "./api";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { health } from "./features/health/routes";
import { pickLang, t } from "./i18n";
import { logError } from "./lib/log";
import { ProblemError, problemResponse } from "./lib/problem";
import { publicPages } from "./features/public";
import { staffPages } from "./features/staff/pages";
import { checkinPages } from "./features/checkin/pages";
import { consolePages } from "./features/console";
import { leadsPages } from "./features/leads/pages";
import { errorPage } from "./views/error-page";

const wantsJson = (path: string, accept: string | undefined) =>
  path.startsWith("/api/") || (accept?.includes("application/json") ?? false);

export function createApp() {
  const app = new Hono<AppEnv>();

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

  app.use(async function context(c, next) {
    c.set("db", createDb(c.env.DB));
    c.set("lang", pickLang(c.req.query("lang"), getCookie(c, "lang"), c.req.header("accept-language")));
    await next();
  });

  app.route("/", health);
  app.route("/api/v1", buildApi());
  app.route("/", publicPages);
  app.route("/", staffPages);
  app.route("/", checkinPages);
  app.route("/", consolePages);
  app.route("/", leadsPages);

  app.notFound((c) => {
    const p = new ProblemError(404, "Not Found", t(c.var.lang, "error.notFound"));
    return wantsJson(c.req.path, c.req.header("accept")) ? problemResponse(p) : errorPage(c, 404, p.detail!);
  });

  app.onError((err, c) => {
    let p: ProblemError;
    if (err instanceof ProblemError) p = err;
    else if (err instanceof HTTPException) p = new ProblemError(err.status, err.message || "Bad Request", err.message);
    else {
      // the message of an unexpected error may quote data: log only its kind
      logError("unhandled", err, c.req.routePath);
      p = new ProblemError(500, "Internal Server Error", t(c.var.lang ?? "id", "error.server"));
    }
    const headers = p.status === 401 ? { "www-authenticate": 'Bearer realm="staff"' } : undefined;
    return wantsJson(c.req.path, c.req.header("accept")) ? problemResponse(p, headers) : errorPage(c, p.status, p.detail ?? p.title);
  });

  return app;
}
