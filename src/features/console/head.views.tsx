import { CONSOLE_CSS } from "./console.styles";
import { Style } from "../../base/views/style";

/** The console's extra <head>: its CSS, and with `script` the small helper that prints and confirms. */
export function ConsoleHead(p: { css?: string; script?: boolean }) {
  return (
    <>
      <Style css={CONSOLE_CSS + (p.css ?? "")} />
      {p.script ? <script src="/console/console.js" defer></script> : null}
    </>
  );
}
