import { useEffect, useState } from 'react';
import { apiFetch, ApiError } from './api';
import { useAuth } from './auth';
import { DEFAULT_THRESHOLDS, parseAlerts, type AlertsState } from './health';

const FALLBACK: AlertsState = { thresholds: DEFAULT_THRESHOLDS, firing: {}, available: false };

/** The tenant's alert thresholds and firing alerts; the defaults when the alerts API is absent or fails. */
export function useAlerts(refresh: unknown): AlertsState {
  const { apiKey } = useAuth();
  const [state, setState] = useState<AlertsState>(FALLBACK);
  useEffect(() => {
    if (!apiKey) return undefined;
    let current = true;
    apiFetch<unknown>(apiKey, '/api/analytics/alerts')
      .then((body) => current && setState(parseAlerts(body)))
      .catch((e: unknown) => current && e instanceof ApiError && setState(FALLBACK));
    return () => {
      current = false;
    };
  }, [apiKey, refresh]);
  return state;
}
