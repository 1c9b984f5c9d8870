/**
 * Charts drawn on the server as SVG: readable with no JavaScript, every mark
 * with a text label and a <title>, the whole chart named by <title>/<desc>.
 * Bar charts size their bars in percent with text in pixels, so they stay
 * legible from 360 px to 1440 px; the heatmap keeps its size and scrolls.
 */
export type Bar = { label: string; value: number; note?: string };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function BarChart(p: { id: string; title: string; desc: string; bars: Bar[]; color?: string }) {
  const max = Math.max(1, ...p.bars.map((b) => b.value));
  const rowH = 46;
  return (
    <figure class="chart">
      <svg role="img" aria-labelledby={`${p.id}-t ${p.id}-d`} width="100%" height={p.bars.length * rowH + 4} xmlns="http://www.w3.org/2000/svg">
        <title id={`${p.id}-t`}>{p.title}</title>
        <desc id={`${p.id}-d`}>{p.desc}</desc>
        {p.bars.map((b, i) => {
          const y = i * rowH;
          // bars use at most 80% of the width, leaving room for the figure after them
          const pct = ((b.value / max) * 80).toFixed(2);
          const text = b.note ?? String(b.value);
          return (
            <g>
              <title>{`${b.label}: ${text}`}</title>
              <text x="0" y={y + 16} font-size="15" fill="#111">
                {clip(b.label, 70)}
              </text>
              <rect x="0" y={y + 22} width={`${pct}%`} height="16" rx="3" fill={p.color ?? "#0b6e4f"} />
              <text x={`${pct}%`} dx="6" y={y + 35} font-size="14" font-weight="700" fill="#111">
                {text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const SHADES = ["#d9f0e3", "#a8dcbf", "#6cc196", "#2f9e68", "#0b6e4f"];

/** Rows × columns of counts (booths × hours), darker where busier, each cell labelled. */
export function Heatmap(p: { id: string; title: string; desc: string; rows: string[]; cols: { key: string; day: string; hour: string }[]; cells: number[][]; cellTitle: (row: string, col: string, n: number) => string }) {
  const labelW = 180;
  const cw = 32;
  const ch = 28;
  const headH = 46;
  const width = labelW + p.cols.length * cw + 8;
  const height = headH + p.rows.length * ch + 4;
  const max = Math.max(1, ...p.cells.flat());
  return (
    <figure class="chart scroll">
      <svg role="img" aria-labelledby={`${p.id}-t ${p.id}-d`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" style="width:auto;max-width:none">
        <title id={`${p.id}-t`}>{p.title}</title>
        <desc id={`${p.id}-d`}>{p.desc}</desc>
        {p.cols.map((col, j) => {
          const x = labelW + j * cw;
          const newDay = j === 0 || p.cols[j - 1]!.day !== col.day;
          return (
            <g>
              {newDay ? (
                <text x={x + 2} y="16" font-size="13" font-weight="700" fill="#111">
                  {col.day}
                </text>
              ) : null}
              <text x={x + cw / 2} y={headH - 10} font-size="13" text-anchor="middle" fill="#333">
                {col.hour}
              </text>
            </g>
          );
        })}
        {p.rows.map((row, i) => {
          const y = headH + i * ch;
          return (
            <g>
              <text x="0" y={y + ch / 2 + 5} font-size="14" fill="#111">
                <title>{row}</title>
                {clip(row, 22)}
              </text>
              {p.cols.map((col, j) => {
                const n = p.cells[i]?.[j] ?? 0;
                const step = n ? Math.min(SHADES.length - 1, Math.ceil((n / max) * SHADES.length) - 1) : -1;
                const x = labelW + j * cw;
                return (
                  <g>
                    <title>{p.cellTitle(row, col.key, n)}</title>
                    <rect x={x + 1} y={y + 1} width={cw - 2} height={ch - 2} rx="3" fill={step < 0 ? "#f1f3f2" : SHADES[step]} />
                    {n ? (
                      <text x={x + cw / 2} y={y + ch / 2 + 5} font-size="12" font-weight="700" text-anchor="middle" fill={step >= 3 ? "#fff" : "#111"}>
                        {n}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
