// A stand-in for Cloudflare's Turnstile siteverify endpoint, run as a second worker in the test
// runtime (vitest.config.ts): every outbound fetch of the Worker under test reaches it, since tests
// cannot reach the internet. It checks what Cloudflare checks (POST to the path, secret and response
// present) and answers as Cloudflare documents for its published test secrets:
//   1x0000000000000000000000000000000AA  always passes
//   2x0000000000000000000000000000000AA  always fails
//   3x0000000000000000000000000000000AA  yields "token already spent"
// Any other secret is refused as invalid. A request elsewhere gets 502 (no internet here).
const PASS = "1x0000000000000000000000000000000AA";
const FAIL = "2x0000000000000000000000000000000AA";
const SPENT = "3x0000000000000000000000000000000AA";

const answer = (body) => Response.json({ "error-codes": [], messages: [], ...body });

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== "/turnstile/v0/siteverify") return new Response("no route to host", { status: 502 });
    if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
    const type = request.headers.get("content-type") ?? "";
    const form = type.includes("application/json") ? new URLSearchParams(await request.json()) : new URLSearchParams(await request.text());
    const secret = form.get("secret");
    const response = form.get("response");
    if (!secret) return answer({ success: false, "error-codes": ["missing-input-secret"] });
    if (!response) return answer({ success: false, "error-codes": ["missing-input-response"] });
    if (secret === PASS) return answer({ success: true, challenge_ts: new Date().toISOString(), hostname: "example.com", action: "", cdata: "" });
    if (secret === FAIL) return answer({ success: false, "error-codes": ["invalid-input-response"] });
    if (secret === SPENT) return answer({ success: false, "error-codes": ["timeout-or-duplicate"] });
    return answer({ success: false, "error-codes": ["invalid-input-secret"] });
  },
};
