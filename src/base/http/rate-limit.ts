/** The Workers Rate Limiting bindings (`[[ratelimits]]` in wrangler.toml), used one way everywhere. */

/**
 * One use of a rate limit under `key`; true when allowed. Locally a limit left
 * unbound is not applied; a deployment without it refuses to serve at all
 * (base/config/deployment.ts), so no door is left open.
 * @example if (!(await allowed(c.env.RESEND_LIMITER, `resend:${event.id}:${ip}`))) return tooMany()
 */
export async function allowed(limiter: RateLimit | undefined, key: string): Promise<boolean> {
  return limiter ? (await limiter.limit({ key })).success : true;
}
