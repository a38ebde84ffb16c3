import { memo, useEffect, useState, type ComponentType } from 'react';

type ChartsModule = typeof import('./Charts');

/**
 * The charts, loaded on demand: Recharts is most of the dashboard's code, so it comes in its own chunk (hinted by
 * index.html, asked for here as soon as this module runs) while the page renders and the API answers. Until it has
 * arrived each chart holds its place with an empty frame of about its size; once it has, charts draw in the same
 * render as their data (no Suspense boundary, whose reveal React holds back for a while). A chart draws again only
 * when its own props change, not whenever another of the page's answers or a stream status arrives: Recharts is the
 * page's costliest rendering.
 */
let loaded: ChartsModule | null = null;
let failed = false;
const charts = import('./Charts').then(
  (m) => {
    loaded = m;
  },
  () => {
    failed = true;
  },
);

function useChartsModule(): ChartsModule | null | 'failed' {
  const [, setSettled] = useState(false);
  useEffect(() => {
    if (loaded || failed) return undefined;
    let mounted = true;
    void charts.then(() => mounted && setSettled(true));
    return () => {
      mounted = false;
    };
  }, []);
  return failed ? 'failed' : loaded;
}

function deferred<P extends object>(name: string, pick: (m: ChartsModule) => ComponentType<P>) {
  function Deferred(props: P) {
    const module = useChartsModule();
    if (module === 'failed') {
      return (
        <div className="chart chart-pending" role="alert">
          The charts could not be loaded; reload the page to try again.
        </div>
      );
    }
    if (!module) return <div className="chart chart-pending" aria-busy="true" />;
    const Chart = pick(module);
    return <Chart {...props} />;
  }
  Deferred.displayName = name;
  return memo(Deferred);
}

export const ComparisonChart = deferred('ComparisonChart', (m) => m.ComparisonChart);
export const FunnelChart = deferred('FunnelChart', (m) => m.FunnelChart);
export const TimelineChart = deferred('TimelineChart', (m) => m.TimelineChart);

/** Settles once the charts' code has loaded (or failed to): for tests. */
export function chartsSettled(): Promise<void> {
  return charts;
}
