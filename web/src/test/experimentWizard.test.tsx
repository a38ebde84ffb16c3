import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evenWeights, newDraft, stepProblems, toRequest } from '../experiments';
import { ExperimentWizard } from '../pages/ExperimentWizard';
import { experiment, page } from './fixtures';
import { problem, renderRoute, stubApi, type Call } from './routes';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const sampleSize = (call: Call) => {
  const q = new URL(call.url, 'http://x').searchParams;
  return Response.json({
    baseline: Number(q.get('baseline')),
    minimumDetectableEffect: Number(q.get('minimumDetectableEffect')),
    alpha: Number(q.get('alpha')),
    power: Number(q.get('power')),
    perArmPooledVariance: 6510,
    perArmCohensH: 6505,
  });
};

function api(create: (call: Call) => Response = () => Response.json(experiment({ status: 'draft' }), { status: 201 })) {
  return stubApi([
    [/^GET \/api\/analytics\/delivery\/distributions/, () => Response.json(page(['Spring NPS', 'Launch survey']))],
    [/^GET \/api\/experiments\/sample-size/, sampleSize],
    [/^POST \/api\/experiments$/, create],
    [/^POST \/api\/experiments\/[^/]+\/start$/, () => Response.json(experiment({ status: 'running' }))],
  ]);
}

const heading = () => screen.getByRole('heading', { level: 2 });

async function throughStepOne(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: /Launch survey/ }));
  await user.type(screen.getByLabelText('Experiment name'), 'Subject lines');
  await user.click(screen.getByRole('button', { name: 'Next' }));
  expect(heading()).toHaveTextContent('Step 2 of 5: Variants');
}

