import {
  METRICS,
  MINIMUM_SAMPLE,
  sampleSizePath,
  SETTINGS,
  type Draft,
  type SampleSizeAnswer,
} from '../experiments';
import { count, percent } from '../format';
import { useApi, useThrottled } from '../useApi';
import { ErrorMessage } from './ErrorMessage';
import { Field } from './Field';
import type { StepProps } from './WizardSteps';

function answers(data: SampleSizeAnswer | null, draft: Draft): SampleSizeAnswer | null {
  if (!data) return null;
  const same = data.baseline === Number(draft.baseline) &&
    data.minimumDetectableEffect === Number(draft.minimumDetectableEffect) &&
    data.alpha === Number(draft.alpha) && data.power === Number(draft.power);
  return same ? data : null;
}

/** The sample-size endpoint's answer for the current inputs, asked again as they change. */
function SampleSize({ draft, onChange }: Pick<StepProps, 'draft' | 'onChange'>) {
  const path = useThrottled(sampleSizePath(draft), 300);
  const loaded = useApi<SampleSizeAnswer>(path);
  const answer = answers(loaded.data, draft);
  const n = draft.variants.length;
  return (
    <div className="sample-size" aria-live="polite" data-sample-size={answer?.perArmPooledVariance ?? ''}>
      {sampleSizePath(draft) === null ? (
        <p>
          For the sample size, enter a baseline rate in (0, 1), an effect above 0 with baseline + effect at most 1 and a
          power in (0, 1).
        </p>
      ) : answer ? (
        <>
          <p>
            <strong>{count(answer.perArmPooledVariance)} users per variant</strong> ({count(answer.perArmPooledVariance * n)}{' '}
            for {n} variants) to detect {percent(answer.baseline)} → {percent(answer.baseline + answer.minimumDetectableEffect)}{' '}
            with α = {answer.alpha} and power {answer.power} (pooled-variance formula; Cohen&apos;s h gives{' '}
            {count(answer.perArmCohensH)}). The always-valid test usually needs more users than this fixed-size answer
            when there is no effect, and fewer when the effect is large.
          </p>
          <button
            type="button"
            onClick={() =>
              onChange({ maxSamplePerArm: String(Math.max(MINIMUM_SAMPLE, answer.perArmPooledVariance * 2)) })
            }
          >
            Use twice that as the maximum sample ({count(Math.max(MINIMUM_SAMPLE, answer.perArmPooledVariance * 2))})
          </button>
        </>
      ) : loaded.error ? (
        <ErrorMessage error={loaded.error} />
      ) : (
        <p>Calculating the sample size…</p>
      )}
    </div>
  );
}

const decimal = { type: 'number', inputMode: 'decimal' } as const;

/** Step 4: the primary metric, error rates and effect, with the sample size they need, and the maximum sample. */
export function DesignStep({ draft, problems, onChange }: StepProps) {
  return (
    <>
      <fieldset className="choices" aria-describedby={problems.metric ? 'exp-metric-error' : undefined}>
        <legend>Primary metric</legend>
        {METRICS.map((m, i) => (
          <label key={m.value} className="choice">
            <input
              type="radio"
              name="metric"
              id={i === 0 ? 'exp-metric' : undefined}
              checked={draft.metric === m.value}
              onChange={() => onChange({ metric: m.value })}
            />{' '}
            {m.label} <small className="hint">({m.hint})</small>
          </label>
        ))}
        {problems.metric && <small id="exp-metric-error" className="field-error">{problems.metric}</small>}
      </fieldset>
      <fieldset className="choices">
        <legend>Significance level (alpha)</legend>
        {(['0.05', '0.01'] as const).map((a, i) => (
          <label key={a} className="choice">
            <input
              type="radio"
              name="alpha"
              id={i === 0 ? 'exp-alpha' : undefined}
              checked={draft.alpha === a}
              onChange={() => onChange({ alpha: a })}
            />{' '}
            {a} {a === '0.05' ? '(default)' : '(strict)'}
          </label>
        ))}
      </fieldset>
      <Field
        id="exp-power"
        label="Power"
        error={problems.power}
        hint="The chance of finding the effect when it is there, e.g. 0.8."
        render={(c) => (
          <input {...c} {...decimal} min={0} max={1} step={0.05} value={draft.power}
            onChange={(e) => onChange({ power: e.target.value })} />
        )}
      />
      <Field
        id="exp-minimumDetectableEffect"
        label="Minimum detectable effect (absolute)"
        error={problems.minimumDetectableEffect}
        hint="The smallest change of the rate worth finding: 0.02 is 2 percentage points."
        render={(c) => (
          <input {...c} {...decimal} min={0} max={1} step={0.005} value={draft.minimumDetectableEffect}
            onChange={(e) => onChange({ minimumDetectableEffect: e.target.value })} />
        )}
      />
      <Field
        id="exp-baseline"
        label="Baseline rate of the control"
        hint="Your current rate, for the sample-size answer only (not stored)."
        render={(c) => (
          <input {...c} {...decimal} min={0} max={1} step={0.01} value={draft.baseline}
            onChange={(e) => onChange({ baseline: e.target.value })} />
        )}
      />
      <SampleSize draft={draft} onChange={onChange} />
      <Field
        id="exp-maxSamplePerArm"
        label="Maximum sample per variant"
        error={problems.maxSamplePerArm}
        hint="With no winner by then, the test ends with no difference found."
        render={(c) => (
          <input {...c} type="number" inputMode="numeric" min={MINIMUM_SAMPLE} step={1} value={draft.maxSamplePerArm}
            onChange={(e) => onChange({ maxSamplePerArm: e.target.value })} />
        )}
      />
    </>
  );
}

/** Step 5: everything in one place before it is created. */
export function ReviewStep({ draft }: { draft: Draft }) {
  const share = Number(draft.testShare);
  return (
    <dl className="review">
      <dt>Name</dt>
      <dd>{draft.name}</dd>
      <dt>Distribution</dt>
      <dd>{draft.distributionName || draft.distributionId}</dd>
      <dt>Variants</dt>
      <dd>
        <ul>
          {draft.variants.map((v, i) => {
            const settings = SETTINGS.filter((s) => v.settings[s]).map((s) => `${s}: ${v.settings[s]}`);
            return (
              <li key={i} data-review-variant={v.key}>
                <code>{v.key}</code>
                {i === 0 ? ' (control)' : ''} — weight {v.weight}
                {settings.length ? ` — ${settings.join(', ')}` : ' — no changes'}
              </li>
            );
          })}
        </ul>
      </dd>
      <dt>Test audience</dt>
      <dd>
        {percent(share)}
        {share < 1 ? ` of recipients; the rest gets the winner${draft.deadline ? `, at the latest on ${new Date(draft.deadline).toLocaleString('en')}` : ''}` : ' of recipients'}
      </dd>
      <dt>Primary metric</dt>
      <dd>{METRICS.find((m) => m.value === draft.metric)?.label}</dd>
      <dt>Alpha · power · minimum detectable effect</dt>
      <dd>
        {draft.alpha} · {draft.power} · {draft.minimumDetectableEffect}
      </dd>
      <dt>Maximum sample per variant</dt>
      <dd>{count(Number(draft.maxSamplePerArm))}</dd>
    </dl>
  );
}
