import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../context/env";
import { Layout } from "./layout";

/** A plain page for errors that reach a person rather than an API client. */
export function errorPage(c: Context<AppEnv>, status: number, message: string) {
  const lang = c.var.lang ?? "id";
  return c.html(
    <Layout lang={lang} title={message} noindex>
      <h1>{message}</h1>
      <p>
        <a href="/">{lang === "id" ? "Beranda" : "Home"}</a>
      </p>
    </Layout>,
    status as ContentfulStatusCode,
  );
}
