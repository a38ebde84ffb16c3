import { lazy, Suspense, type ComponentType, type JSX } from 'react';

/**
 * The charts, loaded on demand: Recharts is most of the dashboard's code, so it comes in its own chunk (hinted by
 * index.html, asked for here as soon as this module runs) while the page renders and the API answers. Until it has
 * arrived each chart holds its place with an empty frame of about its size.
 */
const charts = import('./Charts');

function deferred<P extends object>(name: string, pick: (m: Awaited<typeof charts>) => ComponentType<P>) {
  const Loaded = lazy(() => charts.then((m) => ({ default: pick(m) })));
  function Deferred(props: P) {
    return (
      <Suspense fallback={<div className="chart chart-pending" aria-busy="true" />}>
        <Loaded {...(props as P & JSX.IntrinsicAttributes)} />
      </Suspense>
    );
  }
  Deferred.displayName = name;
  return Deferred;
}

export const ComparisonChart = deferred('ComparisonChart', (m) => m.ComparisonChart);
export const FunnelChart = deferred('FunnelChart', (m) => m.FunnelChart);
export const TimelineChart = deferred('TimelineChart', (m) => m.TimelineChart);
