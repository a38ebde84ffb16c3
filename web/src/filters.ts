import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The dashboard's filters, kept in the URL so that a view can be shared. */
export const RANGES = { '1h': 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 } as const;
export type RangeName = keyof typeof RANGES;
export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const BUCKETS = ['minute', 'hour', 'day'] as const;
export type BucketName = (typeof BUCKETS)[number];

export interface Filters {
  range: RangeName;
  channel: string;
  bucket: BucketName;
  sort: string;
  page: number;
}

const DEFAULTS: Filters = { range: '24h', channel: '', bucket: 'hour', sort: 'sent,desc', page: 0 };

export function readFilters(params: URLSearchParams): Filters {
  const range = params.get('range');
  const channel = params.get('channel') ?? '';
  const bucket = params.get('bucket');
  const page = Number(params.get('page') ?? '0');
  return {
    range: range && range in RANGES ? (range as RangeName) : DEFAULTS.range,
    channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
    bucket: bucket && (BUCKETS as readonly string[]).includes(bucket) ? (bucket as BucketName) : DEFAULTS.bucket,
    sort: params.get('sort') || DEFAULTS.sort,
    page: Number.isInteger(page) && page >= 0 ? page : 0,
  };
}

/** The start of the range as an ISO instant, rounded down to the minute so that refetches share a range. */
export function rangeStart(range: RangeName, now: number = Date.now()): string {
  const from = now - RANGES[range] * 1000;
  return new Date(Math.floor(from / 60000) * 60000).toISOString();
}

export function useFilters(): [Filters, (change: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const update = useCallback(
    (change: Partial<Filters>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [k, v] of Object.entries(change)) {
            const isDefault = v === DEFAULTS[k as keyof Filters] || v === '' || v === undefined;
            if (isDefault) next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return [filters, update];
}
