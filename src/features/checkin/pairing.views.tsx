/** Gate-device pairing: the organiser's panel (QR, devices) and the page a volunteer's phone opens. */
import { TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { OneTimeQr } from "../../base/views/pairing";
import { PostButton } from "../../base/views/post-button";
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { formatTime } from "../../lib/time";
import type { listDevices } from "./pairing.service";

export function PairingPanel(p: { lang: Lang; event: Event; devices: Awaited<ReturnType<typeof listDevices>>; link?: { url: string; expires: string; gate: string }; values?: FormValues; errors?: FormErrors }) {
  const { lang, event } = p;
  return (
    <>
      <p>
        {event.name}. {t(lang, "checkin.pairIntro")}
      </p>
      {p.link ? <OneTimeQr id="pairing" url={p.link.url} alt={t(lang, "checkin.pairQrAlt", { gate: p.link.gate })} expires={t(lang, "checkin.pairExpires", { time: p.link.expires })} /> : null}
      <form method="post" action={`/staff/checkin/pair?event=${event.slug}`}>
        <TextField name="gate" id="gate" label={t(lang, "checkin.gate")} values={p.values ?? {}} errors={p.errors ?? {}} required attrs={{ maxlength: 60, placeholder: t(lang, "checkin.gatePlaceholder") }} />
        <button type="submit">{t(lang, "checkin.pairCreate")}</button>
      </form>
      <h2>{t(lang, "checkin.devices")}</h2>
      <p>
        <a href={`/staff/kiosks?event=${event.slug}`}>{t(lang, "kiosk.devicesLink")}</a>
      </p>
      <table>
        <tbody>
          {p.devices.map((d) => (
            <tr>
              <td>{d.name}</td>
              <td>{d.gate}</td>
              <td>{d.revokedAt ? "✕" : d.lastUsedAt ? formatTime(d.lastUsedAt, event.timezone) : "–"}</td>
              <td>
                {d.revokedAt ? null : <PostButton action={`/staff/checkin/devices/${d.id}/revoke?event=${event.slug}`} label={t(lang, "checkin.revokeDevice")} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

