import { useEffect, useState } from 'react';
import { apiFetch, ApiError } from './api';
import { useAuth } from './auth';
import { DEFAULT_THRESHOLDS, parseAlerts, type AlertsState } from './health';

const FALLBACK: AlertsState = { thresholds: DEFAULT_THRESHOLDS, firing: {}, available: false };

/**
 * The tenant's alert thresholds and firing alerts; the defaults when the alerts API is absent or fails. Follows
 * live updates while the API answers; once it has said 404 it is asked again only on a new sign-in.
 */
export function useAlerts(refresh: unknown): AlertsState {
  const { apiKey } = useAuth();
  const [state, setState] = useState<AlertsState>(FALLBACK);
  const [absent, setAbsent] = useState(false);
  useEffect(() => {
    if (!apiKey || absent) return undefined;
    let current = true;
    apiFetch<unknown>(apiKey, '/api/analytics/alerts')
      .then((body) => current && setState(parseAlerts(body)))
      .catch((e: unknown) => {
        if (!current) return;
        setState(FALLBACK);
        if (e instanceof ApiError && e.status === 404) setAbsent(true);
      });
    return () => {
      current = false;
    };
  }, [apiKey, refresh, absent]);
  return state;
}
