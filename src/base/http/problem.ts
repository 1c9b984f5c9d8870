/**
 * RFC 9457 problem details: the one error shape of the JSON API. A service
 * raises a `ProblemError` that names its messages by catalogue key (`Msg`);
 * the edge translates them into the caller's language (`problemResponse`,
 * `fieldMessages`), so a rule never needs to know who reads its answer.
 */
import { msg, translate, type Lang, type MessageKey, type Msg, type VarsArg } from "../../i18n";

/** Field name → message, before translation. */
export type FieldMsgs = Record<string, Msg>;
/** Field name → message text, in the reader's language. */
export type FieldErrors = Record<string, string>;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: Msg,
    /** per-field messages (422, and a 409 that names the field) */
    readonly fields?: FieldMsgs,
    /** headers the answer must carry (Retry-After, WWW-Authenticate) */
    readonly headers: Record<string, string> = {},
    /** a stable word a script can act on (the body's `code`), in no language */
    readonly code?: string,
  ) {
    super(detail.key);
    this.name = "ProblemError";
  }

  /** The same problem, answered with `headers` too. */
  with(headers: Record<string, string>): ProblemError {
    return new ProblemError(this.status, this.title, this.detail, this.fields, { ...this.headers, ...headers }, this.code);
  }

  /** The same problem, its body naming `code` for scripts (a header such as Clear-Site-Data is not visible to them). */
  coded(code: string): ProblemError {
    return new ProblemError(this.status, this.title, this.detail, this.fields, this.headers, code);
  }
}

const make =
  (status: number, title: string) =>
  <K extends MessageKey>(key: K, ...vars: VarsArg<K>) =>
    new ProblemError(status, title, msg(key, ...vars));

export const badRequest = make(400, "Bad Request");
export const unauthorized = <K extends MessageKey>(key: K, ...vars: VarsArg<K>) =>
  new ProblemError(401, "Unauthorized", msg(key, ...vars), undefined, { "www-authenticate": 'Bearer realm="staff"' });
export const forbidden = make(403, "Forbidden");
export const notFound = make(404, "Not Found");

/** 409; with `field`, the message also stands beside that field (a form shows it there). */
export const conflict = (detail: Msg, field?: string) => new ProblemError(409, "Conflict", detail, field ? { [field]: detail } : undefined);

/** 422 with a message beside each field. */
export const invalid = (fields: FieldMsgs, detail: Msg = msg("error.formHasErrors")) =>
  new ProblemError(422, "Unprocessable Content", detail, fields);

/** A field's message as a `Msg`: `fieldError("phone", "validation.phone")`. */
export const fieldError = <K extends MessageKey>(field: string, key: K, ...vars: VarsArg<K>): FieldMsgs => ({ [field]: msg(key, ...vars) });

export function fieldMessages(fields: FieldMsgs | undefined, lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, m] of Object.entries(fields ?? {})) out[k] = translate(lang, m);
  return out;
}

/** The problem as `application/problem+json`, in `lang`. */
export function problemResponse(p: ProblemError, lang: Lang): Response {
  const body: Record<string, unknown> = { type: "about:blank", title: p.title, status: p.status, detail: translate(lang, p.detail) };
  if (p.fields) body.errors = fieldMessages(p.fields, lang);
  if (p.code) body.code = p.code;
  const h = new Headers(p.headers);
  h.set("content-type", "application/problem+json; charset=utf-8");
  return new Response(JSON.stringify(body), { status: p.status, headers: h });
}
