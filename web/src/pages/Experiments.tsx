import { Link } from 'react-router-dom';
import type { DistributionPage } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { DISTRIBUTIONS_PATH, METRICS, type Experiment } from '../experiments';
import { useApi } from '../useApi';

interface ListProps {
  experiments: Experiment[];
  /** distribution id -> name, for those the listing knows */
  distributions: Record<string, string>;
}

/** The tenant's experiments, newest first: name, distribution, status, primary metric and decision. */
export function ExperimentList({ experiments, distributions }: ListProps) {
  return (
    <table className="experiments">
      <caption className="visually-hidden">Experiments, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Distribution</th>
          <th scope="col">Status</th>
          <th scope="col">Primary metric</th>
          <th scope="col">Decision</th>
        </tr>
      </thead>
      <tbody>
        {experiments.length === 0 && (
          <tr>
            <td colSpan={5}>No experiments yet.</td>
          </tr>
        )}
        {experiments.map((e) => (
          <tr key={e.id} data-experiment={e.id}>
            <td>
              <Link to={`/experiments/${e.id}`}>{e.name}</Link>
            </td>
            <td>
              <Link to={`/distributions/${e.distributionId}`}>
                {distributions[e.distributionId] ?? <code>{e.distributionId.slice(0, 8)}</code>}
              </Link>
            </td>
            <td>
              <StatusBadge status={e.status} />
            </td>
            <td>{METRICS.find((m) => m.value === e.metric)?.label ?? e.metric}</td>
            <td title={e.winnerReason ?? undefined}>
              {e.winner ? (
                <>
                  <span aria-hidden="true">★ </span>Winner: <code>{e.winner}</code>
                </>
              ) : e.status === 'stopped' ? (
                'No winner'
              ) : (
                'No winner yet'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The experiments page: the list and the way to a new one. */
export function Experiments() {
  const experiments = useApi<Experiment[]>('/api/experiments');
  const distributions = useApi<DistributionPage>(DISTRIBUTIONS_PATH);
  const names = Object.fromEntries((distributions.data?.items ?? []).map((d) => [d.id, d.name]));
  return (
    <main id="main" className="experiments-page" aria-busy={experiments.loading && !experiments.data}>
      <div className="page-head">
        <h1>Experiments</h1>
        <Link to="/experiments/new" className="button">
          New experiment
        </Link>
      </div>
      <ErrorMessage error={experiments.error} />
      {experiments.data && <ExperimentList experiments={experiments.data} distributions={names} />}
    </main>
  );
}

export default Experiments;
