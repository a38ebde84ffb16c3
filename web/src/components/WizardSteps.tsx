import { useState } from 'react';
import type { DistributionPage } from '../api';
import {
  CHANNELS,
  emptyVariant,
  SETTINGS,
  weightSum,
  withEvenWeights,
  WEIGHT_TOLERANCE,
  type Draft,
  type Problems,
  type SettingName,
  type VariantDraft,
} from '../experiments';
import { ErrorMessage } from './ErrorMessage';
import { Choices, Field, NumberField } from './Field';
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
  const all = distributions.data?.items ?? [];
  const names = Object.fromEntries(all.map((d) => [d.id, d.name]));
  const items = all.filter((d) => d.name.toLowerCase().includes(filter.trim().toLowerCase()));
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
      <Choices
        id="exp-distributionId"
        legend="Distribution"
        value={draft.distributionId}
        error={problems.distributionId}
        onChange={(id) => onChange({ distributionId: id, distributionName: names[id] ?? '' })}
        options={items.map((d) => ({
          value: d.id,
          label: (
            <>
              {d.name} <small className="hint">({d.status}, created {new Date(d.createdAt).toLocaleDateString('en')})</small>
            </>
          ),
        }))}
      >
        {distributions.loading && !distributions.data && <p>Loading distributions…</p>}
        {distributions.data && items.length === 0 && <p>No distribution matches.</p>}
      </Choices>
    </>
  );
}

const SETTING_LABELS: Record<SettingName, string> = {
  template: 'Template',
  subject: 'Subject',
  sendAt: 'Send at',
  channel: 'Channel',
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
  const resized = (variants: VariantDraft[]) => onChange({ variants: withEvenWeights(variants) });
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
              hint={s === 'channel' ? 'recipients without an address on it fail under this variant' : undefined}
              render={(c) => {
                const set = (value: string) => setVariant(i, { settings: { ...v.settings, [s]: value } });
                if (s === 'channel') {
                  return (
                    <select {...c} value={v.settings[s]} onChange={(e) => set(e.target.value)}>
                      {CHANNELS.map((ch) => (
                        <option key={ch.value} value={ch.value}>
                          {ch.label}
                        </option>
                      ))}
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
        <NumberField
          key={i}
          id={`exp-weight-${i}`}
          label={`Weight of ${v.key || `variant ${i + 1}`}`}
          error={problems[`weight-${i}`]}
          min={0}
          max={1}
          step={0.01}
          value={v.weight}
          onChange={(weight) => onChange({ variants: draft.variants.map((w, j) => (i === j ? { ...w, weight } : w)) })}
        />
      ))}
      <p aria-live="polite" className={ok ? 'sum sum-ok' : 'sum sum-bad'} data-sum={sum}>
        <span aria-hidden="true">{ok ? '✔ ' : '✖ '}</span>
        Sum of weights: {Math.round(sum * 1e6) / 1e6}
        {ok ? '' : ' — must be 1'}
      </p>
      {problems.weights && <p className="field-error" id="exp-weights">{problems.weights}</p>}
      <button type="button" onClick={() => onChange({ variants: withEvenWeights(draft.variants) })}>
        Split evenly
      </button>
      <NumberField
        id="exp-testShare"
        label="Test audience share"
        error={problems.testShare}
        hint="1 = every recipient gets a variant. Below 1, that share is tested and the rest gets the winner."
        min={0}
        max={1}
        step={0.05}
        value={draft.testShare}
        onChange={(testShare) => onChange({ testShare })}
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
