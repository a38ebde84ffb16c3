import type { ReactNode } from 'react';

export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  render(control: FieldControl): ReactNode;
}

/** What is wrong with the control {@code id}, referred to by its aria-describedby. */
function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <small id={`${id}-error`} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </small>
  );
}

/** A labelled control with its hint and its error, both tied to it for screen readers. */
export function Field({ id, label, error, hint, render }: Props) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {render({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

interface NumberProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  min: number;
  max?: number;
  step: number;
}

/** A labelled number input; its value stays text so that a half-typed "0." is not lost. */
export function NumberField({ value, onChange, min, max, step, ...field }: NumberProps) {
  return (
    <Field
      {...field}
      render={(c) => (
        <input
          {...c}
          type="number"
          inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    />
  );
}

interface ChoicesProps<T extends string> {
  /** the id of the first radio (where a problem summary's link leads) and the group's name */
  id: string;
  legend: string;
  options: { value: T; label: ReactNode }[];
  value: T | '';
  onChange(value: T): void;
  error?: string;
  children?: ReactNode;
}

/** A group of radio buttons with its legend and error; arrow keys move between them. */
export function Choices<T extends string>({ id, legend, options, value, onChange, error, children }: ChoicesProps<T>) {
  return (
    <fieldset
      className="choices"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {options.map((o, i) => (
        <label key={o.value} className="choice">
          <input
            type="radio"
            name={id}
            id={i === 0 ? id : undefined}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />{' '}
          {o.label}
        </label>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
