import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { DistributionsTable } from '../components/DistributionsTable';
import { ChannelHealth, KpiCards } from '../components/KpiCards';
import { LiveIndicator } from '../components/LiveIndicator';
import { ComparisonChart, FunnelChart } from '../components/Charts';
import { chartsSettled, FunnelChart as LoadedFunnelChart } from '../components/LazyCharts';
import { DEFAULT_THRESHOLDS, parseAlerts } from '../health';
import { metrics, page } from './fixtures';

describe('KpiCards', () => {
  it('shows a card for every key metric with its ratio', () => {
    render(<KpiCards metrics={metrics(200, 190, 4)} />);
    const cards = screen.getByRole('list', { name: 'Key metrics' });
    for (const label of ['Sent', 'Delivered', 'Delivery rate', 'Bounce rate', 'Failed', 'Unique open rate',
      'Click rate', 'Read rate', 'View rate', 'Response rate', 'Response time p50']) {
      expect(within(cards).getByText(label)).toBeInTheDocument();
    }
    expect(within(cards).getByText('95.0%')).toBeInTheDocument();
    expect(within(cards).getByText('190 / 200')).toBeInTheDocument();
  });
});

describe('ChannelHealth', () => {
  const alerts = { thresholds: DEFAULT_THRESHOLDS, firing: {}, available: false };

  it('says health in words and icons, not colour alone', () => {
    render(
      <ChannelHealth
        alerts={alerts}
        channels={{ email: metrics(100, 99, 8), sms: metrics(100, 99, 0), whatsapp: metrics(100, 96, 0) }}
      />,
    );
    const card = (name: string) => screen.getByText(name).closest('li') as HTMLElement;
    expect(within(card('email')).getByText(/Unhealthy/)).toBeInTheDocument();
    expect(within(card('email')).getByText(/bounce rate above 5%/)).toBeInTheDocument();
    expect(within(card('sms')).getByText(/Healthy/)).toBeInTheDocument();
    expect(within(card('whatsapp')).getByText(/Watch/)).toBeInTheDocument();
  });

  it('turns a channel red when the alerts API says an alert fires there, whatever the rates', () => {
    const firing = parseAlerts({ alerts: [{ scope: 'channel:sms', state: 'firing', message: 'webhook failures' }] });
    render(<ChannelHealth alerts={firing} channels={{ sms: metrics(100, 100, 0) }} />);
    const sms = screen.getByText('sms').closest('li') as HTMLElement;
    expect(within(sms).getByText(/Unhealthy/)).toBeInTheDocument();
    expect(within(sms).getByText('webhook failures')).toBeInTheDocument();
  });

  it('reads per-tenant thresholds from the alerts API', () => {
    const parsed = parseAlerts({ thresholds: { bounceRate: 0.1, deliveryRate: 0.9, minimumSample: 5 }, alerts: [] });
    expect(parsed.thresholds).toEqual({ bounceRate: 0.1, deliveryRate: 0.9, minimumSample: 5 });
  });
});

describe('LiveIndicator', () => {
  it.each([
    ['live', 'Live'],
    ['reconnecting', 'Reconnecting'],
    ['offline', 'Offline'],
  ] as const)('announces %s as text', (status, text) => {
    render(<LiveIndicator status={status} />);
    expect(screen.getByRole('status')).toHaveTextContent(text);
  });
});

describe('FunnelChart', () => {
  it('is labelled and writes the drop-off of each stage', () => {
    const rate = (v: number) => ({ value: v, numerator: 0, denominator: 0 });
    render(
      <FunnelChart
        steps={[
          { name: 'sent', count: 100, fromPrevious: null, fromFirst: rate(1), dropOff: 0, dropOffRate: null },
          { name: 'delivered', count: 80, fromPrevious: rate(0.8), fromFirst: rate(0.8), dropOff: 20,
            dropOffRate: rate(0.2) },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: /Response funnel\. sent 100; delivered 80, 20\.0% dropped/ }))
      .toBeInTheDocument();
    expect(screen.getByText(/20 dropped \(20\.0%\)/)).toBeInTheDocument();
  });

  it('draws from the charts chunk once it has loaded, in the same render as its data', async () => {
    await chartsSettled();
    render(
      <LoadedFunnelChart
        steps={[{ name: 'sent', count: 7, fromPrevious: null, fromFirst: null, dropOff: 0, dropOffRate: null }]}
      />,
    );
    expect(screen.getByRole('img', { name: /Response funnel\. sent 7/ })).toBeInTheDocument();
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });
});

describe('ComparisonChart', () => {
  it('names every series in its legend, in words beside the colour', () => {
    render(<ComparisonChart id="c" title="Channels compared" groups={{ email: metrics(10, 9, 1) }} />);
    const legend = document.querySelector('.legend') as HTMLElement;
    expect([...legend.querySelectorAll('li')].map((li) => li.textContent)).toEqual(
      ['sent', 'delivered', 'bounced', 'failed']);
  });
});

describe('DistributionsTable', () => {
  it('sorts by a column from the keyboard and pages', async () => {
    const onSort = vi.fn();
    const onPage = vi.fn();
    render(
      <MemoryRouter>
        <DistributionsTable page={page(['Spring NPS', 'Onboarding'])} sort="sent,desc" onSort={onSort} onPage={onPage}
          search="?range=7d" />
      </MemoryRouter>,
    );
    expect(screen.getByRole('columnheader', { name: /Sent/ })).toHaveAttribute('aria-sort', 'descending');
    const user = userEvent.setup();
    screen.getByRole('button', { name: /Bounce rate/ }).focus();
    await user.keyboard('{Enter}');
    expect(onSort).toHaveBeenCalledWith('bounceRate,desc');
    await user.click(screen.getByRole('button', { name: /Sent/ }));
    expect(onSort).toHaveBeenCalledWith('sent,asc');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(onPage).toHaveBeenCalledWith(1);
    expect(screen.getByRole('link', { name: 'Spring NPS' })).toHaveAttribute(
      'href', '/distributions/00000000-0000-0000-0000-000000000000?range=7d');
  });
});
