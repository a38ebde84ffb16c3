import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExperimentResults } from '../pages/ExperimentResults';
import { ExperimentList } from '../pages/Experiments';
import type { Results } from '../experiments';
import { experiment, results, variantResult } from './fixtures';
import { FakeEventSource } from './fakeEventSource';
import { problem, renderRoute, stubApi, type Call } from './routes';

const ID = experiment().id;
const RESULTS = new RegExp(`^GET /api/experiments/${ID}/results$`);

beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function serve(answer: () => Results, more: [RegExp, (call: Call) => Response][] = []) {
  let token = 0;
  return stubApi([
    ...more,
    [RESULTS, () => Response.json(answer())],
    [/^POST \/api\/stream-tokens$/, () => Response.json({ token: `t${++token}`, tenant: 'x', expiresAt: 'later' })],
  ]);
}

const open = () => renderRoute(<ExperimentResults />, '/experiments/:id', `/experiments/${ID}`);
const resultCalls = (calls: Call[]) => calls.filter((c) => RESULTS.test(`${c.method} ${c.url}`)).length;

describe('the results page', () => {
  it('shows per-variant rates with labelled interval bars at 95% or 99%', async () => {
    serve(() => results());
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Subject lines' })).toBeInTheDocument();
    const a = screen.getByRole('row', { name: /a \(control\)/ });
    expect(within(a).getByText('20.0%')).toBeInTheDocument();
    expect(within(a).getByText('17.0% – 23.0%')).toBeInTheDocument();
    const chart = screen.getByRole('img', { name: /^Rates with 95% intervals\./ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('a (control): 20.0% (95% Wilson interval 17.0% to 23.0%)'));
    const bar = chart.querySelector('[data-row="b"] .interval-bar') as HTMLElement;
    expect(bar.dataset.lower).toBe(String(results().variants[1].wilson95.lower));
    expect(bar.style.left).toBe('65.09%'); // 22.78% on a scale from 0 to 35%
    const diff = screen.getByRole('img', { name: /^Differences with 95% intervals\./ });
    expect(diff).toHaveAccessibleName(expect.stringContaining('b − a: +6.0 pp (95% Newcombe interval +2.3 pp to +9.7 pp)'));
    expect(diff).toHaveAccessibleName(expect.stringContaining('The line marks no difference.'));
    await userEvent.setup().click(screen.getByRole('radio', { name: '99%' }));
    expect(screen.getByRole('img', { name: /^Rates with 99% intervals\./ })).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /b vs a/ })).getByText('+1.2 pp to +10.8 pp')).toBeInTheDocument();
  });

  it('tells significance by the sequential test and the chi-square as information only', async () => {
    serve(() => results());
    open();
    const section = await screen.findByRole('region', { name: 'Significance' });
    expect(section).toHaveTextContent('b vs a: sequential (always-valid) p-value 0.012 — significant at α = 0.05');
    expect(section).toHaveTextContent('For information only, never used to stop: naive chi-square χ² = 10.10, df 1, p = 0.002 (Yates-corrected)');
    const decision = screen.getByRole('region', { name: 'Recommended decision' });
    expect(decision).toHaveTextContent('Declare the winner — winner: b');
    expect(decision).toHaveTextContent('The always-valid interval of b excludes 0.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('raises the sample-ratio banner when the assignment does not match the weights', async () => {
    serve(() => results({
      variants: [variantResult('a', 200, 1000, 1000), variantResult('b', 150, 600, 600)],
      sampleRatio: { statistic: 62.5, pValue: 2.7e-15, threshold: 0.001, mismatch: true },
      recommendation: { decision: 'check_assignment', winner: null, reason: 'Assignment counts do not match.' },
    }));
    open();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Sample ratio mismatch');
    expect(banner).toHaveTextContent('goodness-of-fit p = < 0.001, flagged below 0.001');
    expect(banner).toHaveTextContent('a: 62.5% assigned, 50.0% intended');
    expect(screen.getByRole('region', { name: 'Recommended decision' })).toHaveTextContent('Check the assignment first');
  });

  it('says "no data yet" for an arm without trials instead of a rate or a bar', async () => {
    const empty = { ...variantResult('b', 0, 0), rate: null };
    const nothing = { lower: -1, upper: 1 };
    const [known] = results().comparisons;
    serve(() => results({
      variants: [variantResult('a', 0, 0), empty],
      comparisons: [{ ...known, difference: 0, newcombe95: nothing, newcombe99: nothing, wald95: nothing }],
    }));
    open();
    const rows = await screen.findAllByRole('row', { name: /^(a \(control\)|b) / });
    for (const row of rows) expect(within(row).getByText('no data yet')).toBeInTheDocument();
    const chart = screen.getByRole('img', { name: /^Rates with 95% intervals\./ });
    expect(chart).toHaveAccessibleName('Rates with 95% intervals. a (control): no data yet; b: no data yet.');
    expect(chart.querySelectorAll('.interval-bar')).toHaveLength(0);
    expect(screen.getByRole('img', { name: /^Differences/ })).toHaveAccessibleName(
      'Differences with 95% intervals. b − a: no data yet. The line marks no difference.');
    expect(within(screen.getByRole('row', { name: /b vs a/ })).getByText('no data yet')).toBeInTheDocument();
  });

  it('offers the moves the status allows and posts them', async () => {
    let status = 'running';
    const calls = serve(() => results({ experiment: experiment({ status: status as 'running' }) }), [
      [/^POST .*\/pause$/, () => {
        status = 'paused';
        return Response.json(experiment({ status: 'paused' }));
      }],
      [/^POST .*\/start$/, () => problem(409, 'Conflict', 'a stopped experiment cannot become running')],
    ]);
    open();
    const controls = await screen.findByRole('group', { name: 'Experiment controls' });
    expect(within(controls).getAllByRole('button').map((b) => b.textContent)).toEqual(['Pause', 'Stop…']);
    expect(screen.getByText('Running')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(controls).getByRole('button', { name: 'Pause' }));
    expect(calls.some((c) => c.method === 'POST' && c.url === `/api/experiments/${ID}/pause`)).toBe(true);
    await screen.findByText('Paused');
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Conflict: a stopped experiment cannot become running (HTTP 409)');
    await user.click(screen.getByRole('button', { name: 'Stop…' }));
    expect(screen.getByRole('group', { name: 'Confirm stop' })).toHaveTextContent('Stopping is final.');
  });

  it('refetches on live events from the experiment scope', async () => {
    const calls = serve(() => results());
    open();
    await screen.findByRole('heading', { level: 1, name: 'Subject lines' });
    await waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    expect(FakeEventSource.all[0].url).toContain(`scope=experiment%3A${ID}`);
    const before = resultCalls(calls);
    act(() => FakeEventSource.all[0].emit('snapshot', '1', { scope: `experiment:${ID}`, at: 'now', ranges: {} }));
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    await waitFor(() => expect(resultCalls(calls)).toBe(before + 1));
  });

  it('still works when the stream is refused: plain fetch and a Refresh button', async () => {
    const calls = serve(() => results(), [[/^POST \/api\/stream-tokens$/, () => problem(403, 'Forbidden', 'no streams')]]);
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Subject lines' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Offline'));
    expect(screen.getByText(/Live updates are unavailable/)).toBeInTheDocument();
    const before = resultCalls(calls);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(resultCalls(calls)).toBe(before + 1));
  });
});

