/** Console-only CSS (never sent to attendees): cards, tabs, two-column forms on wide screens, charts. */
export const CONSOLE_CSS = `.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.actions h1{margin-right:auto}
.tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0 1rem;padding:0;list-style:none}
.tabs a{display:inline-block;padding:.45rem .9rem;border:2px solid #0b3d2e;border-radius:999px;text-decoration:none;color:#0b3d2e;font-weight:600}
.tabs a[aria-current=page]{background:#0b3d2e;color:#fff}
.badge{display:inline-block;vertical-align:middle;padding:.1rem .55rem;border-radius:999px;font-size:.8rem;font-weight:700;background:#eee;color:#333}
.badge.open{background:#d7f5e3;color:#0a5c2f}.badge.draft{background:#fff3cd;color:#5c4300}.badge.revoked{background:#fde2e2;color:#8a0016}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr))}
.card{border:2px solid #c8d0cc;border-radius:10px;padding:.2rem 1rem}
.card h2{margin:.6rem 0 .3rem}
.cols{display:grid;gap:0 1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr))}
fieldset.q{border:2px solid #c8d0cc;border-radius:8px;padding:.2rem 1rem .6rem;margin:1rem 0}
fieldset.q legend{padding:0 .3rem}
.ok{border:2px solid #0a7d32;background:#effaf2;padding:.7rem;border-radius:6px}
.token{font:1.05rem/1.4 ui-monospace,monospace;word-break:break-all;background:#f3f6f4;border:2px dashed #0b3d2e;padding:.8rem;border-radius:6px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;position:relative}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.stats{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));margin:1rem 0}
.stat{border:2px solid #0b3d2e;border-radius:10px;padding:.6rem .8rem}
.stat .num{display:block;font-size:2.1rem;font-weight:800;line-height:1.1}
.chart{margin:.5rem 0 1.5rem}.chart svg{display:block;width:100%;height:auto}
.event-head h1{margin-bottom:.2rem}
textarea{resize:vertical}
details.more{margin:1rem 0}details.more>summary{cursor:pointer;font-weight:700;color:#0645ad;padding:.4rem 0}
code{word-break:break-all}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`;

/**
 * Booth posters. A4 and A5 share a shape (1:√2), so one layout in container
 * units fits both; print gives each poster its own sheet.
 */
export function posterCss(size: "a4" | "a5"): string {
  const [w, h] = size === "a4" ? [210, 297] : [148, 210];
  return `@page{size:${size.toUpperCase()} portrait;margin:0}
.sheet{container-type:inline-size;width:100%;max-width:${w}mm;aspect-ratio:${w}/${h};margin:0 auto 1.5rem;background:#fff;border:1px solid #bbb;box-shadow:0 2px 8px #0002;overflow:hidden}
.sheet .in{height:100%;padding:7cqw 7cqw 5cqw;display:flex;flex-direction:column;align-items:center;justify-content:space-between;text-align:center;color:#000}
.sheet .ev{font-size:3.6cqw;font-weight:600;margin:0;color:#0b3d2e}
.sheet .booth{font-size:8.5cqw;line-height:1.1;margin:1cqw 0 0;overflow-wrap:anywhere}
.sheet .exh{font-size:3.6cqw;margin:0}
.sheet .cta{font-size:6.6cqw;font-weight:800;line-height:1.15;margin:2cqw 0;padding:1.5cqw 4cqw;background:#0b6e4f;color:#fff;border-radius:2cqw}
.sheet .pqr{margin:0;width:64cqw}.sheet .pqr svg{display:block;width:100%;height:auto}
.sheet .steps{font-size:3.4cqw;margin:1cqw 0}
.sheet .link{font-size:3.4cqw;margin:0}.sheet .link strong{display:block;font:700 4.6cqw/1.2 ui-monospace,monospace;overflow-wrap:anywhere}
.sheet .en{font-size:3cqw;color:#333;margin:1cqw 0 0}
@media print{body{margin:0}.noprint{display:none!important}main.wide{max-width:none;padding:0;margin:0}
.sheet{width:${w}mm;height:${h}mm;max-width:none;margin:0;border:0;box-shadow:none;break-inside:avoid}
.sheet:not(:last-of-type){break-after:page}}`;
}
