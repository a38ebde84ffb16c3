/** The REST API the dashboard reads, with problem details (RFC 9457) turned into readable errors. */

export interface Rate {
  value: number;
  numerator: number;
  denominator: number;
}

export interface Metrics {
  counts: {
    messages: Record<string, number>;
    events: { opens: number; machineOpens: number; clicks: number; unknown: number };
    survey: Record<string, { recipients: number; events: number }>;
  };
  rates: Record<string, Rate | null>;
  responseTime: { count: number; meanMs: number | null; p50Ms: number | null; p90Ms: number | null };
}

export interface RangeInfo {
  from: string;
  to: string;
  resolution: string;
}

export interface Overview {
  range: RangeInfo;
  total: Metrics;
  channels: Record<string, Metrics>;
  providers: Record<string, Metrics>;
}

export interface FunnelStep {
  name: string;
  count: number;
  fromPrevious: Rate | null;
  fromFirst: Rate | null;
  dropOff: number;
  dropOffRate: Rate | null;
}

export interface Funnel {
  range: RangeInfo;
  steps: FunnelStep[];
}

export interface Bucket {
  start: string;
  end: string;
  day: string | null;
  metrics: Metrics;
}

export interface Timeline {
  bucket: string;
  timeZone: string;
  buckets: Bucket[];
}

export interface DistributionSummary {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  metrics: Metrics;
}

export interface DistributionPage {
  sort: string;
  page: number;
  size: number;
  totalElements: number;
  totalPages: number;
  truncated: boolean;
  items: DistributionSummary[];
}

export interface Failure {
  status: string;
  bounceClass: string | null;
  reason: string | null;
  errorCode: string | null;
  messages: number;
}

export interface DistributionReport {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  range: RangeInfo;
  total: Metrics;
  channels: Record<string, Metrics>;
  providers: Record<string, Metrics>;
  timeline: Timeline;
  failures: Failure[];
}

export interface Me {
  tenant: string;
  role: string;
  apiKeyId: string;
}

export interface StreamToken {
  token: string;
  tenant: string;
  expiresAt: string;
}

/** A failed call: the problem detail's title and detail, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads a problem detail (or any error body) into one sentence a person can act on. */
export async function toApiError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | undefined;
  let type: string | undefined;
  try {
    const body = (await response.json()) as { title?: string; detail?: string; type?: string };
    if (body.title) title = body.title;
    detail = body.detail;
    type = body.type;
  } catch {
    // not JSON: the status line is all there is
  }
  const message = detail ? `${title}: ${detail}` : title;
  return new ApiError(response.status, `${message} (HTTP ${response.status})`, type);
}

export type Query = Record<string, string | number | undefined | null>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GETs started before the first render, by key and path; each is handed out once, or dropped after a while. */
const early = new Map<string, Promise<unknown>>();
const EARLY_KEPT_MS = 10_000;

/**
 * Starts the GETs a page will make as soon as the script runs, before React has rendered: the answers are on their
 * way while the page draws. {@link apiFetch} of the same key and path takes the answer instead of asking again.
 */
export function prefetch(apiKey: string, paths: string[]): void {
  for (const path of paths) {
    const id = `${apiKey} ${path}`;
    const answer = apiFetch<unknown>(apiKey, path);
    answer.catch(() => undefined); // whoever takes it sees the error
    early.set(id, answer);
    setTimeout(() => early.get(id) === answer && early.delete(id), EARLY_KEPT_MS);
  }
}

/** Calls the API with the caller's key; throws an {@link ApiError} for any non-2xx answer. */
export async function apiFetch<T>(apiKey: string, path: string, init: RequestInit = {}): Promise<T> {
  const prefetched = init.method === undefined ? early.get(`${apiKey} ${path}`) : undefined;
  if (prefetched) {
    early.delete(`${apiKey} ${path}`);
    return prefetched as Promise<T>;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { ...(init.headers ?? {}), 'X-API-Key': apiKey, Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, 'The service cannot be reached. Is it running?');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
