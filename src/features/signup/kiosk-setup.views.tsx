/** Booth kiosks for organisers: pick a booth, show the one-time QR, list the event's kiosks and revoke them. */
import { SelectField, type FormErrors, type FormValues, type Option } from "../../base/views/form";
import { OneTimeQr } from "../../base/views/pairing";
import { PostButton } from "../../base/views/post-button";
import type { Booth, Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { formatTime } from "../../lib/time";
import type { listKiosks } from "../../base/auth/kiosks.service";
import { kioskStatus, type KioskStatus } from "./kiosk.schema";

const STATUS_KEYS = { waiting: "kiosk.statusWaiting", expired: "kiosk.statusExpired", active: "kiosk.statusActive", revoked: "kiosk.statusRevoked" } as const satisfies Record<KioskStatus, string>;

export function KioskPanel(p: {
  lang: Lang;
  event: Event;
  booths: Booth[];
  kiosks: Awaited<ReturnType<typeof listKiosks>>;
  link?: { url: string; expires: string; booth: string };
  values: FormValues;
  errors: FormErrors;
}) {
  const { lang, event } = p;
  const options = p.booths.map((b): Option => [b.code, b.name]);
  return (
    <>
      <p>
        {event.name}. {t(lang, "kiosk.setupIntro")}
      </p>
      {p.link ? <OneTimeQr id="kiosk-pairing" url={p.link.url} alt={t(lang, "kiosk.qrAlt", { booth: p.link.booth })} expires={t(lang, "kiosk.expires", { time: p.link.expires })} /> : null}
      <form method="post" action={`/staff/kiosks?event=${event.slug}`}>
        <SelectField name="booth" id="booth" label={t(lang, "kiosk.booth")} options={options} values={p.values} errors={p.errors} required />
        <button type="submit">{t(lang, "kiosk.create")}</button>
      </form>
      <h2>{t(lang, "kiosk.list")}</h2>
      {p.kiosks.length === 0 ? <p>{t(lang, "kiosk.none")}</p> : null}
      <ul class="kiosks">
        {p.kiosks.map((k) => {
          const status = kioskStatus(k);
          return (
            <li>
              <strong>{k.boothName}</strong> · {t(lang, STATUS_KEYS[status])}
              {k.lastUsedAt && status === "active" ? ` · ${formatTime(k.lastUsedAt, event.timezone)}` : ""}
              {status === "active" || status === "waiting" ? <PostButton action={`/staff/kiosks/${k.id}/revoke?event=${event.slug}`} label={t(lang, "kiosk.revoke")} /> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
