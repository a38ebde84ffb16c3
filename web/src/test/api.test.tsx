import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, prefetch } from '../api';
import { App } from '../App';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('sign-in', () => {
  it('shows a refused key as the problem detail, in words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      type: 'https://funnelstream.io/problems/unauthorized', title: 'Unauthorized', status: 401,
      detail: 'Unknown or revoked API key.',
    }), { status: 401, headers: { 'Content-Type': 'application/problem+json' } })));
    render(<App />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'fsk_wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unauthorized: Unknown or revoked API key. (HTTP 401)');
    expect(sessionStorage.getItem('funnelstream.apiKey')).toBeNull();
  });

  it('keeps an accepted key in session storage and shows the tenant', async () => {
    vi.stubGlobal('EventSource', class { close() {} addEventListener() {} });
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/me') {
        return Response.json({ tenant: '7d1c0c8e-0000-4000-8000-000000000001', role: 'admin', apiKeyId: 'k' });
      }
      return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }));
    render(<App />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), 'fsk_good');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('7d1c0c8e-0000-4000-8000-000000000001')).toBeInTheDocument();
    expect(sessionStorage.getItem('funnelstream.apiKey')).toBe('fsk_good');
  });
});

describe('prefetch', () => {
  it('hands a GET started before the first render to the first caller of that path, once', async () => {
    const fetch = vi.fn(async (url: string) => Response.json({ url, n: fetch.mock.calls.length }));
    vi.stubGlobal('fetch', fetch);
    prefetch('fsk_a', ['/api/me', '/api/analytics/alerts']);
    expect(fetch).toHaveBeenCalledTimes(2);

    expect(await apiFetch('fsk_a', '/api/me')).toEqual({ url: '/api/me', n: 1 });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await apiFetch('fsk_a', '/api/me')).toEqual({ url: '/api/me', n: 3 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('never hands one key\'s answer to another key, nor to a call that is not a plain GET', async () => {
    const fetch = vi.fn(async () => Response.json({ n: fetch.mock.calls.length }));
    vi.stubGlobal('fetch', fetch);
    prefetch('fsk_a', ['/api/stream-tokens']);
    await apiFetch('fsk_b', '/api/stream-tokens');
    await apiFetch('fsk_a', '/api/stream-tokens', { method: 'POST' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('passes a refusal on to whoever takes the answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }),
      { status: 401, headers: { 'Content-Type': 'application/problem+json' } })));
    prefetch('fsk_gone', ['/api/me']);
    await expect(apiFetch('fsk_gone', '/api/me')).rejects.toMatchObject({ status: 401 });
  });
});

describe('navigation', () => {
  it('leads from the header to the experiments, loaded on demand', async () => {
    sessionStorage.setItem('funnelstream.apiKey', 'fsk_good');
    vi.stubGlobal('EventSource', class { close() {} addEventListener() {} });
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/experiments') return Response.json([]);
      return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }));
    render(<App />);
    await userEvent.setup().click(screen.getByRole('link', { name: 'Experiments' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Experiments' })).toBeInTheDocument();
    expect(await screen.findByText('No experiments yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New experiment' })).toHaveAttribute('href', '/experiments/new');
  });
});
