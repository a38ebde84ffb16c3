import type { DistributionPage, Metrics } from '../api';

export function metrics(sent: number, delivered: number, bounced: number, failed = 0): Metrics {
  const rate = (n: number, d: number) => (d === 0 ? null : { value: n / d, numerator: n, denominator: d });
  return {
    counts: {
      messages: { sent, delivered, bounced, failed, undelivered: 0, dropped: 0, opened: 0 },
      events: { opens: 0, machineOpens: 0, clicks: 0, unknown: 0 },
      survey: {},
    },
    rates: {
      delivery: rate(delivered, sent),
      bounce: rate(bounced, sent),
      uniqueOpen: null,
      click: null,
      read: null,
      view: null,
      response: null,
    },
    responseTime: { count: 0, meanMs: null, p50Ms: null, p90Ms: null },
  };
}

export function page(names: string[]): DistributionPage {
  return {
    sort: 'sent,desc',
    page: 0,
    size: 10,
    totalElements: 25,
    totalPages: 3,
    truncated: false,
    items: names.map((name, i) => ({
      id: `00000000-0000-0000-0000-00000000000${i}`,
      name,
      status: 'sending',
      createdAt: '2026-11-25T10:00:00Z',
      metrics: metrics(100 - i, 90 - i, 2),
    })),
  };
}
