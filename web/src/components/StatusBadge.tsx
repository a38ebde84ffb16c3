import { STATUSES, type ExperimentStatus } from '../experiments';

/** An experiment's status in words and an icon as well as colour. */
export function StatusBadge({ status }: { status: ExperimentStatus | string }) {
  const label = STATUSES[status as ExperimentStatus] ?? { icon: '?', text: status };
  return (
    <span className={`badge badge-${status}`} data-experiment-status={status}>
      <span aria-hidden="true">{label.icon}</span> {label.text}
    </span>
  );
}
