import type { DistributionPage, Metrics } from '../api';
import type { Experiment, Results, VariantResult } from '../experiments';

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

export function experiment(overrides: Partial<Experiment> = {}): Experiment {
  return {
    id: 'e0000000-0000-4000-8000-000000000001',
    distributionId: '00000000-0000-0000-0000-000000000000',
    name: 'Subject lines',
    status: 'running',
    metric: 'response',
    alpha: 0.05,
    power: 0.8,
    minimumDetectableEffect: 0.02,
    maxSamplePerArm: 20000,
    testShare: 1,
    deadline: null,
    variants: [
      { key: 'a', weight: 0.5, settings: { subject: 'Hi' } },
      { key: 'b', weight: 0.5, settings: { subject: 'Your view counts' } },
    ],
    winner: null,
    winnerReason: null,
    createdAt: '2026-11-25T10:00:00Z',
    ...overrides,
  };
}

/** A variant's figures: Wilson intervals around the observed rate (wider at 99%). */
export function variantResult(key: string, successes: number, trials: number, assigned = trials): VariantResult {
  const rate = trials === 0 ? 0 : successes / trials;
  const half = trials === 0 ? 0.5 : 1.96 * Math.sqrt((rate * (1 - rate)) / trials) + 0.005;
  const around = (h: number) => (trials === 0 ? { lower: 0, upper: 1 } : { lower: Math.max(0, rate - h), upper: Math.min(1, rate + h) });
  return { key, weight: 0.5, assigned, trials, successes, rate, wilson95: around(half), wilson99: around(half * 1.3) };
}

export function results(overrides: Partial<Results> = {}): Results {
  return {
    experiment: experiment(),
    variants: [variantResult('a', 200, 1000), variantResult('b', 260, 1000)],
    comparisons: [{
      variant: 'b',
      control: 'a',
      difference: 0.06,
      newcombe95: { lower: 0.0231, upper: 0.0967 },
      newcombe99: { lower: 0.0118, upper: 0.1082 },
      wald95: { lower: 0.0235, upper: 0.0965 },
      z: 3.18,
      zPValue: 0.0015,
      sequential: { pValue: 0.012, alwaysValidInterval: { lower: 0.004, upper: 0.116 }, minimumCountsReached: true,
        significant: true },
    }],
    chiSquare: { statistic: 10.1, degreesOfFreedom: 1, pValue: 0.0015, yatesCorrected: true },
    sampleRatio: { statistic: 0, pValue: 1, threshold: 0.001, mismatch: false },
    recommendation: { decision: 'declare_winner', winner: 'b', reason: 'The always-valid interval of b excludes 0.' },
    computedAt: '2026-11-25T12:00:00Z',
    ...overrides,
  };
}
