import { DECISIONS, METRICS, rateOf, type Results } from '../experiments';
import { count, percent, points, pValue } from '../format';
import { differenceDomain, IntervalChart, rateDomain } from './IntervalChart';

export type Level = 95 | 99;

const metricLabel = (metric: string) => METRICS.find((m) => m.value === metric)?.label ?? metric;

/** Per-variant counts and rates with their Wilson intervals, as a table and as interval bars. */
export function VariantRates({ results, level }: { results: Results; level: Level }) {
  const wilson = (v: Results['variants'][number]) => (level === 95 ? v.wilson95 : v.wilson99);
  const control = results.variants[0]?.key;
  const rows = results.variants.map((v) => {
    const rate = rateOf(v);
    return {
      key: v.key,
      label: v.key === control ? `${v.key} (control)` : v.key,
      estimate: rate,
      interval: rate === null ? null : wilson(v),
    };
  });
  return (
    <section aria-labelledby="variants-title">
      <h2 id="variants-title">{metricLabel(results.experiment.metric)} per variant</h2>
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Weight</th>
            <th scope="col">Assigned</th>
            <th scope="col">Sent</th>
            <th scope="col">Successes</th>
            <th scope="col">Rate</th>
            <th scope="col">{level}% Wilson interval</th>
          </tr>
        </thead>
        <tbody>
          {results.variants.map((v, i) => {
            const rate = rateOf(v);
            return (
              <tr key={v.key} data-variant={v.key}>
                <th scope="row">{rows[i].label}</th>
                <td>{percent(v.weight)}</td>
                <td>{count(v.assigned)}</td>
                <td>{count(v.trials)}</td>
                <td>{count(v.successes)}</td>
                <td>{rate === null ? 'no data yet' : percent(rate)}</td>
                <td>{rate === null ? '—' : `${percent(wilson(v).lower)} – ${percent(wilson(v).upper)}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <IntervalChart
        id="variant-rates"
        title={`Rates with ${level}% intervals`}
        rows={rows}
        domain={rateDomain(rows.map((r) => r.interval))}
        format={percent}
        intervalName={`${level}% Wilson interval`}
      />
    </section>
  );
}

/** Each variant against the control: the difference with Newcombe's interval, and the always-valid test. */
export function Differences({ results, level }: { results: Results; level: Level }) {
  const { comparisons } = results;
  if (comparisons.length === 0) return null;
  const newcombe = (c: Results['comparisons'][number]) => (level === 95 ? c.newcombe95 : c.newcombe99);
  const trials = Object.fromEntries(results.variants.map((v) => [v.key, v.trials]));
  const observed = (c: Results['comparisons'][number]) => trials[c.variant] > 0 && trials[c.control] > 0;
  const rows = comparisons.map((c) => ({
    key: c.variant,
    label: `${c.variant} − ${c.control}`,
    estimate: observed(c) ? c.difference : null,
    interval: observed(c) ? newcombe(c) : null,
  }));
  return (
    <section aria-labelledby="differences-title">
      <h2 id="differences-title">Difference against the control</h2>
      <table className="comparisons">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Difference</th>
            <th scope="col">{level}% Newcombe interval</th>
            <th scope="col">Always-valid interval</th>
            <th scope="col">Sequential p-value</th>
            <th scope="col">Significant</th>
            <th scope="col">Wald 95% (reference)</th>
          </tr>
        </thead>
        <tbody>
          {comparisons.map((c) => (
            <tr key={c.variant} data-comparison={c.variant}>
              <th scope="row">
                {c.variant} vs {c.control}
              </th>
              <td>{observed(c) ? points(c.difference) : 'no data yet'}</td>
              <td>{`${points(newcombe(c).lower)} to ${points(newcombe(c).upper)}`}</td>
              <td>{`${points(c.sequential.alwaysValidInterval.lower)} to ${points(c.sequential.alwaysValidInterval.upper)}`}</td>
              <td>{pValue(c.sequential.pValue)}</td>
              <td>
                {c.sequential.significant ? (
                  <>
                    <span aria-hidden="true">✔ </span>Yes
                  </>
                ) : c.sequential.minimumCountsReached ? (
                  'Not yet'
                ) : (
                  'Not yet (too few users)'
                )}
              </td>
              <td>{`${points(c.wald95.lower)} to ${points(c.wald95.upper)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <IntervalChart
        id="differences"
        title={`Differences with ${level}% intervals`}
        rows={rows}
        domain={differenceDomain(rows.flatMap((r) => (r.interval ? [r.interval] : [])))}
        reference={{ value: 0, label: 'no difference' }}
        format={points}
        intervalName={`${level}% Newcombe interval`}
      />
    </section>
  );
}

/** The always-valid test that may stop the experiment, and the naive chi-square beside it for information. */
export function Significance({ results }: { results: Results }) {
  const { chiSquare, experiment } = results;
  return (
    <section aria-labelledby="significance-title" className="significance">
      <h2 id="significance-title">Significance</h2>
      <ul>
        {results.comparisons.map((c) => (
          <li key={c.variant}>
            {c.variant} vs {c.control}: sequential (always-valid) p-value <strong>{pValue(c.sequential.pValue)}</strong>
            {' — '}
            {c.sequential.significant
              ? `significant at α = ${experiment.alpha}`
              : c.sequential.minimumCountsReached
                ? `not significant at α = ${experiment.alpha} yet`
                : 'too few users yet (at least 100 sent and 5 successes and failures per variant)'}
          </li>
        ))}
      </ul>
      <p className="hint" data-info="chi-square">
        For information only, never used to stop: naive chi-square χ² = {chiSquare.statistic.toFixed(2)}, df{' '}
        {chiSquare.degreesOfFreedom}, p = {pValue(chiSquare.pValue)}
        {chiSquare.yatesCorrected ? ' (Yates-corrected)' : ''}. It is not valid when looked at repeatedly.
      </p>
    </section>
  );
}

/** Shown only when the assignment counts do not match the weights: then no winner is declared. */
export function SampleRatioBanner({ results }: { results: Results }) {
  const { sampleRatio, variants } = results;
  if (!sampleRatio.mismatch) return null;
  const total = variants.reduce((n, v) => n + v.assigned, 0);
  return (
    <div className="banner banner-warning" role="alert" data-banner="srm">
      <h2>
        <span aria-hidden="true">⚠ </span>Sample ratio mismatch
      </h2>
      <p>
        The assignment counts do not match the intended weights (goodness-of-fit p = {pValue(sampleRatio.pValue)},
        flagged below {sampleRatio.threshold}). No winner is declared while this lasts: check how recipients are
        assigned before trusting these results.
      </p>
      <ul>
        {variants.map((v) => (
          <li key={v.key}>
            {v.key}: {percent(total === 0 ? null : v.assigned / total)} assigned, {percent(v.weight)} intended
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What to do now, in words and an icon. */
export function Recommendation({ results }: { results: Results }) {
  const { recommendation } = results;
  const label = DECISIONS[recommendation.decision] ?? { icon: '?', text: recommendation.decision };
  return (
    <section aria-labelledby="decision-title" className={`decision decision-${recommendation.decision}`}>
      <h2 id="decision-title">Recommended decision</h2>
      <p className="decision-text" data-decision={recommendation.decision}>
        <span aria-hidden="true">{label.icon} </span>
        <strong>{label.text}</strong>
        {recommendation.winner && <> — winner: <code>{recommendation.winner}</code></>}
      </p>
      <p>{recommendation.reason}</p>
    </section>
  );
}
