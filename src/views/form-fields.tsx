/**
 * Labelled form fields that show their answer again and their error beside them
 * (tied with aria-describedby). Plain HTML: they work without JavaScript.
 */
import type { Child } from "hono/jsx";

export type FormValues = Record<string, string | string[] | undefined>;
export type FormErrors = Record<string, string>;

/** The one value of a field (the first, if it was sent twice). */
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
/** All values of a repeatable field. */
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** An element id for a field name such as `questions.0.label.id`. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function ErrorText(p: { name: string; errors: FormErrors }) {
  const msg = p.errors[p.name];
  return msg ? (
    <p class="err" id={`${fieldId(p.name)}-err`}>
      {msg}
    </p>
  ) : null;
}

/** Attributes that mark a field invalid and point at its message. */
export const errorAttrs = (name: string, errors: FormErrors) =>
  errors[name] ? { "aria-invalid": "true", "aria-describedby": `${fieldId(name)}-err` } : {};

type Common = { name: string; label: Child; hint?: Child; values: FormValues; errors: FormErrors; required?: boolean };

export function TextField(p: Common & { type?: string; attrs?: Record<string, string | number | boolean> }) {
  const id = fieldId(p.name);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      <input id={id} name={p.name} type={p.type ?? "text"} value={one(p.values[p.name])} required={p.required} {...errorAttrs(p.name, p.errors)} {...p.attrs} />
      <ErrorText name={p.name} errors={p.errors} />
    </div>
  );
}

export function TextArea(p: Common & { rows?: number; attrs?: Record<string, string | number | boolean> }) {
  const id = fieldId(p.name);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      <textarea id={id} name={p.name} rows={p.rows ?? 4} required={p.required} {...errorAttrs(p.name, p.errors)} {...p.attrs}>
        {one(p.values[p.name])}
      </textarea>
      <ErrorText name={p.name} errors={p.errors} />
    </div>
  );
}

export function SelectField(p: Common & { options: readonly (readonly [string, string])[] }) {
  const id = fieldId(p.name);
  const current = one(p.values[p.name]);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      <select id={id} name={p.name} required={p.required} {...errorAttrs(p.name, p.errors)}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
      <ErrorText name={p.name} errors={p.errors} />
    </div>
  );
}

/** A checkbox whose label follows it; checked when the field's value is `value`. */
export function CheckField(p: { name: string; label: Child; values: FormValues; value?: string }) {
  const value = p.value ?? "yes";
  return (
    <label class="check">
      <input type="checkbox" name={p.name} value={value} checked={many(p.values[p.name]).includes(value)} />
      {p.label}
    </label>
  );
}

/** The banner above a form that comes back with errors. */
export function FormAlert(p: { message?: string }) {
  return p.message ? (
    <p class="alert" role="alert">
      {p.message}
    </p>
  ) : null;
}
