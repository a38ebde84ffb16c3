import type { ReactNode } from 'react';

/** A chart with a title and a text summary: the picture is for eyes, the label for everyone. */
export function Chart({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} data-chart={id}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      <div role="img" aria-label={`${title}. ${summary}`}>
        {children}
      </div>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
    </figure>
  );
}

export const COLOURS = {
  sent: '#4c6ef5',
  delivered: '#2f9e44',
  bounced: '#e8590c',
  failed: '#c92a2a',
  opened: '#7048e8',
  completed: '#0b7285',
};
