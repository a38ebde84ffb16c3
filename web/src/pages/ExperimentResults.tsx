import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, apiFetch } from '../api';
import { useAuth } from '../auth';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import {
  Differences,
  Recommendation,
  SampleRatioBanner,
  Significance,
  VariantRates,
  type Level,
} from '../components/ExperimentFigures';
import { LiveIndicator } from '../components/LiveIndicator';
import { allowedMoves, METRICS, type Results } from '../experiments';
import { count, percent } from '../format';
import { useAnalyticsStream } from '../useAnalyticsStream';
import { useApi, useThrottled } from '../useApi';

type Move = 'start' | 'pause' | 'stop';

const MOVE_LABELS: Record<Move, string> = { start: 'Start', pause: 'Pause', stop: 'Stop…' };

/**
 * One experiment's results. Live: any event on the {@code experiment:<id>} stream refetches them (at most once a
 * second); without the stream the page still works from plain fetches and its Refresh button.
 */
export function ExperimentResults() {
  const { id = '' } = useParams();
  const { apiKey } = useAuth();
  const stream = useAnalyticsStream(apiKey, `experiment:${id}`);
  const live = useThrottled(stream.version, 1000);
  const [manual, setManual] = useState(0);
  const results = useApi<Results>(`/api/experiments/${encodeURIComponent(id)}/results`, `${live}:${manual}`);
  const [level, setLevel] = useState<Level>(95);
  const [busy, setBusy] = useState(false);
  const [confirmStop, setConfirmStop] = useState(false);
  const [moveError, setMoveError] = useState<ApiError | null>(null);
  const r = results.data;

  async function move(action: Move) {
    if (!apiKey) return;
    setBusy(true);
    setMoveError(null);
    try {
      await apiFetch(apiKey, `/api/experiments/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
      setConfirmStop(false);
      setManual((n) => n + 1);
    } catch (error) {
      setMoveError(error instanceof ApiError ? error : new ApiError(0, String(error)));
    } finally {
      setBusy(false);
    }
  }

  const status = r?.experiment.status;
  const moves = status ? allowedMoves(status) : [];
  return (
    <main id="main" className="experiment" aria-busy={results.loading && !r}>
      <p>
        <Link to="/experiments">← All experiments</Link>
      </p>
      <div className="page-head">
        <h1>{r ? r.experiment.name : 'Experiment'}</h1>
        {status && <StatusBadge status={status} />}
        <LiveIndicator status={stream.status} />
        <button type="button" onClick={() => setManual((n) => n + 1)} disabled={results.loading}>
          Refresh
        </button>
      </div>
      {r && (
        <p className="meta">
          {METRICS.find((m) => m.value === r.experiment.metric)?.label ?? r.experiment.metric} · α ={' '}
          {r.experiment.alpha} · power {r.experiment.power} · minimum detectable effect{' '}
          {percent(r.experiment.minimumDetectableEffect)} · at most {count(r.experiment.maxSamplePerArm)} per variant ·
          test share {percent(r.experiment.testShare)} ·{' '}
          <Link to={`/distributions/${r.experiment.distributionId}`}>distribution</Link> · computed{' '}
          {new Date(r.computedAt).toLocaleString('en')}
        </p>
      )}
      {moves.length > 0 && (
        <div className="actions" role="group" aria-label="Experiment controls">
          {moves.map((m) => (
            <button
              key={m}
              type="button"
              disabled={busy}
              onClick={() => (m === 'stop' ? setConfirmStop(true) : void move(m))}
            >
              {m === 'start' && status === 'paused' ? 'Resume' : MOVE_LABELS[m]}
            </button>
          ))}
          {confirmStop && (
            <span className="confirm" role="group" aria-label="Confirm stop">
              Stopping is final.{' '}
              <button type="button" disabled={busy} onClick={() => void move('stop')}>
                Stop for good
              </button>{' '}
              <button type="button" onClick={() => setConfirmStop(false)}>
                Cancel
              </button>
            </span>
          )}
        </div>
      )}
      <ErrorMessage error={moveError} />
      <ErrorMessage error={results.error} />
      {stream.status === 'offline' && (
        <p className="hint">Live updates are unavailable; the figures refresh when you press Refresh.</p>
      )}
      {r && (
        <>
          <SampleRatioBanner results={r} />
          <Recommendation results={r} />
          <fieldset className="level">
            <legend>Interval level</legend>
            {([95, 99] as const).map((l) => (
              <label key={l}>
                <input type="radio" name="level" checked={level === l} onChange={() => setLevel(l)} /> {l}%
              </label>
            ))}
          </fieldset>
          <VariantRates results={r} level={level} />
          <Differences results={r} level={level} />
          <Significance results={r} />
        </>
      )}
    </main>
  );
}

export default ExperimentResults;
