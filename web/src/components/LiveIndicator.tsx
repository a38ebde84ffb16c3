import type { StreamStatus } from '../useAnalyticsStream';

const LABELS: Record<StreamStatus, { icon: string; text: string; title: string }> = {
  connecting: { icon: '…', text: 'Connecting', title: 'Opening the live stream' },
  live: { icon: '●', text: 'Live', title: 'Figures update as events arrive' },
  reconnecting: { icon: '↻', text: 'Reconnecting', title: 'The live stream dropped; trying again' },
  offline: { icon: '✕', text: 'Offline', title: 'The service cannot be reached; figures may be stale' },
};

/** The live stream's state, in words and an icon as well as colour. */
export function LiveIndicator({ status }: { status: StreamStatus }) {
  const label = LABELS[status];
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite" title={label.title} data-status={status}>
      <span aria-hidden="true">{label.icon}</span> {label.text}
    </span>
  );
}
