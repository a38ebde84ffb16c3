/** Numbers as people read them. */

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = s / 60;
  if (m < 120) return `${m.toFixed(1)} min`;
  return `${(m / 60).toFixed(1)} h`;
}

export function time(iso: string, bucket: string): string {
  const d = new Date(iso);
  if (bucket === 'day') return d.toLocaleDateString('en', { month: 'short', day: 'numeric' });
  return d.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A difference of rates in percentage points, signed: "+1.2 pp". */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const pp = value * 100;
  const text = Math.abs(pp).toFixed(1);
  return `${pp > 0 && text !== '0.0' ? '+' : pp < 0 && text !== '0.0' ? '−' : ''}${text} pp`;
}

/** A p-value to three decimals, or "< 0.001". */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
