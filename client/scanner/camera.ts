/**
 * The door's camera: it says "preparing the camera decoder" until the decoder has
 * really decoded, then "ready"; it scans a code once while the code stays in view,
 * and stops for good when the phone may no longer scan.
 */
import type { ScannerMessages } from "./answers";
import type { BarcodeDetectorLike } from "./decoder";
import { isRepeat, NO_SIGHTING } from "./sighting";

export function doorCamera(p: {
  video: HTMLVideoElement;
  msgs: ScannerMessages;
  /** the line beside the camera */
  status: (text: string) => void;
  decoder: Promise<BarcodeDetectorLike>;
  /** resolves once the page is wired: the camera may start before, it scans only after */
  wired: Promise<void>;
  /** false while a question waits for the volunteer */
  scanning: () => boolean;
  scan: (code: string) => Promise<void>;
}) {
  let decoder: "preparing" | "ready" | "failed" = "preparing";
  let on = false;
  let starting = false;
  /** the last code the camera saw */
  let seen = NO_SIGHTING;
  const say = () => p.status(decoder === "failed" ? p.msgs.cameraUnavailable : decoder === "preparing" ? p.msgs.preparing : on ? p.msgs.ready : "");
  say();
  p.decoder.then(
    () => ((decoder = "ready"), say()),
    () => ((decoder = "failed"), say()),
  );

  return {
    async start() {
      if (on || starting) return;
      starting = true;
      const video = p.video;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        video.srcObject = stream;
        await video.play();
        on = true;
        say();
        const [found] = await Promise.all([p.decoder, p.wired]);
        const tick = async () => {
          if (!on) return;
          try {
            if (video.readyState >= 2 && p.scanning()) {
              const codes = await found.detect(video);
              const value = codes[0]?.rawValue;
              // the camera sees a ticket many times a second: scan it once while it stays in view
              if (value && !isRepeat(seen, value, Date.now())) await p.scan(value);
              if (value) seen = { code: value, at: Date.now() };
            }
          } catch {}
          setTimeout(tick, 200);
        };
        void tick();
      } catch {
        p.status(p.msgs.cameraUnavailable);
      } finally {
        starting = false;
      }
    },
    /** turns the camera off (its light too) */
    stop() {
      on = false;
      for (const track of (p.video.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop();
      p.video.srcObject = null;
    },
  };
}
