import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAnalyticsStream } from '../useAnalyticsStream';
import { FakeEventSource } from './fakeEventSource';

const payload = (sent: number) => ({ scope: 'overview', at: 'now', ranges: { today: { counts: { 'stage.sent': sent } } } });

beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  let n = 0;
  vi.stubGlobal('fetch', vi.fn(async () => Response.json({ token: `t${++n}`, tenant: 'x', expiresAt: 'later' },
    { status: 201 })));
});

afterEach(() => vi.unstubAllGlobals());

describe('useAnalyticsStream', () => {
  it('goes live on the snapshot and counts every update', async () => {
    const { result } = renderHook(() => useAnalyticsStream('fsk_k', 'overview'));
    await waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    expect(FakeEventSource.all[0].url).toBe('/api/analytics/stream?scope=overview&token=t1');
    act(() => FakeEventSource.all[0].emit('snapshot', '1', payload(1)));
    expect(result.current.status).toBe('live');
    act(() => FakeEventSource.all[0].emit('delta', '2', payload(2)));
    expect(result.current.version).toBe(2);
    expect(result.current.latest?.ranges.today.counts['stage.sent']).toBe(2);
    expect(result.current.lastEventId).toBe('2');
  });

  it('says Reconnecting while the browser retries and Live again when events flow', async () => {
    const { result } = renderHook(() => useAnalyticsStream('fsk_k', 'overview'));
    await waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    const source = FakeEventSource.all[0];
    act(() => source.emit('snapshot', '1', payload(1)));
    act(() => source.fail(false));
    expect(result.current.status).toBe('reconnecting');
    act(() => source.open());
    expect(result.current.status).toBe('live');
  });

  it('asks for a new token after a refusal and resumes from the last event id', async () => {
    const { result } = renderHook(() => useAnalyticsStream('fsk_k', 'channel:sms', { maxBackoffMs: 1 }));
    await waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    act(() => FakeEventSource.all[0].emit('snapshot', '41', payload(1)));
    act(() => FakeEventSource.all[0].fail(true));
    expect(result.current.status).toBe('reconnecting');
    await waitFor(() => expect(FakeEventSource.all).toHaveLength(2));
    expect(FakeEventSource.all[1].url).toBe('/api/analytics/stream?scope=channel%3Asms&token=t2&lastEventId=41');
    act(() => FakeEventSource.all[1].emit('snapshot', '1', payload(3)));
    expect(result.current.status).toBe('live');
  });

  it('says Offline when failing longer than allowed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { result } = renderHook(() => useAnalyticsStream('fsk_k', 'overview', { offlineAfterMs: 1000 }));
      await waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
      act(() => FakeEventSource.all[0].fail(false));
      act(() => vi.advanceTimersByTime(1500));
      expect(result.current.status).toBe('offline');
    } finally {
      vi.useRealTimers();
    }
  });
});
