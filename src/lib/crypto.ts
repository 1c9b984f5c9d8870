/** Small WebCrypto helpers: random tokens, hashes, constant-time comparison, AES-GCM. */

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A secret token with `bytes` bytes of randomness, URL-safe. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** Compares two secrets in time that does not depend on where they differ. */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  // hashing first gives equal lengths, as timingSafeEqual requires
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

// imported once per secret and isolate (a few secrets at most)
const hmacKeys = new Map<string, CryptoKey>();

async function hmacKey(secret: string): Promise<CryptoKey> {
  const cached = hmacKeys.get(secret);
  if (cached) return cached;
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  if (hmacKeys.size > 16) hmacKeys.clear();
  hmacKeys.set(secret, key);
  return key;
}

/** Keyed hash (HMAC-SHA-256, base64url): lookups of secret values without storing them. */
export async function keyedHash(secret: string, value: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(value));
  return base64url(new Uint8Array(sig));
}

/** `value` with a MAC under `secret` (`value.mac`), so it comes back from a client only as we gave it. */
export async function signed(secret: string, value: string): Promise<string> {
  return `${value}.${(await keyedHash(secret, value)).slice(0, 22)}`;
}

/** The value inside `text` when its MAC under `secret` holds (compared in constant time), else null. */
export async function unsigned(secret: string, text: string): Promise<string | null> {
  const dot = text.lastIndexOf(".");
  if (dot < 1) return null;
  const value = text.slice(0, dot);
  const want = encoder.encode((await keyedHash(secret, value)).slice(0, 22));
  const got = encoder.encode(text.slice(dot + 1));
  return got.byteLength === want.byteLength && crypto.subtle.timingSafeEqual(got, want) ? value : null;
}

// derived once per secret: an export decrypts thousands of NIKs with the same key
// (the key itself is cached, not a promise, so no request waits on another's work)
const aesKeys = new Map<string, CryptoKey>();

async function aesKey(secret: string): Promise<CryptoKey> {
  const cached = aesKeys.get(secret);
  if (cached) return cached;
  // the secret may be any string: derive a 256-bit key from it
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(`aes-gcm:${secret}`));
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  aesKeys.set(secret, key);
  return key;
}

/** AES-GCM encryption; the result is base64url of IV (12 bytes) then ciphertext. */
export async function encrypt(secret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(secret), encoder.encode(plaintext));
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), 12);
  return base64url(out);
}

export async function decrypt(secret: string, sealed: string): Promise<string> {
  const bytes = fromBase64url(sealed);
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, 12) },
    await aesKey(secret),
    bytes.slice(12),
  );
  return new TextDecoder().decode(pt);
}
