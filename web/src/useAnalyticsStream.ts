import { useEffect, useRef, useState } from 'react';
import { ApiError, apiFetch, type StreamToken } from './api';

/** What the indicator shows: receiving, trying to get back, or given up for now (still retrying slowly). */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface StreamRange {
  from: string;
  to: string;
  counts: Record<string, number>;
  rates: Record<string, { value: number; numerator: number; denominator: number } | null>;
}

/** The JSON of a snapshot or delta event: absolute figures of the scope per trailing range. */
export interface StreamPayload {
  scope: string;
  at: string;
  ranges: Record<string, StreamRange>;
  changed?: Record<string, string[]>;
}

export interface AnalyticsStream {
  status: StreamStatus;
  latest: StreamPayload | null;
  /** rises with every snapshot or delta received: a dependency for refetching */
  version: number;
  lastEventId: string | null;
}

export interface StreamOptions {
  /** after failing this long the indicator says Offline (retries go on) */
  offlineAfterMs?: number;
  /** the longest wait between two retries of our own */
  maxBackoffMs?: number;
}

/**
 * Follows a scope's live stream ({@code GET /api/analytics/stream}). EventSource cannot send the API key, so each
 * connection first asks for a stream token. While the server is away the browser reconnects by itself and sends
 * {@code Last-Event-ID}; when that is refused (a token from an instance that restarted, or expired) the hook asks
 * for a new token and resumes from the last id it saw, given as {@code lastEventId}.
 */
export function useAnalyticsStream(apiKey: string | null, scope: string, options: StreamOptions = {}): AnalyticsStream {
  const offlineAfter = options.offlineAfterMs ?? 45_000;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const [state, setState] = useState<AnalyticsStream>({
    status: 'connecting',
    latest: null,
    version: 0,
    lastEventId: null,
  });
  const lastId = useRef<string | null>(null);

  useEffect(() => {
    if (!apiKey) return undefined;
    let stopped = false;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let offlineTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let failing = false;

    const setStatus = (status: StreamStatus) =>
      setState((s) => (s.status === status ? s : { ...s, status }));

    const recovered = () => {
      attempts = 0;
      failing = false;
      clearTimeout(offlineTimer);
      setStatus('live');
    };

    const failed = () => {
      if (!failing) {
        failing = true;
        offlineTimer = setTimeout(() => !stopped && failing && setStatus('offline'), offlineAfter);
        setStatus('reconnecting');
      }
    };

    const retryLater = () => {
      const delay = Math.min(maxBackoff, 500 * 2 ** attempts);
      attempts += 1;
      retryTimer = setTimeout(connect, delay);
    };

    const onEvent = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastId.current = event.lastEventId;
      let payload: StreamPayload;
      try {
        payload = JSON.parse(event.data) as StreamPayload;
      } catch {
        return;
      }
      recovered();
      setState((s) => ({
        status: 'live',
        latest: payload,
        version: s.version + 1,
        lastEventId: lastId.current,
      }));
    };

    async function connect() {
      if (stopped) return;
      let token: StreamToken;
      try {
        token = await apiFetch<StreamToken>(apiKey!, '/api/stream-tokens', { method: 'POST' });
      } catch (error) {
        if (stopped) return;
        failed();
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setStatus('offline');
          return;
        }
        retryLater();
        return;
      }
      if (stopped) return;
      const params = new URLSearchParams({ scope, token: token.token });
      if (lastId.current) params.set('lastEventId', lastId.current);
      source = new EventSource(`/api/analytics/stream?${params.toString()}`);
      source.addEventListener('snapshot', onEvent as EventListener);
      source.addEventListener('delta', onEvent as EventListener);
      source.onopen = () => recovered();
      source.onerror = () => {
        if (stopped || !source) return;
        failed();
        if (source.readyState === EventSource.CLOSED) {
          // Refused (e.g. a token the server no longer knows): a new token, resuming from the last id.
          source.close();
          source = null;
          retryLater();
        }
        // CONNECTING: the browser retries by itself, sending Last-Event-ID.
      };
    }

    setState((s) => ({ ...s, status: 'connecting' }));
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(offlineTimer);
      source?.close();
    };
  }, [apiKey, scope, offlineAfter, maxBackoff]);

  return state;
}
