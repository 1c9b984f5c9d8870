/** RFC 9457 problem details: the one error shape of the JSON API. */

export type FieldErrors = Record<string, string>;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = "ProblemError";
  }
}

export const badRequest = (detail: string, extra?: Record<string, unknown>) =>
  new ProblemError(400, "Bad Request", detail, extra);
export const unauthorized = (detail: string) => new ProblemError(401, "Unauthorized", detail);
export const forbidden = (detail: string) => new ProblemError(403, "Forbidden", detail);
export const notFound = (detail: string) => new ProblemError(404, "Not Found", detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new ProblemError(409, "Conflict", detail, extra);
export const invalid = (errors: FieldErrors, detail = "Some fields are invalid.") =>
  new ProblemError(422, "Unprocessable Content", detail, { errors });

export function problemResponse(p: ProblemError, headers: HeadersInit = {}): Response {
  const body = { type: "about:blank", title: p.title, status: p.status, detail: p.detail, ...p.extra };
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json; charset=utf-8");
  return new Response(JSON.stringify(body), { status: p.status, headers: h });
}