describe('the experiment list', () => {
  it('shows name, distribution, status in words, metric and decision', () => {
    render(
      <MemoryRouter>
        <ExperimentList
          experiments={[
            experiment(),
            experiment({ id: 'e2', name: 'Send times', status: 'stopped', metric: 'view', winner: 'b',
              winnerReason: 'b won', distributionId: 'd0000000-unknown' }),
          ]}
          distributions={{ '00000000-0000-0000-0000-000000000000': 'Spring NPS' }}
        />
      </MemoryRouter>,
    );
    const first = screen.getByRole('row', { name: /Subject lines/ });
    expect(within(first).getByRole('link', { name: 'Subject lines' })).toHaveAttribute('href', `/experiments/${ID}`);
    expect(within(first).getByRole('link', { name: 'Spring NPS' })).toBeInTheDocument();
    expect(within(first).getByText('Running')).toBeInTheDocument();
    expect(within(first).getByText('Response rate')).toBeInTheDocument();
    expect(within(first).getByText('No winner yet')).toBeInTheDocument();
    const second = screen.getByRole('row', { name: /Send times/ });
    expect(within(second).getByText('d0000000')).toBeInTheDocument();
    expect(within(second).getByText('Stopped')).toBeInTheDocument();
    expect(within(second).getByText('View rate')).toBeInTheDocument();
    expect(second).toHaveTextContent('Winner: b');
  });

  it('says when there are none', () => {
    render(<MemoryRouter><ExperimentList experiments={[]} distributions={{}} /></MemoryRouter>);
    expect(screen.getByText('No experiments yet.')).toBeInTheDocument();
  });
});
