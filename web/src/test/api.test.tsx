import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
