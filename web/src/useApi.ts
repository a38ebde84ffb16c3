import { useEffect, useRef, useState } from 'react';
import { ApiError, apiFetch } from './api';
import { useAuth } from './auth';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * GETs a path with the signed-in key whenever the path or {@code refresh} changes. The last data stays on screen
 * while a refetch runs, so live updates do not flicker. A refresh that arrives while the same path is in flight
 * waits for it and then fetches once more, so a slow query is never abandoned for ever-newer ones. An unauthorised
 * answer signs out.
 */
export function useApi<T>(path: string | null, refresh: unknown = 0): Loaded<T> {
  const { apiKey, signOut } = useAuth();
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  const inFlight = useRef<string | null>(null);
  const again = useRef(false);
  const wanted = useRef<string | null>(null);

  useEffect(() => {
    wanted.current = path;
    if (!apiKey || path === null) return;
    if (inFlight.current === path) {
      again.current = true;
      return;
    }
    const load = (target: string) => {
      inFlight.current = target;
      again.current = false;
      setState((s) => ({ ...s, loading: true }));
      apiFetch<T>(apiKey, target)
        .then((data) => {
          if (wanted.current === target) setState({ data, error: null, loading: false });
        })
        .catch((error: unknown) => {
          if (wanted.current !== target) return;
          const apiError = error instanceof ApiError ? error : new ApiError(0, String(error));
          if (apiError.status === 401) signOut();
          setState((s) => ({ data: s.data, error: apiError, loading: false }));
        })
        .finally(() => {
          if (inFlight.current === target) inFlight.current = null;
          if (wanted.current === target && again.current) load(target);
          else if (wanted.current !== null && wanted.current !== target && inFlight.current === null) {
            load(wanted.current);
          }
        });
    };
    if (inFlight.current === null) load(path);
    // else: another path is in flight; its completion loads the wanted one
  }, [apiKey, path, refresh, signOut]);

  useEffect(() => () => {
    wanted.current = null;
  }, []);
  return state;
}

/**
 * A value that follows {@code value} at most once per {@code ms} (the last change always arrives). Mounting counts
 * as a change: a live stream's first snapshot, which comes while the page's first fetches are still running, waits
 * its turn instead of fetching everything again during the first load.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const [last, setLast] = useState(() => Date.now());
  useEffect(() => {
    if (Object.is(value, shown)) return undefined;
    const wait = Math.max(0, last + ms - Date.now());
    const timer = setTimeout(() => {
      setShown(value);
      setLast(Date.now());
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms, last]);
  return shown;
}
