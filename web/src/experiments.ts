/** The experiments API's JSON, and the checks it makes, so that the wizard can say what is wrong before posting. */

export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'stopped';

export const METRICS = [
  { value: 'delivery', label: 'Delivery rate', hint: 'a message reached the recipient' },
  { value: 'view', label: 'View rate', hint: 'the recipient opened the survey page' },
  { value: 'start', label: 'Start rate', hint: 'the recipient answered a first question' },
  { value: 'response', label: 'Response rate', hint: 'the recipient completed the survey' },
] as const;

export type MetricName = (typeof METRICS)[number]['value'];

/**
 * What a variant may change. A channel sends the variant's messages to each recipient's address on it; a recipient
 * with no address there fails under the variant (and still counts), so the variant measures reachability too.
 */
export const SETTINGS = ['template', 'subject', 'sendAt', 'channel'] as const;

/** The channels a variant may send on; '' keeps the channel each recipient was queued with. */
export const CHANNELS = [
  { value: '', label: "Each recipient's own channel" },
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'SMS' },
  { value: 'whatsapp', label: 'WhatsApp' },
] as const;
export type SettingName = (typeof SETTINGS)[number];

export interface VariantView {
  key: string;
  weight: number;
  settings: Record<string, string>;
}

export interface Experiment {
  id: string;
  distributionId: string;
  name: string;
  status: ExperimentStatus;
  metric: string;
  alpha: number;
  power: number;
  minimumDetectableEffect: number;
  maxSamplePerArm: number;
  testShare: number;
  deadline: string | null;
  variants: VariantView[];
  winner: string | null;
  winnerReason: string | null;
  createdAt: string;
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface VariantResult {
  key: string;
  weight: number;
  assigned: number;
  trials: number;
  successes: number;
  /** 0 from the API for an empty arm; null or NaN are read as "no rate" too */
  rate: number | null;
  wilson95: Interval;
  wilson99: Interval;
}

export interface Comparison {
  variant: string;
  control: string;
  difference: number;
  newcombe95: Interval;
  newcombe99: Interval;
  wald95: Interval;
  z: number;
  zPValue: number;
  sequential: { pValue: number; alwaysValidInterval: Interval; minimumCountsReached: boolean; significant: boolean };
}

export type Decision = 'keep_running' | 'declare_winner' | 'stop_no_difference' | 'deadline_winner' | 'check_assignment';

export interface Results {
  experiment: Experiment;
  variants: VariantResult[];
  comparisons: Comparison[];
  chiSquare: { statistic: number; degreesOfFreedom: number; pValue: number; yatesCorrected: boolean };
  sampleRatio: { statistic: number; pValue: number; threshold: number; mismatch: boolean };
  recommendation: { decision: Decision; winner: string | null; reason: string };
  computedAt: string;
}

export interface SampleSizeAnswer {
  baseline: number;
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
  perArmPooledVariance: number;
  perArmCohensH: number;
}

export const DECISIONS: Record<Decision, { icon: string; text: string }> = {
  keep_running: { icon: '…', text: 'Keep running' },
  declare_winner: { icon: '★', text: 'Declare the winner' },
  stop_no_difference: { icon: '=', text: 'Stop: no difference found' },
  deadline_winner: { icon: '⏱', text: 'Deadline: best observed variant wins' },
  check_assignment: { icon: '⚠', text: 'Check the assignment first' },
};

export const STATUSES: Record<ExperimentStatus, { icon: string; text: string }> = {
  draft: { icon: '✎', text: 'Draft' },
  running: { icon: '▶', text: 'Running' },
  paused: { icon: '⏸', text: 'Paused' },
  stopped: { icon: '■', text: 'Stopped' },
};

/** The moves the API allows: draft -> running <-> paused -> stopped (and draft -> stopped). */
export function allowedMoves(status: string): ('start' | 'pause' | 'stop')[] {
  switch (status) {
    case 'draft':
    case 'paused':
      return ['start', 'stop'];
    case 'running':
      return ['pause', 'stop'];
    default:
      return [];
  }
}

/** The observed rate, or null when there is none to speak of (no trials). */
export function rateOf(v: VariantResult): number | null {
  if (v.trials === 0 || v.rate === null || !Number.isFinite(v.rate)) return null;
  return v.rate;
}

// ---- the wizard's draft and the API's checks -------------------------------------------------------------------

export interface VariantDraft {
  key: string;
  weight: string;
  settings: Record<SettingName, string>;
}

export interface Draft {
  distributionId: string;
  distributionName: string;
  name: string;
  variants: VariantDraft[];
  testShare: string;
  deadline: string;
  metric: MetricName;
  alpha: '0.05' | '0.01';
  power: string;
  minimumDetectableEffect: string;
  baseline: string;
  maxSamplePerArm: string;
}

export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const WEIGHT_TOLERANCE = 1e-6;
export const MINIMUM_SAMPLE = 100;

export function emptyVariant(key: string, weight = ''): VariantDraft {
  return { key, weight, settings: { template: '', subject: '', sendAt: '', channel: '' } };
}

export function newDraft(): Draft {
  return {
    distributionId: '',
    distributionName: '',
    name: '',
    variants: [emptyVariant('a', '0.5'), emptyVariant('b', '0.5')],
    testShare: '1',
    deadline: '',
    metric: 'response',
    alpha: '0.05',
    power: '0.8',
    minimumDetectableEffect: '0.02',
    baseline: '0.2',
    maxSamplePerArm: '20000',
  };
}

/** Equal weights that sum to exactly 1 (the last one takes the rounding). */
export function evenWeights(n: number): string[] {
  const share = Math.floor((1 / n) * 1e4) / 1e4;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? (1 - share * (n - 1)).toFixed(4) : share.toFixed(4)))
    .map((w) => String(Number(w)));
}

