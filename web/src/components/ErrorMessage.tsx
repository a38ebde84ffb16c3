import type { ApiError } from '../api';

/** An API error as a sentence, announced to screen readers. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {error.message}
    </p>
  );
}
