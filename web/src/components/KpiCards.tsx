import type { Metrics } from '../api';
import { count, duration, percent } from '../format';
import { channelHealth, type AlertsState, type Health } from '../health';

interface Kpi {
  label: string;
  value: string;
  detail?: string;
}

function kpis(m: Metrics): Kpi[] {
  const c = m.counts.messages;
  const r = m.rates;
  const ratio = (key: string) => {
    const rate = r[key];
    return rate ? `${count(rate.numerator)} / ${count(rate.denominator)}` : 'no denominator';
  };
  return [
    { label: 'Sent', value: count(c.sent) },
    { label: 'Delivered', value: count(c.delivered) },
    { label: 'Delivery rate', value: percent(r.delivery?.value), detail: ratio('delivery') },
    { label: 'Bounce rate', value: percent(r.bounce?.value), detail: ratio('bounce') },
    { label: 'Failed', value: count((c.failed ?? 0) + (c.undelivered ?? 0) + (c.dropped ?? 0)) },
    { label: 'Unique open rate', value: percent(r.uniqueOpen?.value), detail: ratio('uniqueOpen') },
    { label: 'Click rate', value: percent(r.click?.value), detail: ratio('click') },
    { label: 'Read rate', value: percent(r.read?.value), detail: ratio('read') },
    { label: 'View rate', value: percent(r.view?.value), detail: ratio('view') },
    { label: 'Response rate', value: percent(r.response?.value), detail: ratio('response') },
    {
      label: 'Response time p50',
      value: duration(m.responseTime.p50Ms),
      detail: `p90 ${duration(m.responseTime.p90Ms)}, mean ${duration(m.responseTime.meanMs)}`,
    },
  ];
}

/** One card per key metric. */
export function KpiCards({ metrics }: { metrics: Metrics }) {
  return (
    <ul className="kpis" aria-label="Key metrics">
      {kpis(metrics).map((k) => (
        <li key={k.label} className="kpi" data-kpi={k.label}>
          <span className="kpi-label">{k.label}</span>
          <span className="kpi-value">{k.value}</span>
          {k.detail && <span className="kpi-detail">{k.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

const HEALTH_TEXT: Record<Health, { icon: string; text: string }> = {
  green: { icon: '✓', text: 'Healthy' },
  amber: { icon: '!', text: 'Watch' },
  red: { icon: '✕', text: 'Unhealthy' },
  unknown: { icon: '?', text: 'Not enough data' },
};

/** Each channel's health against the alert thresholds: icon, word and colour, with the reasons. */
export function ChannelHealth({ channels, alerts }: { channels: Record<string, Metrics>; alerts: AlertsState }) {
  const names = ['email', 'sms', 'whatsapp'];
  return (
    <ul className="health" aria-label="Channel health">
      {names.map((name) => {
        const verdict = channelHealth(channels[name], alerts.thresholds, alerts.firing[name]);
        const label = HEALTH_TEXT[verdict.health];
        return (
          <li key={name} className={`health-card health-${verdict.health}`} data-channel={name}>
            <span className="health-channel">{name}</span>
            <span className="health-state">
              <span aria-hidden="true">{label.icon}</span> {label.text}
            </span>
            <span className="health-reasons">{verdict.reasons.join('; ')}</span>
          </li>
        );
      })}
    </ul>
  );
}
