/** The one stylesheet, inlined (no extra request on 3G). High contrast for sunlight, big touch targets. */
export const CSS = `*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
main{max-width:34rem;margin:0 auto;padding:1rem}
main.wide{max-width:72rem}
h1{font-size:1.45rem;line-height:1.2;margin:.4rem 0 .6rem}
h2{font-size:1.15rem;margin:1.2rem 0 .4rem}
a{color:#0645ad}
li>a,nav a{display:inline-block}
header.top{display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.5rem 1rem;background:#0b3d2e;color:#fff}
header.top a{color:#fff}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}
.hint{font-weight:400;font-size:.9rem;color:#333;margin:.1rem 0 .3rem}
input,select,textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #555;border-radius:6px;background:#fff;color:#111}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;margin:0 .6rem 0 0;flex:none}
.check{display:flex;align-items:flex-start;font-weight:400;margin:.5rem 0;min-height:1.5rem}
@supports selector(:has(a)){.if-other{display:none}form:has(#occupation option[value=other]:checked) .if-other{display:block}}
fieldset{border:0;padding:0;margin:.9rem 0 0}
legend{font-weight:600;padding:0;margin-bottom:.25rem}
:focus-visible{outline:3px solid #c60;outline-offset:2px}
button,.btn{display:inline-block;font:inherit;font-weight:700;padding:.8rem 1.1rem;border:0;border-radius:8px;background:#0b6e4f;color:#fff;text-decoration:none;text-align:center;cursor:pointer}
.btn.alt{background:#fff;color:#0b3d2e;border:2px solid #0b3d2e}
.block{display:block;width:100%;margin:.6rem 0}
.err{color:#b00020;font-weight:600;margin:.25rem 0 0}
[aria-invalid=true]{border-color:#b00020}
.alert{border:2px solid #b00020;background:#fff0f0;padding:.7rem;border-radius:6px}
.box{border:2px solid #0b3d2e;border-radius:8px;padding:.8rem;margin:.8rem 0}
.notice{font-size:.92rem;background:#f3f6f4;padding:.7rem;border-radius:6px}
.qr{display:block;width:100%;max-width:20rem;margin:.5rem auto;background:#fff}
.muted{color:#444;font-size:.9rem}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;vertical-align:top}
td,code{overflow-wrap:anywhere}
@media print{header.top,.noprint{display:none!important}}`;

/** Extra rules for staff pages (not sent to attendees). */
export const STAFF_CSS = `.staffnav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.5rem 0;border-bottom:2px solid #0b3d2e;margin-bottom:1rem}
.staffnav form{margin-left:auto}.staffnav .btn{padding:.3rem .6rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
.num{font-size:2rem;font-weight:700}
.scroll{overflow-x:auto}.files{display:block;margin-top:.2rem}`;
