import type { Metrics } from './api';

/** Channel health from the alert thresholds: red past a threshold, amber close to it, green otherwise. */
export type Health = 'green' | 'amber' | 'red' | 'unknown';

export interface Thresholds {
  /** bounce rate above this is red */
  bounceRate: number;
  /** delivery rate below this is red */
  deliveryRate: number;
  /** the smallest number of sent messages a rate is judged on */
  minimumSample: number;
}

/** The alert defaults of the live dashboards issue, used until GET /api/analytics/alerts answers. */
export const DEFAULT_THRESHOLDS: Thresholds = { bounceRate: 0.05, deliveryRate: 0.95, minimumSample: 20 };

/** Within this share of a threshold a channel is amber. */
const AMBER_MARGIN = 0.4;

export interface HealthVerdict {
  health: Health;
  reasons: string[];
}

export function channelHealth(metrics: Metrics | undefined, t: Thresholds, firing: string[] = []): HealthVerdict {
  if (firing.length > 0) return { health: 'red', reasons: firing };
  if (!metrics) return { health: 'unknown', reasons: ['no messages'] };
  const sent = metrics.counts.messages.sent ?? 0;
  if (sent < t.minimumSample) return { health: 'unknown', reasons: [`fewer than ${t.minimumSample} sent`] };
  const reasons: string[] = [];
  let health: Health = 'green';
  const bounce = metrics.rates.bounce?.value;
  if (bounce !== undefined && bounce !== null) {
    if (bounce > t.bounceRate) {
      health = 'red';
      reasons.push(`bounce rate above ${pct(t.bounceRate)}`);
    } else if (bounce > t.bounceRate * (1 - AMBER_MARGIN)) {
      health = worse(health, 'amber');
      reasons.push(`bounce rate near ${pct(t.bounceRate)}`);
    }
  }
  const delivery = metrics.rates.delivery?.value;
  if (delivery !== undefined && delivery !== null) {
    if (delivery < t.deliveryRate) {
      health = 'red';
      reasons.push(`delivery rate below ${pct(t.deliveryRate)}`);
    } else if (delivery < t.deliveryRate + (1 - t.deliveryRate) * AMBER_MARGIN) {
      health = worse(health, 'amber');
      reasons.push(`delivery rate near ${pct(t.deliveryRate)}`);
    }
  }
  return { health, reasons: reasons.length ? reasons : ['within thresholds'] };
}

function worse(a: Health, b: Health): Health {
  const order: Health[] = ['unknown', 'green', 'amber', 'red'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

function pct(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

export interface AlertsState {
  thresholds: Thresholds;
  /** firing alerts per channel ('' for the whole tenant), as sentences */
  firing: Record<string, string[]>;
  /** false when the alerts API is not there (404) and the defaults apply */
  available: boolean;
}

/**
 * Reads GET /api/analytics/alerts leniently: thresholds may come as {thresholds: {bounceRate, deliveryRate,
 * minimumSample}} and alerts as a list of {metric, channel|scope, state|firing, message|detail}.
 */
export function parseAlerts(body: unknown): AlertsState {
  const out: AlertsState = { thresholds: { ...DEFAULT_THRESHOLDS }, firing: {}, available: true };
  if (!body || typeof body !== 'object') return out;
  const record = body as Record<string, unknown>;
  const t = (record.thresholds ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  out.thresholds.bounceRate = num(t.bounceRate) ?? num(t.bounceRateAbove) ?? out.thresholds.bounceRate;
  out.thresholds.deliveryRate = num(t.deliveryRate) ?? num(t.deliveryRateBelow) ?? out.thresholds.deliveryRate;
  out.thresholds.minimumSample = num(t.minimumSample) ?? num(t.minSample) ?? out.thresholds.minimumSample;
  const list = Array.isArray(body) ? body : Array.isArray(record.alerts) ? record.alerts : [];
  for (const item of list as Record<string, unknown>[]) {
    const state = String(item.state ?? (item.firing === false ? 'resolved' : 'firing')).toLowerCase();
    if (state !== 'firing' && state !== 'active' && state !== 'open') continue;
    const scope = String(item.channel ?? item.scope ?? '');
    const channel = scope.startsWith('channel:') ? scope.slice('channel:'.length) : scope === 'overview' ? '' : scope;
    const text = String(item.message ?? item.detail ?? item.metric ?? item.rule ?? 'alert firing');
    (out.firing[channel] ??= []).push(text);
  }
  return out;
}
