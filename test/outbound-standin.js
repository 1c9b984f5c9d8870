// Stand-ins for the two services the Worker calls, run as a second worker in the test runtime
// (vitest.config.ts): every outbound fetch of the Worker under test reaches it, since tests cannot
// reach the internet. A request anywhere else gets 502 (no internet here).
//
// Cloudflare's Turnstile siteverify (POST /turnstile/v0/siteverify): it checks what Cloudflare checks
// (secret and response present) and answers as Cloudflare documents for its published test secrets:
//   1x0000000000000000000000000000000AA  always passes
//   2x0000000000000000000000000000000AA  always fails
//   3x0000000000000000000000000000000AA  yields "token already spent"
// Any other secret is refused as invalid.
//
// WhatsApp Business Cloud API (POST /v{major}.{minor}/{phone-number-id}/messages): it checks what Meta
// checks before accepting a template message: the path, the bearer token (GRAPH_TOKEN below, the
// test config's WHATSAPP_TOKEN), a JSON body with messaging_product "whatsapp", `to` in international
// digits, type "template", a template name, a language code and body parameters of type text, and
// answers with Graph's shapes (`{"messages":[{"id":"wamid…"}]}`, or `{"error":{…}}`). A recipient
// ending in 0500 meets an outage (500, every time); one ending in 0400 is refused for good (400,
// 131026 undeliverable). Meta's throttling comes as HTTP 400 with its own code: a recipient ending in
// 0429 meets the number's throughput limit (130429), one ending in 0056 the pair rate limit (131056).
// One ending in 0200 is accepted (200) with an answer that names no message id.
const PASS = "1x0000000000000000000000000000000AA";
const FAIL = "2x0000000000000000000000000000000AA";
const SPENT = "3x0000000000000000000000000000000AA";
const GRAPH_TOKEN = "test-whatsapp-token-0123456789abcdefghij";

const answer = (body) => Response.json({ "error-codes": [], messages: [], ...body });

async function turnstile(request) {
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
}

const graphError = (status, code, message) => Response.json({ error: { message, type: code === 190 ? "OAuthException" : "GraphMethodException", code, fbtrace_id: "standin" } }, { status });

async function whatsapp(request) {
  if (request.method !== "POST") return graphError(405, 100, "Unsupported request - method type: get");
  if (request.headers.get("authorization") !== `Bearer ${GRAPH_TOKEN}`) return graphError(401, 190, "Invalid OAuth access token.");
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) return graphError(400, 100, "Invalid content type");
  let body;
  try {
    body = await request.json();
  } catch {
    return graphError(400, 100, "Invalid JSON");
  }
  const t = body?.template;
  const params = t?.components?.find?.((c) => c?.type === "body")?.parameters;
  const valid =
    body?.messaging_product === "whatsapp" &&
    typeof body.to === "string" &&
    /^\d{8,15}$/.test(body.to) &&
    body.type === "template" &&
    typeof t?.name === "string" &&
    t.name.length > 0 &&
    typeof t.language?.code === "string" &&
    /^[a-z]{2}(_[A-Z]{2})?$/.test(t.language.code) &&
    Array.isArray(params) &&
    params.every((p) => p?.type === "text" && typeof p.text === "string" && p.text.length > 0);
  if (!valid) return graphError(400, 100, "(#100) Invalid parameter");
  if (body.to.endsWith("0500")) return graphError(500, 1, "An unknown error occurred");
  if (body.to.endsWith("0400")) return graphError(400, 131026, "Message undeliverable");
  if (body.to.endsWith("0429")) return graphError(400, 130429, "(#130429) Rate limit hit");
  if (body.to.endsWith("0056")) return graphError(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit");
  if (body.to.endsWith("0200")) return Response.json({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [] });
  // the id names what arrived, so a test can read it back from the outbox
  const id = `wamid.${t.name}.${t.language.code}.${params.length}.${crypto.randomUUID()}`;
  return Response.json({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/turnstile/v0/siteverify") return turnstile(request);
    if (/^\/v\d+\.\d+\/\d+\/messages$/.test(url.pathname)) return whatsapp(request);
    // read what was sent first, as a real server does before it answers
    await request.arrayBuffer().catch(() => null);
    return new Response("no route to host", { status: 502 });
  },
};
