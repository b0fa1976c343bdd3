/**
 * Small inline SVG charts for the HTML report: drawn here as strings, with
 * no library, no script and nothing fetched, so the page works offline, in a
 * VS Code webview and in an email attachment. Every mark has its number
 * written beside it, so nothing depends on reading colour alone.
 */

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const COLOURS = {
  blue: '#1f5f99',
  green: '#2e7d32',
  amber: '#b35c00',
  red: '#c62828',
  grey: '#8a8f98',
  light: '#e8ecf1',
  ink: '#1d2430',
  muted: '#5b6573',
};

const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"`;

function fit(label: string, max: number): string {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export interface RateRow {
  label: string;
  /** 0..1 */
  rate: number;
  low: number;
  high: number;
  note: string;
}

/** Horizontal bars of rates on a 0-100% axis, each with its confidence interval as a whisker. */
export function rateChart(rows: RateRow[], caption: string): string {
  const labelW = 290;
  const plotW = 380;
  const valueW = 150;
  const rowH = 28;
  const top = 26;
  const width = labelW + plotW + valueW;
  const height = top + rows.length * rowH + 8;
  const x = (v: number) => labelW + v * plotW;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${height - 6}" stroke="${COLOURS.light}"/>`);
    parts.push(`<text x="${x(t)}" y="${top - 10}" font-size="11" fill="${COLOURS.muted}" text-anchor="middle">${t * 100}%</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const colour = r.high < 0.9 ? COLOURS.red : r.rate < 0.95 ? COLOURS.amber : COLOURS.green;
    parts.push(
      `<g><title>${esc(`${r.label}: ${pct(r.rate)} recorded (95% CI ${pct(r.low)}–${pct(r.high)}), ${r.note}`)}</title>` +
        `<text x="${labelW - 8}" y="${y + 17}" font-size="12" fill="${COLOURS.ink}" text-anchor="end">${esc(fit(r.label, 40))}</text>` +
        `<rect x="${labelW}" y="${y + 5}" width="${Math.max(1, r.rate * plotW).toFixed(1)}" height="16" rx="2" fill="${colour}" opacity="0.85"/>` +
        `<line x1="${x(r.low).toFixed(1)}" y1="${y + 13}" x2="${x(r.high).toFixed(1)}" y2="${y + 13}" stroke="${COLOURS.ink}" stroke-width="1.5"/>` +
        `<line x1="${x(r.low).toFixed(1)}" y1="${y + 7}" x2="${x(r.low).toFixed(1)}" y2="${y + 19}" stroke="${COLOURS.ink}" stroke-width="1.5"/>` +
        `<line x1="${x(r.high).toFixed(1)}" y1="${y + 7}" x2="${x(r.high).toFixed(1)}" y2="${y + 19}" stroke="${COLOURS.ink}" stroke-width="1.5"/>` +
        `<text x="${labelW + plotW + 10}" y="${y + 17}" font-size="12" fill="${COLOURS.ink}">${esc(pct(r.rate))} <tspan fill="${COLOURS.muted}">${esc(r.note)}</tspan></text></g>`,
    );
  });
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(caption)}" ${FONT}>${parts.join('')}</svg>`;
}

export interface Segment {
  label: string;
  value: number;
  colour: string;
}

/** One bar split into parts that add up to a whole, with a legend below. */
export function stackedBar(segments: Segment[], caption: string): string {
  const width = 820;
  const barH = 30;
  const total = segments.reduce((s, x) => s + x.value, 0);
  const parts: string[] = [];
  let x = 0;
  if (!total) parts.push(`<rect x="0" y="0" width="${width}" height="${barH}" rx="3" fill="${COLOURS.light}"/>`);
  for (const s of segments) {
    if (!total || !s.value) continue;
    const w = (s.value / total) * width;
    parts.push(`<g><title>${esc(`${s.label}: ${s.value.toLocaleString('en-GB')} (${pct(s.value / total)})`)}</title><rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${barH}" fill="${s.colour}"/>`);
    if (w > 44) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="20" font-size="12" fill="#fff" text-anchor="middle">${esc(pct(s.value / total))}</text>`);
    parts.push('</g>');
    x += w;
  }
  let lx = 0;
  segments.forEach((s) => {
    const text = `${s.label}: ${s.value.toLocaleString('en-GB')}`;
    parts.push(`<rect x="${lx}" y="${barH + 12}" width="12" height="12" fill="${s.colour}"/><text x="${lx + 17}" y="${barH + 22}" font-size="12" fill="${COLOURS.ink}">${esc(text)}</text>`);
    lx += 30 + text.length * 6.6;
  });
  return `<svg viewBox="0 0 ${width} ${barH + 30}" width="100%" role="img" aria-label="${esc(caption)}" ${FONT}>${parts.join('')}</svg>`;
}

export interface CountRow {
  label: string;
  count: number;
  colour: string;
  note?: string;
}

/** Horizontal bars of counts, longest first as given. */
export function countChart(rows: CountRow[], caption: string): string {
  const labelW = 300;
  const plotW = 390;
  const rowH = 24;
  const width = labelW + plotW + 130;
  const height = rows.length * rowH + 6;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const parts = rows.map((r, i) => {
    const y = i * rowH;
    const w = Math.max(1, (r.count / max) * plotW);
    return (
      `<g><title>${esc(`${r.label}: ${r.count.toLocaleString('en-GB')}${r.note ? ` (${r.note})` : ''}`)}</title>` +
      `<text x="${labelW - 8}" y="${y + 16}" font-size="12" fill="${COLOURS.ink}" text-anchor="end">${esc(fit(r.label, 42))}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="15" rx="2" fill="${r.colour}"/>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" font-size="12" fill="${COLOURS.ink}">${r.count.toLocaleString('en-GB')}${r.note ? ` <tspan fill="${COLOURS.muted}">${esc(r.note)}</tspan>` : ''}</text></g>`
    );
  });
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(caption)}" ${FONT}>${parts.join('')}</svg>`;
}
