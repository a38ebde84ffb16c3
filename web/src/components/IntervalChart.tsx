import type { Interval } from '../experiments';
import { Chart } from './Chart';

export interface IntervalRow {
  key: string;
  label: string;
  /** null: nothing observed yet, drawn as "no data" */
  estimate: number | null;
  interval: Interval | null;
}

interface Props {
  id: string;
  title: string;
  rows: IntervalRow[];
  /** the scale's ends */
  domain: [number, number];
  /** a vertical line to compare with (0 for differences) */
  reference?: { value: number; label: string };
  format(value: number): string;
  /** how the interval is named in words, e.g. "95% Wilson interval" */
  intervalName: string;
}

const position = (value: number, [min, max]: [number, number]) =>
  `${(Math.min(1, Math.max(0, (value - min) / (max - min || 1))) * 100).toFixed(2)}%`;

/** One sentence per row: the estimate and its interval, or that there is none. */
export function describeRow(row: IntervalRow, format: (v: number) => string, intervalName: string): string {
  if (row.estimate === null || row.interval === null) return `${row.label}: no data yet`;
  return `${row.label}: ${format(row.estimate)} (${intervalName} ${format(row.interval.lower)} to ` +
    `${format(row.interval.upper)})`;
}

/**
 * Estimates with their intervals as horizontal bars on one shared scale: a dot for the estimate, a bar for the
 * interval, and an optional reference line. The figure's label says the same in words.
 */
export function IntervalChart({ id, title, rows, domain, reference, format, intervalName }: Props) {
  const summary = rows.map((r) => describeRow(r, format, intervalName)).join('; ') +
    (reference ? `. The line marks ${reference.label}.` : '.');
  return (
    <Chart id={id} title={title} summary={summary}>
      <div className="intervals">
        {rows.map((r) => (
          <div className="interval-row" key={r.key} data-row={r.key} title={describeRow(r, format, intervalName)}>
            <span className="interval-label">{r.label}</span>
            <span className="interval-track">
              {reference && (
                <span className="interval-reference" style={{ left: position(reference.value, domain) }} />
              )}
              {r.estimate !== null && r.interval !== null ? (
                <>
                  <span
                    className="interval-bar"
                    data-lower={r.interval.lower}
                    data-upper={r.interval.upper}
                    style={{
                      left: position(r.interval.lower, domain),
                      width: `calc(${position(r.interval.upper, domain)} - ${position(r.interval.lower, domain)})`,
                    }}
                  />
                  <span className="interval-estimate" style={{ left: position(r.estimate, domain) }} />
                </>
              ) : (
                <span className="interval-empty">no data yet</span>
              )}
            </span>
          </div>
        ))}
        <div className="interval-row interval-axis">
          <span className="interval-label" />
          <span className="interval-track">
            <span style={{ left: 0 }}>{format(domain[0])}</span>
            <span style={{ right: 0 }}>{format(domain[1])}</span>
          </span>
        </div>
      </div>
    </Chart>
  );
}

/** A scale from 0 that holds every interval's upper end, with some room, at most 1. */
export function rateDomain(intervals: (Interval | null)[]): [number, number] {
  const top = Math.max(0.01, ...intervals.map((i) => (i ? i.upper : 0)));
  return [0, Math.min(1, niceCeil(top * 1.1))];
}

/** A scale symmetric around 0 that holds every interval. */
export function differenceDomain(intervals: Interval[]): [number, number] {
  const reach = Math.max(0.01, ...intervals.flatMap((i) => [Math.abs(i.lower), Math.abs(i.upper)]));
  const end = Math.min(1, niceCeil(reach * 1.1));
  return [-end, end];
}

function niceCeil(x: number): number {
  const step = 10 ** Math.floor(Math.log10(x)) / 2;
  return Math.ceil(x / step) * step;
}
