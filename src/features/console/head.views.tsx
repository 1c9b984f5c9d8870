import { CONSOLE_CSS } from "./console.styles";

/** The console's extra <head>: its CSS, and with `script` the small helper that prints and confirms. */
export function ConsoleHead(p: { css?: string; script?: boolean }) {
  return (
    <>
      <style>{CONSOLE_CSS + (p.css ?? "")}</style>
      {p.script ? <script src="/console/console.js" defer></script> : null}
    </>
  );
}
