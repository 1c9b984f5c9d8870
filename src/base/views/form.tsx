/**
 * The one form kit: labelled fields that show their answer again and their
 * error beside them (tied with aria-describedby), for every page, public and
 * staff. Plain HTML: they work without JavaScript.
 *
 * A field's element id is `f-{name}` unless the page gives one (the public
 * forms use the bare field name, a contract their tests hold).
 */
import type { Child } from "hono/jsx";
import { many, one, own, type FormValues } from "../http/read-form";
import type { FieldErrors } from "../http/problem";

export type { FormValues };
export type FormErrors = FieldErrors;
export { one, many };

/** An element id for a field name such as `questions.0.label.id`. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

type Attrs = Record<string, string | number | boolean | undefined>;

/** The message beside a field, if it has one. */
export function ErrorText(p: { id: string; msg?: string }) {
  return p.msg ? (
    <p class="err" id={`${p.id}-err`}>
      {p.msg}
    </p>
  ) : null;
}

/** Attributes that mark a control invalid and point at its message. */
export const errorAttrs = (id: string, msg: string | undefined) => (msg ? { "aria-invalid": "true", "aria-describedby": `${id}-err` } : {});

/**
 * The first field with an error, in the order the form shows them: it gets `autofocus`,
 * so after a mistake the cursor waits where the person must look (no script needed).
 */
export function firstInvalid(errors: FormErrors, order: readonly string[]): string | undefined {
  return order.find((name) => errors[name]) ?? Object.keys(errors)[0];
}

type Common = {
  name: string;
  label: Child;
  hint?: Child;
  values: FormValues;
  errors: FormErrors;
  required?: boolean;
  /** the element id; `f-{name}` by default */
  id?: string;
  /** the field to focus when the form comes back (`firstInvalid`): this one gets `autofocus` when it is named */
  focus?: string;
};

function Labelled(p: Common & { id: string; children: Child }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {p.children}
      <ErrorText id={p.id} msg={own(p.errors, p.name)} />
    </div>
  );
}

export function TextField(p: Common & { type?: string; attrs?: Attrs }) {
  const id = p.id ?? fieldId(p.name);
  return (
    <Labelled {...p} id={id}>
      <input id={id} name={p.name} type={p.type ?? "text"} value={one(own(p.values, p.name))} required={p.required} autofocus={p.focus === p.name} {...errorAttrs(id, own(p.errors, p.name))} {...p.attrs} />
    </Labelled>
  );
}

export function TextArea(p: Common & { rows?: number; attrs?: Attrs }) {
  const id = p.id ?? fieldId(p.name);
  return (
    <Labelled {...p} id={id}>
      <textarea id={id} name={p.name} rows={p.rows ?? 4} required={p.required} autofocus={p.focus === p.name} {...errorAttrs(id, own(p.errors, p.name))} {...p.attrs}>
        {one(own(p.values, p.name))}
      </textarea>
    </Labelled>
  );
}

export type Option = readonly [value: string, label: string];

/** `<option>`s with the current value selected, and an optional first "any" choice with the value "". */
export function Options(p: { options: readonly Option[]; current: string | undefined; blank?: string }) {
  return (
    <>
      {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
      {p.options.map(([value, label]) => (
        <option value={value} selected={value === p.current}>
          {label}
        </option>
      ))}
    </>
  );
}

export function SelectField(p: Common & { options: readonly Option[]; blank?: string }) {
  const id = p.id ?? fieldId(p.name);
  return (
    <Labelled {...p} id={id}>
      <select id={id} name={p.name} required={p.required} autofocus={p.focus === p.name} {...errorAttrs(id, own(p.errors, p.name))}>
        <Options options={p.options} current={one(own(p.values, p.name))} blank={p.blank} />
      </select>
    </Labelled>
  );
}

/** A group of radio buttons or checkboxes under a legend, the chosen ones checked. */
export function ChoiceGroup(p: Omit<Common, "label" | "hint"> & { legend: Child; type: "radio" | "checkbox"; options: readonly Option[] }) {
  const id = p.id ?? fieldId(p.name);
  const chosen = many(own(p.values, p.name));
  return (
    <fieldset {...errorAttrs(id, own(p.errors, p.name))}>
      <legend>{p.legend}</legend>
      {p.options.map(([value, label], i) => (
        <label class="check">
          <input type={p.type} name={p.name} value={value} checked={chosen.includes(value)} autofocus={i === 0 && p.focus === p.name} />
          {label}
        </label>
      ))}
      <ErrorText id={id} msg={own(p.errors, p.name)} />
    </fieldset>
  );
}

/** A checkbox whose label follows it; checked when the field's value is `value`. */
export function CheckField(p: { name: string; label: Child; values: FormValues; value?: string; errors?: FormErrors; required?: boolean; id?: string; focus?: string }) {
  const value = p.value ?? "yes";
  const id = p.id ?? fieldId(p.name);
  const error = p.errors ? own(p.errors, p.name) : undefined;
  return (
    <>
      <label class="check">
        <input type="checkbox" name={p.name} value={value} checked={many(own(p.values, p.name)).includes(value)} required={p.required} autofocus={p.focus === p.name} {...errorAttrs(id, error)} />
        {p.label}
      </label>
      <ErrorText id={id} msg={error} />
    </>
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
