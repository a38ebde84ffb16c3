import { useState } from 'react';
import type { DistributionPage } from '../api';
import {
  emptyVariant,
  evenWeights,
  SETTINGS,
  weightSum,
  WEIGHT_TOLERANCE,
  type Draft,
  type Problems,
  type SettingName,
  type VariantDraft,
} from '../experiments';
import { ErrorMessage } from './ErrorMessage';
import { Field } from './Field';
import type { Loaded } from '../useApi';

export interface StepProps {
  draft: Draft;
  problems: Problems;
  onChange(change: Partial<Draft>): void;
}

/** Step 1: the distribution whose recipients are split, and the experiment's name. */
export function DistributionStep({ draft, problems, onChange, distributions }: StepProps & {
  distributions: Loaded<DistributionPage>;
}) {
  const [filter, setFilter] = useState('');
  const items = (distributions.data?.items ?? []).filter((d) =>
    d.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <Field
        id="exp-name"
        label="Experiment name"
        error={problems.name}
        render={(c) => <input {...c} value={draft.name} onChange={(e) => onChange({ name: e.target.value })} />}
      />
      <Field
        id="exp-filter"
        label="Find a distribution"
        render={(c) => <input {...c} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
      />
      <ErrorMessage error={distributions.error} />
      <fieldset
        className="choices"
        aria-invalid={problems.distributionId ? true : undefined}
        aria-describedby={problems.distributionId ? 'exp-distributionId-error' : undefined}
      >
        <legend>Distribution</legend>
        {distributions.loading && !distributions.data && <p>Loading distributions…</p>}
        {distributions.data && items.length === 0 && <p>No distribution matches.</p>}
        {items.map((d, i) => (
          <label key={d.id} className="choice">
            <input
              type="radio"
              name="distribution"
              id={i === 0 ? 'exp-distributionId' : undefined}
              value={d.id}
              checked={draft.distributionId === d.id}
              onChange={() => onChange({ distributionId: d.id, distributionName: d.name })}
            />{' '}
            {d.name} <small className="hint">({d.status}, created {new Date(d.createdAt).toLocaleDateString('en')})</small>
          </label>
        ))}
        {problems.distributionId && (
          <small id="exp-distributionId-error" className="field-error">
            <span aria-hidden="true">⚠ </span>
            {problems.distributionId}
          </small>
        )}
      </fieldset>
    </>
  );
}

const SETTING_LABELS: Record<SettingName, string> = {
  template: 'Template',
  subject: 'Subject',
  channel: 'Channel',
  sendAt: 'Send at',
};

function nextKey(variants: VariantDraft[]): string {
  const used = new Set(variants.map((v) => v.key));
  for (const c of 'abcdefghijklmnopqrstuvwxyz') if (!used.has(c)) return c;
  return `v${variants.length + 1}`;
}

/** Step 2: two or more variants, each a key and what it changes; the first is the control. */
export function VariantsStep({ draft, problems, onChange }: StepProps) {
  const setVariant = (i: number, change: Partial<VariantDraft>) =>
    onChange({ variants: draft.variants.map((v, j) => (i === j ? { ...v, ...change } : v)) });
  const resized = (variants: VariantDraft[]) => {
    const weights = evenWeights(variants.length);
    onChange({ variants: variants.map((v, i) => ({ ...v, weight: weights[i] })) });
  };
  return (
    <>
      {problems.variants && <p className="field-error">{problems.variants}</p>}
      {draft.variants.map((v, i) => (
        <fieldset key={i} className="variant">
          <legend>
            Variant {i + 1}
            {i === 0 ? ' (control)' : ''}
          </legend>
          <Field
            id={`exp-key-${i}`}
            label="Key"
            error={problems[`key-${i}`]}
            hint="a-z, 0-9, _ and -, e.g. short-subject"
            render={(c) => <input {...c} value={v.key} onChange={(e) => setVariant(i, { key: e.target.value })} />}
          />
          {SETTINGS.map((s) => (
            <Field
              key={s}
              id={`exp-${s}-${i}`}
              label={SETTING_LABELS[s]}
              error={problems[`${s}-${i}`]}
              render={(c) => {
                const set = (value: string) => setVariant(i, { settings: { ...v.settings, [s]: value } });
                if (s === 'channel') {
                  return (
                    <select {...c} value={v.settings.channel} onChange={(e) => set(e.target.value)}>
                      <option value="">Unchanged</option>
                      <option value="email">Email</option>
                      <option value="sms">SMS</option>
                      <option value="whatsapp">WhatsApp</option>
                    </select>
                  );
                }
                return (
                  <input
                    {...c}
                    type={s === 'sendAt' ? 'datetime-local' : 'text'}
                    value={v.settings[s]}
                    onChange={(e) => set(e.target.value)}
                  />
                );
              }}
            />
          ))}
          <button
            type="button"
            disabled={draft.variants.length <= 2}
            onClick={() => resized(draft.variants.filter((_, j) => j !== i))}
          >
            Remove variant {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => resized([...draft.variants, emptyVariant(nextKey(draft.variants))])}>
        Add a variant
      </button>
      <p className="hint">Adding or removing a variant splits the traffic evenly again; adjust it in the next step.</p>
    </>
  );
}

/** Step 3: the share of the test audience each variant gets (summing to 1), and the test audience itself. */
export function WeightsStep({ draft, problems, onChange }: StepProps) {
  const sum = weightSum(draft.variants);
  const ok = Math.abs(sum - 1) <= WEIGHT_TOLERANCE;
  const share = Number(draft.testShare);
  return (
    <>
      {draft.variants.map((v, i) => (
        <Field
          key={i}
          id={`exp-weight-${i}`}
          label={`Weight of ${v.key || `variant ${i + 1}`}`}
          error={problems[`weight-${i}`]}
          render={(c) => (
            <input
              {...c}
              type="number"
              inputMode="decimal"
              min={0}
              max={1}
              step={0.01}
              value={v.weight}
              onChange={(e) =>
                onChange({ variants: draft.variants.map((w, j) => (i === j ? { ...w, weight: e.target.value } : w)) })
              }
            />
          )}
        />
      ))}
      <p aria-live="polite" className={ok ? 'sum sum-ok' : 'sum sum-bad'} data-sum={sum}>
        <span aria-hidden="true">{ok ? '✔ ' : '✖ '}</span>
        Sum of weights: {Math.round(sum * 1e6) / 1e6}
        {ok ? '' : ' — must be 1'}
      </p>
      {problems.weights && <p className="field-error" id="exp-weights">{problems.weights}</p>}
      <button
        type="button"
        onClick={() => {
          const weights = evenWeights(draft.variants.length);
          onChange({ variants: draft.variants.map((v, i) => ({ ...v, weight: weights[i] })) });
        }}
      >
        Split evenly
      </button>
      <Field
        id="exp-testShare"
        label="Test audience share"
        error={problems.testShare}
        hint="1 = every recipient gets a variant. Below 1, that share is tested and the rest gets the winner."
        render={(c) => (
          <input
            {...c}
            type="number"
            inputMode="decimal"
            min={0}
            max={1}
            step={0.05}
            value={draft.testShare}
            onChange={(e) => onChange({ testShare: e.target.value })}
          />
        )}
      />
      {share > 0 && share < 1 && (
        <Field
          id="exp-deadline"
          label="Deadline for the winner (optional)"
          error={problems.deadline}
          hint="With no winner declared by then, the variant with the best observed rate goes to the rest."
          render={(c) => (
            <input
              {...c}
              type="datetime-local"
              value={draft.deadline}
              onChange={(e) => onChange({ deadline: e.target.value })}
            />
          )}
        />
      )}
    </>
  );
}
