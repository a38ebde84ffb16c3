import { useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { queryString, type DistributionReport } from '../api';
import { useAuth } from '../auth';
import { ComparisonChart, TimelineChart } from '../components/LazyCharts';
import { ErrorMessage } from '../components/ErrorMessage';
import { FilterBar } from '../components/FilterBar';
import { KpiCards } from '../components/KpiCards';
import { LiveIndicator } from '../components/LiveIndicator';
import { count } from '../format';
import { rangeStart, useFilters } from '../filters';
import { useAnalyticsStream } from '../useAnalyticsStream';
import { useApi, useThrottled } from '../useApi';

/** One distribution in depth: totals, per channel, per provider, timeline and failures by reason. */
export function DistributionDetail() {
  const { id = '' } = useParams();
  const { apiKey } = useAuth();
  const location = useLocation();
  const [filters, setFilters] = useFilters();
  const stream = useAnalyticsStream(apiKey, `distribution:${id}`);
  const refresh = useThrottled(stream.version, 1000);
  const from = useMemo(() => rangeStart(filters.range), [filters.range, refresh]); // eslint-disable-line
  const report = useApi<DistributionReport>(
    `/api/analytics/delivery/distributions/${encodeURIComponent(id)}${queryString({ from, bucket: filters.bucket })}`,
    refresh,
  );
  const d = report.data;
  const back = new URLSearchParams(location.search);
  return (
    <main id="main" className="distribution">
      <p>
        <Link to={`/${back.toString() ? `?${back.toString()}` : ''}`}>← All distributions</Link>
      </p>
      <div className="page-head">
        <h1>{d ? d.name : 'Distribution'}</h1>
        <LiveIndicator status={stream.status} />
      </div>
      {d && (
        <p className="meta">
          {d.status} · created {new Date(d.createdAt).toLocaleString('en')} · <code>{d.id}</code>
        </p>
      )}
      <FilterBar filters={filters} onChange={setFilters} channel={false} />
      <ErrorMessage error={report.error} />
      {d && (
        <>
          <KpiCards metrics={d.total} />
          <div className="grid">
            <ComparisonChart id="dist-channels" title="Per channel" groups={d.channels} />
            <ComparisonChart id="dist-providers" title="Per provider" groups={d.providers} />
          </div>
          <TimelineChart id="dist-timeline" timeline={d.timeline} />
          <section aria-labelledby="failures-title">
            <h2 id="failures-title">Failures by reason</h2>
            <table className="failures">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Bounce class</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Error code</th>
                  <th scope="col">Messages</th>
                </tr>
              </thead>
              <tbody>
                {d.failures.length === 0 && (
                  <tr>
                    <td colSpan={5}>No failures.</td>
                  </tr>
                )}
                {d.failures.map((f, i) => (
                  <tr key={i}>
                    <td>{f.status}</td>
                    <td>{f.bounceClass ?? '—'}</td>
                    <td>{f.reason ?? '—'}</td>
                    <td>{f.errorCode ?? '—'}</td>
                    <td>{count(f.messages)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </main>
  );
}
