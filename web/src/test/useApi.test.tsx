import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { useApi, useThrottled } from '../useApi';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('useApi', () => {
  it('finishes a slow query despite live refreshes, then fetches once more', async () => {
    sessionStorage.setItem('funnelstream.apiKey', 'fsk_k');
    const answers: ((r: Response) => void)[] = [];
    const fetch = vi.fn(() => new Promise<Response>((resolve) => answers.push(resolve)));
    vi.stubGlobal('fetch', fetch);
    const wrapper = ({ children }: { children: ReactNode }) => <AuthProvider>{children}</AuthProvider>;
    const { result, rerender } = renderHook(({ tick }) => useApi<{ n: number }>('/api/x', tick), {
      wrapper,
      initialProps: { tick: 0 },
    });
    rerender({ tick: 1 });
    rerender({ tick: 2 });
    expect(fetch).toHaveBeenCalledTimes(1);
    await act(async () => answers[0](Response.json({ n: 1 })));
    await waitFor(() => expect(result.current.data).toEqual({ n: 1 }));
    expect(fetch).toHaveBeenCalledTimes(2);
    await act(async () => answers[1](Response.json({ n: 2 })));
    await waitFor(() => expect(result.current.data).toEqual({ n: 2 }));
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('useThrottled', () => {
  it('counts mounting as a change: the first update waits out the interval, later ones follow at its pace', () => {
    vi.useFakeTimers();
    try {
      const { result, rerender } = renderHook(({ v }) => useThrottled(v, 1000), { initialProps: { v: 0 } });
      act(() => vi.advanceTimersByTime(100));
      rerender({ v: 1 });
      act(() => vi.advanceTimersByTime(800));
      expect(result.current).toBe(0);
      act(() => vi.advanceTimersByTime(100));
      expect(result.current).toBe(1);
      rerender({ v: 2 });
      rerender({ v: 3 });
      act(() => vi.advanceTimersByTime(999));
      expect(result.current).toBe(1);
      act(() => vi.advanceTimersByTime(1));
      expect(result.current).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
