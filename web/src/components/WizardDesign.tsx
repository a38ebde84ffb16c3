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
import { Choices, NumberField } from './Field';
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

/** Step 4: the primary metric, error rates and effect, with the sample size they need, and the maximum sample. */
export function DesignStep({ draft, problems, onChange }: StepProps) {
  return (
    <>
      <Choices
        id="exp-metric"
        legend="Primary metric"
        value={draft.metric}
        error={problems.metric}
        onChange={(metric) => onChange({ metric })}
        options={METRICS.map((m) => ({
          value: m.value,
          label: (
            <>
              {m.label} <small className="hint">({m.hint})</small>
            </>
          ),
        }))}
      />
      <Choices
        id="exp-alpha"
        legend="Significance level (alpha)"
        value={draft.alpha}
        error={problems.alpha}
        onChange={(alpha) => onChange({ alpha })}
        options={[
          { value: '0.05', label: '0.05 (default)' },
          { value: '0.01', label: '0.01 (strict)' },
        ]}
      />
      <NumberField
        id="exp-power"
        label="Power"
        error={problems.power}
        hint="The chance of finding the effect when it is there, e.g. 0.8."
        min={0}
        max={1}
        step={0.05}
        value={draft.power}
        onChange={(power) => onChange({ power })}
      />
      <NumberField
        id="exp-minimumDetectableEffect"
        label="Minimum detectable effect (absolute)"
        error={problems.minimumDetectableEffect}
        hint="The smallest change of the rate worth finding: 0.02 is 2 percentage points."
        min={0}
        max={1}
        step={0.005}
        value={draft.minimumDetectableEffect}
        onChange={(minimumDetectableEffect) => onChange({ minimumDetectableEffect })}
      />
      <NumberField
        id="exp-baseline"
        label="Baseline rate of the control"
        hint="Your current rate, for the sample-size answer only (not stored)."
        min={0}
        max={1}
        step={0.01}
        value={draft.baseline}
        onChange={(baseline) => onChange({ baseline })}
      />
      <SampleSize draft={draft} onChange={onChange} />
      <NumberField
        id="exp-maxSamplePerArm"
        label="Maximum sample per variant"
        error={problems.maxSamplePerArm}
        hint="With no winner by then, the test ends with no difference found."
        min={MINIMUM_SAMPLE}
        step={1}
        value={draft.maxSamplePerArm}
        onChange={(maxSamplePerArm) => onChange({ maxSamplePerArm })}
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
