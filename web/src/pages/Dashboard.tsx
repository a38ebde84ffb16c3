import { useMemo } from 'react';
import { queryString, type DistributionPage, type Funnel, type Overview, type Timeline } from '../api';
import { useAuth } from '../auth';
import { ComparisonChart, FunnelChart, TimelineChart } from '../components/LazyCharts';
import { DistributionsTable } from '../components/DistributionsTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { FilterBar } from '../components/FilterBar';
import { ChannelHealth, KpiCards } from '../components/KpiCards';
import { LiveIndicator } from '../components/LiveIndicator';
import { rangeStart, useFilters, type Filters } from '../filters';
import { useAlerts } from '../useAlerts';
import { useAnalyticsStream } from '../useAnalyticsStream';
import { useApi, useThrottled } from '../useApi';
import { useLocation } from 'react-router-dom';

/** The API paths of the dashboard's figures for these filters and this range start. */
export function dashboardPaths(filters: Filters, from: string) {
  const { channel, bucket, sort, page } = filters;
  const delivery = '/api/analytics/delivery';
  return {
    overview: `${delivery}/overview${queryString({ from })}`,
    funnel: `${delivery}/funnel${queryString({ from, channel })}`,
    timeline: `${delivery}/timeline${queryString({ from, channel, bucket })}`,
    distributions: `${delivery}/distributions${queryString({ from, sort, page, size: 10 })}`,
  };
}

/** Delivery across the tenant: KPIs and health, channels, funnel, timeline and the distributions. */
export function Dashboard() {
  const { apiKey } = useAuth();
  const [filters, setFilters] = useFilters();
  const location = useLocation();
  const stream = useAnalyticsStream(apiKey, filters.channel ? `channel:${filters.channel}` : 'overview');
  const refresh = useThrottled(stream.version, 1000);
  // A new range start only when the filters change or an update arrives: refetches then see new minutes.
  const from = useMemo(() => rangeStart(filters.range), [filters.range, refresh]); // eslint-disable-line
  const paths = dashboardPaths(filters, from);
  const overview = useApi<Overview>(paths.overview, refresh);
  const funnel = useApi<Funnel>(paths.funnel, refresh);
  const timeline = useApi<Timeline>(paths.timeline, refresh);
  const distributions = useApi<DistributionPage>(paths.distributions, refresh);
  const alerts = useAlerts(refresh);

  const shown = overview.data
    ? filters.channel
      ? overview.data.channels[filters.channel]
      : overview.data.total
    : undefined;

  return (
    <main id="main" className="dashboard" aria-busy={overview.loading && !overview.data}>
      <div className="page-head">
        <h1>Delivery {filters.channel ? `· ${filters.channel}` : 'overview'}</h1>
        <LiveIndicator status={stream.status} />
      </div>
      <FilterBar filters={filters} onChange={setFilters} />
      <ErrorMessage error={overview.error ?? funnel.error ?? timeline.error ?? distributions.error} />
      {shown && <KpiCards metrics={shown} />}
      {overview.data && (
        <section aria-labelledby="health-title">
          <h2 id="health-title">
            Channel health
            {!alerts.available && <small> (default thresholds: alerts API not available)</small>}
          </h2>
          <ChannelHealth channels={overview.data.channels} alerts={alerts} />
        </section>
      )}
      <div className="grid">
        {overview.data && (
          <ComparisonChart id="channels" title="Channels compared" groups={overview.data.channels} />
        )}
        {funnel.data && <FunnelChart steps={funnel.data.steps} />}
      </div>
      {timeline.data && <TimelineChart timeline={timeline.data} />}
      {distributions.data && (
        <DistributionsTable
          page={distributions.data}
          sort={filters.sort}
          onSort={(sort) => setFilters({ sort, page: 0 })}
          onPage={(page) => setFilters({ page })}
          search={location.search}
        />
      )}
    </main>
  );
}
