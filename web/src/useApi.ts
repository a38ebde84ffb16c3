import { useEffect, useState } from 'react';
import { ApiError, apiFetch } from './api';
import { useAuth } from './auth';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * GETs a path with the signed-in key whenever the path or {@code refresh} changes. The last data stays on screen
 * while a refetch runs, so live updates do not flicker; an unauthorised answer signs out.
 */
export function useApi<T>(path: string | null, refresh: unknown = 0): Loaded<T> {
  const { apiKey, signOut } = useAuth();
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useEffect(() => {
    if (!apiKey || path === null) return undefined;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    apiFetch<T>(apiKey, path)
      .then((data) => current && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => {
        if (!current) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, String(error));
        if (apiError.status === 401) signOut();
        setState((s) => ({ data: s.data, error: apiError, loading: false }));
      });
    return () => {
      current = false;
    };
  }, [apiKey, path, refresh, signOut]);
  return state;
}

/** A value that follows {@code value} at most once per {@code ms} (the last change always arrives). */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const [last, setLast] = useState(0);
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
