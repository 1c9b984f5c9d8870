/** The real app, called with bindings other than the test config's (a missing or rotated secret), on the real D1. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";
import type { Env } from "../../src/base/context/env";
import { ORIGIN } from "../helpers";

const app = createApp();

/** `path` on the app with `changes` to the bindings; `init` as for fetch (no bearer token unless given). */
export async function callWith(changes: Partial<Record<keyof Env, unknown>>, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }), { ...env, ...changes } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