describe('the experiment wizard', () => {
  it('refuses step 1 without a distribution and a name, says why and focuses the summary', async () => {
    api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Spring NPS/ });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Choose the distribution whose recipients are split.');
    expect(summary).toHaveTextContent('An experiment needs a name.');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Experiment name')).toHaveAttribute('aria-invalid', 'true');
    expect(heading()).toHaveTextContent('Step 1 of 5');
    await user.click(within(summary).getByRole('link', { name: 'An experiment needs a name.' }));
    expect(screen.getByLabelText('Experiment name')).toHaveFocus();
  });

  it('can be driven by the keyboard alone, and moves focus to each new step', async () => {
    api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Spring NPS/ });
    await user.tab();
    expect(screen.getByRole('link', { name: '← All experiments' })).toHaveFocus();
    await user.tab(); // the step list has no buttons before step 1 is done
    expect(screen.getByLabelText('Experiment name')).toHaveFocus();
    await user.keyboard('Keyboard test');
    await user.tab();
    await user.tab();
    expect(screen.getByRole('radio', { name: /Spring NPS/ })).toHaveFocus();
    await user.keyboard(' ');
    expect(screen.getByRole('radio', { name: /Spring NPS/ })).toBeChecked();
    await user.keyboard('{Enter}');
    expect(heading()).toHaveTextContent('Step 2 of 5: Variants');
    expect(heading()).toHaveFocus();
  });

  it('checks variant keys as the API does and re-splits traffic when variants are added', async () => {
    api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await throughStepOne(user);
    const second = screen.getByRole('group', { name: 'Variant 2' });
    expect(within(second).getByRole('button', { name: 'Remove variant 2' })).toBeDisabled();
    await user.clear(within(second).getByLabelText('Key'));
    await user.type(within(second).getByLabelText('Key'), 'a');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert')).toHaveTextContent("The key 'a' is used twice.");
    await user.clear(within(second).getByLabelText('Key'));
    await user.type(within(second).getByLabelText('Key'), 'Short Subject');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert')).toHaveTextContent('A key is 1-40 of a-z, 0-9, _ and -');
    await user.clear(within(second).getByLabelText('Key'));
    await user.type(within(second).getByLabelText('Key'), 'short-subject');
    await user.type(within(second).getByLabelText('Subject'), 'Two minutes?');
    await user.click(screen.getByRole('button', { name: 'Add a variant' }));
    expect(screen.getByRole('group', { name: 'Variant 3' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toHaveTextContent('Step 3 of 5: Traffic');
    expect(screen.getByLabelText('Weight of a')).toHaveValue(0.3333);
    expect(screen.getByLabelText('Weight of short-subject')).toHaveValue(0.3333);
    expect(screen.getByLabelText('Weight of b')).toHaveValue(0.3334);
    expect(screen.getByText(/Sum of weights: 1$/)).toBeInTheDocument();
  });

  it('refuses weights that do not sum to 1 and offers an even split; a test share below 1 asks for a deadline', async () => {
    api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await throughStepOne(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.clear(screen.getByLabelText('Weight of a'));
    await user.type(screen.getByLabelText('Weight of a'), '0.6');
    expect(screen.getByText(/Sum of weights: 1.1 — must be 1/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The weights must sum to 1; they sum to 1.1.');
    expect(heading()).toHaveTextContent('Step 3 of 5');
    await user.click(screen.getByRole('button', { name: 'Split evenly' }));
    expect(screen.getByLabelText('Weight of a')).toHaveValue(0.5);
    expect(screen.queryByLabelText(/Deadline/)).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Test audience share'));
    await user.type(screen.getByLabelText('Test audience share'), '0.2');
    expect(screen.getByLabelText(/Deadline/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toHaveTextContent('Step 4 of 5');
  });

  it('answers the sample size live from the API and checks the design figures', async () => {
    const calls = api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await throughStepOne(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('6,510 users per variant')).toBeInTheDocument();
    const asked = calls.filter((c) => c.url.startsWith('/api/experiments/sample-size'));
    expect(asked.at(-1)?.url).toBe('/api/experiments/sample-size?baseline=0.2&minimumDetectableEffect=0.02&alpha=0.05&power=0.8');
    await user.click(screen.getByRole('radio', { name: /0.01/ }));
    await waitFor(() => expect(calls.at(-1)?.url).toContain('alpha=0.01'));
    await user.click(screen.getByRole('button', { name: /Use twice that as the maximum sample/ }));
    expect(screen.getByLabelText('Maximum sample per variant')).toHaveValue(13020);
    await user.clear(screen.getByLabelText('Minimum detectable effect (absolute)'));
    await user.type(screen.getByLabelText('Minimum detectable effect (absolute)'), '0');
    await user.clear(screen.getByLabelText('Maximum sample per variant'));
    await user.type(screen.getByLabelText('Maximum sample per variant'), '50');
    expect(screen.getByText(/For the sample size, enter a baseline rate/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('The minimum detectable effect lies in (0, 1)');
    expect(summary).toHaveTextContent('The maximum sample per variant is a whole number of at least 100.');
  });

  it('creates and starts the experiment, then opens its results', async () => {
    const calls = api();
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await throughStepOne(user);
    await user.type(within(screen.getByRole('group', { name: 'Variant 2' })).getByLabelText('Subject'), 'Hi there');
    await user.selectOptions(within(screen.getByRole('group', { name: 'Variant 2' })).getByLabelText('Channel'), 'sms');
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toHaveTextContent('Step 5 of 5: Review');
    expect(screen.getByText('Launch survey')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create and start' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/experiments/${experiment().id}`));
    const posted = calls.filter((c) => c.method === 'POST');
    expect(posted.map((c) => c.url)).toEqual(['/api/experiments', `/api/experiments/${experiment().id}/start`]);
    expect(posted[0].body).toMatchObject({
      distributionId: '00000000-0000-0000-0000-000000000001',
      name: 'Subject lines',
      variants: [{ key: 'a', weight: 0.5, settings: {} }, { key: 'b', weight: 0.5, settings: { subject: 'Hi there', channel: 'sms' } }],
      metric: 'response',
      alpha: 0.05,
      maxSamplePerArm: 20000,
      testShare: 1,
      deadline: null,
    });
  });

  it('shows the API refusal as a readable sentence and stays on the review', async () => {
    api(() => problem(400, 'Bad Request', 'distribution 0000 does not exist'));
    renderRoute(<ExperimentWizard />, '/experiments/new', '/experiments/new');
    const user = userEvent.setup();
    await throughStepOne(user);
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Create as draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Bad Request: distribution 0000 does not exist (HTTP 400)');
    expect(screen.getByTestId('location')).toHaveTextContent('/experiments/new');
  });
});

describe('the draft checks', () => {
  it('mirror the API: weights in (0, 1] summing to 1 within 1e-6, at least 2 variants', () => {
    const draft = newDraft();
    expect(stepProblems({ ...draft, variants: draft.variants.slice(0, 1) }, 2).variants)
      .toBe('An experiment needs at least 2 variants, it has 1.');
    const thirds = evenWeights(3);
    expect(thirds.reduce((s, w) => s + Number(w), 0)).toBeCloseTo(1, 9);
    const zero = { ...draft, variants: draft.variants.map((v, i) => ({ ...v, weight: i === 0 ? '0' : '1' })) };
    expect(stepProblems(zero, 3)['weight-0']).toBe('A weight lies in (0, 1].');
    expect(stepProblems(zero, 3).weights).toBeUndefined();
  });

  it('send local times as instants and leave empty settings out', () => {
    const draft = newDraft();
    draft.variants[1].settings.sendAt = '2026-12-01T09:30';
    draft.variants[1].settings.subject = 'Two minutes?';
    draft.variants[1].settings.channel = 'sms';
    const body = toRequest({ ...draft, deadline: '2026-12-02T10:00' });
    expect(body.variants[0].settings).toEqual({});
    expect(body.variants[1].settings).toEqual({
      subject: 'Two minutes?',
      sendAt: new Date('2026-12-01T09:30').toISOString(),
      channel: 'sms',
    });
    expect(body.deadline).toBeNull(); // no deadline without a remainder to send the winner to
  });
});
