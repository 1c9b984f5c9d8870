/**
 * `/staff/checkin/walkin`: the door registers a walk-in with the public form's
 * rules and admits them at once (the page for `POST /events/{slug}/walkins`).
 * A person with this phone and name is never overwritten: the page offers to
 * check that person in; another name on the same phone is a new person.
 */
import { Hono, type Context } from "hono";
import type { Child } from "hono/jsx";
import { staffPage } from "../../base/auth/guards";
import { dataKey } from "../../base/config/secrets";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent } from "../../base/events/events.service";
import { fieldMessages } from "../../base/http/problem";
import { one, originOf, readForm, refusedFields, type FormValues } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { submissionOf, submissionToken } from "../../base/http/submission-token";
import { signupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { errorPage } from "../../base/views/error-page";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { dayInZone } from "../../lib/time";
import { registerWalkin } from "./checkin.service";
import { withMessage } from "./scan-answer.mapping";
import { WalkinExisting, WalkinForm } from "./walkin.views";

export const walkinPages = new Hono<AppEnv>();

const guard = staffPage("door.scan");

function page(c: Context<AppEnv>, body: Child, status: 200 | 409 | 422 = 200) {
  return c.html(
    <StaffLayout lang={c.var.lang} title={t(c.var.lang, "walkin.title")} staff={c.var.staff}>
      {body}
    </StaffLayout>,
    status,
  );
}

walkinPages.get("/walkin", guard, async (c) => {
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const gate = c.var.staff.gate ?? (c.req.query("gate")?.trim().slice(0, 60) || "");
  return page(c, <WalkinForm lang={c.var.lang} event={event} gate={gate} values={{}} errors={{}} />);
});

walkinPages.post("/walkin", guard, async (c) => {
  const values: FormValues = await readForm(c);
  const { event } = await chooseEvent(c.var.db, c.var.staff, one(values.event) || undefined, { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const { lang, staff } = c.var;
  const gate = staff.gate ?? one(values.gate).trim().slice(0, 60);
  // one typed form, one submission: "Coba lagi" after a database fault sends the same one again
  const seed = await submissionOf(c, "walkin", event.id, values);
  const again = async (errors: Record<string, string>) =>
    page(c, <WalkinForm lang={lang} event={event as Event} gate={gate} values={{ ...values, nik: undefined }} errors={errors} banner={t(lang, "error.formHasErrors")} submission={await submissionToken(c)} />, 422);
  if (!gate) return again({ gate: t(lang, "validation.required") });
  const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(values);
  if (!parsed.success) return again(fieldMessages(fieldIssues(parsed.error.issues, true), lang));
  const input = toSignupInput(parsed.data, event.questions);
  let done: Awaited<ReturnType<typeof registerWalkin>>;
  try {
    // the person, the ticket, the admission, the audit entry and the WhatsApp message: one batch
    done = await registerWalkin(c.var.db, c.env.MESSAGES, { dataKey: input.nik ? dataKey(c.env) : null }, staff, event, { ...input, lang: input.lang ?? lang }, gate, originOf(c), seed);
  } catch (err) {
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return again(refused.errors);
  }
  if (done.kind === "existing") return page(c, <WalkinExisting lang={lang} event={event} gate={gate} registrationId={done.registrationId} />, 409);
  const answer = withMessage(done.checkin, lang, event.timezone);
  return page(
    c,
    <>
      <p role="status" class="alert">{answer.message}</p>
      <WalkinForm lang={lang} event={event} gate={gate} values={{}} errors={{}} />
    </>,
  );
});
