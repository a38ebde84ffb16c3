import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, apiFetch, type DistributionPage } from '../api';
import { useAuth } from '../auth';
import { ErrorMessage } from '../components/ErrorMessage';
import { DesignStep, ReviewStep } from '../components/WizardDesign';
import { DistributionStep, VariantsStep, WeightsStep } from '../components/WizardSteps';
import {
  DISTRIBUTIONS_PATH,
  firstInvalidStep,
  newDraft,
  stepProblems,
  toRequest,
  type Draft,
  type Experiment,
  type Problems,
} from '../experiments';
import { useApi } from '../useApi';

const STEPS = ['Distribution', 'Variants', 'Traffic', 'Metric and sample size', 'Review'];

/** The list of what blocks the step, focused when Next is refused; each item leads to its field. */
function ProblemSummary({ problems, focusKey }: { problems: Problems; focusKey: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [focusKey]);
  return (
    <div className="error problem-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>Please fix {Object.keys(problems).length === 1 ? 'this' : 'these'} first:</p>
      <ul>
        {Object.entries(problems).map(([key, message]) => (
          <li key={key}>
            <a
              href={`#exp-${key}`}
              onClick={(e) => {
                const field = document.getElementById(`exp-${key}`);
                if (field) {
                  e.preventDefault();
                  field.focus();
                }
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A new experiment in five steps; each step is checked as the API would before the next one opens. */
export function ExperimentWizard() {
  const { apiKey } = useAuth();
  const navigate = useNavigate();
  const distributions = useApi<DistributionPage>(DISTRIBUTIONS_PATH);
  const [draft, setDraft] = useState<Draft>(newDraft);
  const [step, setStep] = useState(1);
  const [refused, setRefused] = useState(0);
  const [showProblems, setShowProblems] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Experiment | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const intent = useRef<'create' | 'start'>('create');

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const problems = step <= 4 ? stepProblems(draft, step) : {};
  const onChange = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const go = (to: number) => {
    setShowProblems(false);
    setStep(to);
  };

  async function create(start: boolean) {
    const invalid = firstInvalidStep(draft);
    if (invalid !== null) {
      setStep(invalid);
      setShowProblems(true);
      setRefused((n) => n + 1);
      return;
    }
    if (!apiKey) return;
    setBusy(true);
    setError(null);
    try {
      const experiment = created ?? await apiFetch<Experiment>(apiKey, '/api/experiments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(toRequest(draft)),
      });
      setCreated(experiment);
      if (start) await apiFetch(apiKey, `/api/experiments/${experiment.id}/start`, { method: 'POST' });
      navigate(`/experiments/${experiment.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === 5) {
      void create(intent.current === 'start');
      return;
    }
    if (Object.keys(problems).length > 0) {
      setShowProblems(true);
      setRefused((n) => n + 1);
      return;
    }
    go(step + 1);
  }

  const props = { draft, problems: showProblems ? problems : {}, onChange };
  return (
    <main id="main" className="wizard">
      <p>
        <Link to="/experiments">← All experiments</Link>
      </p>
      <h1>New experiment</h1>
      <nav aria-label="Steps">
        <ol className="steps">
          {STEPS.map((name, i) => {
            const n = i + 1;
            const state = n === step ? 'current' : n < step ? 'done' : 'todo';
            return (
              <li key={name} className={`step-${state}`} aria-current={n === step ? 'step' : undefined}>
                {n < step ? (
                  <button type="button" onClick={() => go(n)}>
                    <span aria-hidden="true">✔ </span>
                    {n}. {name} <span className="visually-hidden">(done, go back)</span>
                  </button>
                ) : (
                  <span>
                    {n}. {name}
                    {n === step && <span className="visually-hidden"> (current step)</span>}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <form onSubmit={submit} noValidate aria-labelledby="step-title">
        <h2 id="step-title" tabIndex={-1} ref={heading}>
          Step {step} of {STEPS.length}: {STEPS[step - 1]}
        </h2>
        {showProblems && Object.keys(problems).length > 0 && (
          <ProblemSummary problems={problems} focusKey={refused} />
        )}
        {step === 1 && <DistributionStep {...props} distributions={distributions} />}
        {step === 2 && <VariantsStep {...props} />}
        {step === 3 && <WeightsStep {...props} />}
        {step === 4 && <DesignStep {...props} />}
        {step === 5 && <ReviewStep draft={draft} />}
        <ErrorMessage error={error} />
        {created && error && (
          <p>
            The experiment was created as a draft: <Link to={`/experiments/${created.id}`}>open it</Link>.
          </p>
        )}
        <div className="wizard-buttons">
          {step > 1 && (
            <button type="button" onClick={() => go(step - 1)} disabled={busy}>
              Back
            </button>
          )}
          {step < STEPS.length ? (
            <button type="submit">Next</button>
          ) : (
            <>
              <button type="submit" disabled={busy} onClick={() => (intent.current = 'create')}>
                Create as draft
              </button>
              <button type="submit" disabled={busy} onClick={() => (intent.current = 'start')}>
                Create and start
              </button>
            </>
          )}
        </div>
      </form>
    </main>
  );
}

export default ExperimentWizard;
