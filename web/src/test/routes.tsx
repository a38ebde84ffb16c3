import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import { AuthProvider } from '../auth';

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A scripted API: each call is recorded and answered by the first route whose test matches "METHOD url". */
export function stubApi(routes: [RegExp, (call: Call) => Response | Promise<Response>][]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const route = routes.find(([pattern]) => pattern.test(`${call.method} ${url}`));
    if (route) return route[1](call);
    return Response.json({ title: 'Not Found', status: 404, detail: `no route for ${url}` }, { status: 404 });
  }));
  return calls;
}

export function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'https://funnelstream.io/problems/x', title, status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function Where() {
  const location = useLocation();
  return <p data-testid="location">{location.pathname}</p>;
}

/** Renders {@code element} at {@code path} (matching {@code pattern}) signed in, with the location shown. */
export function renderRoute(element: ReactElement, pattern: string, path: string) {
  sessionStorage.setItem('funnelstream.apiKey', 'fsk_k');
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={pattern} element={element} />
          <Route path="*" element={null} />
        </Routes>
        <Where />
      </MemoryRouter>
    </AuthProvider>,
  );
}