/** The variants with equal weights. */
export function withEvenWeights(variants: VariantDraft[]): VariantDraft[] {
  const weights = evenWeights(variants.length);
  return variants.map((v, i) => ({ ...v, weight: weights[i] }));
}

const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export function weightSum(variants: VariantDraft[]): number {
  return variants.reduce((sum, v) => sum + (Number.isFinite(number(v.weight)) ? number(v.weight) : 0), 0);
}

/** Field name -> what is wrong with it, for one step of the wizard (1 to 4); the same rules as the API's 400s. */
export type Problems = Record<string, string>;

export function stepProblems(draft: Draft, step: number): Problems {
  const p: Problems = {};
  if (step === 1) {
    if (!draft.distributionId) p.distributionId = 'Choose the distribution whose recipients are split.';
    if (!draft.name.trim()) p.name = 'An experiment needs a name.';
  }
  if (step === 2) {
    if (draft.variants.length < 2) p.variants = `An experiment needs at least 2 variants, it has ${draft.variants.length}.`;
    const seen = new Set<string>();
    draft.variants.forEach((v, i) => {
      if (!KEY_PATTERN.test(v.key)) p[`key-${i}`] = 'A key is 1-40 of a-z, 0-9, _ and -, starting with a letter or digit.';
      else if (seen.has(v.key)) p[`key-${i}`] = `The key '${v.key}' is used twice.`;
      seen.add(v.key);
      if (v.settings.sendAt && Number.isNaN(Date.parse(v.settings.sendAt))) p[`sendAt-${i}`] = 'Not a date and time.';
    });
  }
  if (step === 3) {
    draft.variants.forEach((v, i) => {
      const w = number(v.weight);
      if (!(w > 0 && w <= 1)) p[`weight-${i}`] = 'A weight lies in (0, 1].';
    });
    const sum = weightSum(draft.variants);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) p.weights = `The weights must sum to 1; they sum to ${round(sum)}.`;
    const share = number(draft.testShare);
    if (!(share > 0 && share <= 1)) p.testShare = 'The test share lies in (0, 1].';
    if (draft.deadline && Number.isNaN(Date.parse(draft.deadline))) p.deadline = 'Not a date and time.';
  }
  if (step === 4) {
    if (!METRICS.some((m) => m.value === draft.metric)) p.metric = 'Choose delivery, view, start or response.';
    const alpha = number(draft.alpha);
    if (!(alpha > 0 && alpha < 0.5)) p.alpha = 'Alpha lies in (0, 0.5).';
    const power = number(draft.power);
    if (!(power > 0 && power < 1)) p.power = 'Power lies in (0, 1), e.g. 0.8.';
    const mde = number(draft.minimumDetectableEffect);
    if (!(mde > 0 && mde < 1)) p.minimumDetectableEffect = 'The minimum detectable effect lies in (0, 1), e.g. 0.02.';
    const max = number(draft.maxSamplePerArm);
    if (!(Number.isInteger(max) && max >= MINIMUM_SAMPLE)) {
      p.maxSamplePerArm = `The maximum sample per variant is a whole number of at least ${MINIMUM_SAMPLE}.`;
    }
  }
  return p;
}

/** Whether every step passes; the first failing step otherwise. */
export function firstInvalidStep(draft: Draft): number | null {
  for (let step = 1; step <= 4; step++) {
    if (Object.keys(stepProblems(draft, step)).length > 0) return step;
  }
  return null;
}

/** The sample-size query for the draft's inputs, or null while they cannot be answered (said why in the UI). */
export function sampleSizePath(draft: Draft): string | null {
  const baseline = number(draft.baseline);
  const effect = number(draft.minimumDetectableEffect);
  const power = number(draft.power);
  if (!(baseline > 0 && baseline < 1) || !(effect > 0 && baseline + effect <= 1) || !(power > 0 && power < 1)) {
    return null;
  }
  const q = new URLSearchParams({
    baseline: String(baseline),
    minimumDetectableEffect: String(effect),
    alpha: draft.alpha,
    power: String(power),
  });
  return `/api/experiments/sample-size?${q.toString()}`;
}

/** The body of POST /api/experiments: empty settings left out, local times as instants. */
export function toRequest(draft: Draft) {
  return {
    distributionId: draft.distributionId,
    name: draft.name.trim(),
    variants: draft.variants.map((v) => ({
      key: v.key,
      weight: Number(v.weight),
      settings: Object.fromEntries(
        SETTINGS.filter((s) => v.settings[s].trim() !== '').map((s) => [
          s,
          s === 'sendAt' ? new Date(v.settings[s]).toISOString() : v.settings[s].trim(),
        ]),
      ),
    })),
    metric: draft.metric,
    alpha: Number(draft.alpha),
    power: Number(draft.power),
    minimumDetectableEffect: Number(draft.minimumDetectableEffect),
    maxSamplePerArm: Number(draft.maxSamplePerArm),
    testShare: Number(draft.testShare),
    deadline: draft.deadline && Number(draft.testShare) < 1 ? new Date(draft.deadline).toISOString() : null,
  };
}

function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** The newest distributions (the analytics listing ranks the newest 1,000; 100 is the largest page). */
export const DISTRIBUTIONS_PATH = '/api/analytics/delivery/distributions?sort=createdAt,desc&size=100';
