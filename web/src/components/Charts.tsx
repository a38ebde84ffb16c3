import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { FunnelStep, Metrics, Timeline } from '../api';
import { count, percent, time } from '../format';
import { Chart, COLOURS } from './Chart';

const HEIGHT = 260;
const INITIAL = { width: 600, height: HEIGHT };

/** The series of the comparison and timeline charts, in the order they are drawn. */
const SERIES = ['sent', 'delivered', 'bounced', 'failed'] as const;

/**
 * The series' colours, named: plain HTML under the chart. Recharts' own legend measures itself after drawing and
 * makes the chart lay out and draw a second time.
 */
function SeriesLegend() {
  return (
    <ul className="legend">
      {SERIES.map((name) => (
        <li key={name}>
          <span className="swatch" style={{ background: COLOURS[name] }} />
          {name}
        </li>
      ))}
    </ul>
  );
}

function failedOf(m: Metrics): number {
  const c = m.counts.messages;
  return (c.failed ?? 0) + (c.undelivered ?? 0) + (c.dropped ?? 0);
}

/** Sent, delivered, bounced and failed side by side per channel (or provider). */
export function ComparisonChart({ id, title, groups }: { id: string; title: string; groups: Record<string, Metrics> }) {
  const rows = Object.entries(groups).map(([name, m]) => ({
    name,
    sent: m.counts.messages.sent ?? 0,
    delivered: m.counts.messages.delivered ?? 0,
    bounced: m.counts.messages.bounced ?? 0,
    failed: failedOf(m),
  })).filter((r) => r.sent + r.delivered + r.bounced + r.failed > 0);
  const summary = rows.length
    ? rows
        .map((r) => `${r.name}: ${count(r.sent)} sent, ${count(r.delivered)} delivered, ${count(r.bounced)} bounced, ` +
          `${count(r.failed)} failed`)
        .join('; ')
    : 'No messages in this range.';
  return (
    <Chart id={id} title={title} summary={summary}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <BarChart data={rows} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="sent" fill={COLOURS.sent} isAnimationActive={false} />
          <Bar dataKey="delivered" fill={COLOURS.delivered} isAnimationActive={false} />
          <Bar dataKey="bounced" fill={COLOURS.bounced} isAnimationActive={false} />
          <Bar dataKey="failed" fill={COLOURS.failed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <SeriesLegend />
    </Chart>
  );
}

/** The response funnel as bars, with the drop-off at each stage written out beneath. */
export function FunnelChart({ steps }: { steps: FunnelStep[] }) {
  const summary = steps
    .map((s) => `${s.name} ${count(s.count)}${s.dropOffRate ? `, ${percent(s.dropOffRate.value)} dropped` : ''}`)
    .join('; ');
  return (
    <Chart id="funnel" title="Response funnel" summary={summary || 'No messages in this range.'}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <BarChart data={steps} layout="vertical" accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={90} />
          <Tooltip />
          <Bar dataKey="count" name="recipients" fill={COLOURS.completed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ol className="funnel-steps" aria-label="Drop-off per stage">
        {steps.map((s) => (
          <li key={s.name} data-step={s.name}>
            <strong>{s.name}</strong> {count(s.count)}
            {s.fromPrevious && <> ({percent(s.fromPrevious.value)} of previous)</>}
            {s.dropOffRate && (
              <span className="drop">
                {' '}
                − {count(s.dropOff)} dropped ({percent(s.dropOffRate.value)})
              </span>
            )}
          </li>
        ))}
      </ol>
    </Chart>
  );
}

/** Counts bucket by bucket. */
export function TimelineChart({ timeline, id = 'timeline' }: { timeline: Timeline; id?: string }) {
  const rows = timeline.buckets.map((b) => ({
    at: time(b.start, timeline.bucket),
    sent: b.metrics.counts.messages.sent ?? 0,
    delivered: b.metrics.counts.messages.delivered ?? 0,
    bounced: b.metrics.counts.messages.bounced ?? 0,
    failed: failedOf(b.metrics),
  }));
  const total = rows.reduce((n, r) => n + r.sent, 0);
  const peak = rows.reduce((best, r) => (r.sent > best.sent ? r : best), rows[0] ?? { at: '', sent: 0 });
  const summary = `${rows.length} ${timeline.bucket} buckets, ${count(total)} sent` +
    (peak && peak.sent > 0 ? `, most at ${peak.at} (${count(peak.sent)})` : '');
  return (
    <Chart id={id} title={`Timeline by ${timeline.bucket}`} summary={summary}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <AreaChart data={rows} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Area dataKey="sent" stroke={COLOURS.sent} fill={COLOURS.sent} fillOpacity={0.15} isAnimationActive={false} />
          <Area dataKey="delivered" stroke={COLOURS.delivered} fill={COLOURS.delivered} fillOpacity={0.15}
            isAnimationActive={false} />
          <Area dataKey="bounced" stroke={COLOURS.bounced} fill={COLOURS.bounced} fillOpacity={0.15}
            isAnimationActive={false} />
          <Area dataKey="failed" stroke={COLOURS.failed} fill={COLOURS.failed} fillOpacity={0.15}
            isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
      <SeriesLegend />
    </Chart>
  );
}
