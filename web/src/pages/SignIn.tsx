import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError, type Me } from '../api';
import { useAuth } from '../auth';
import { ErrorMessage } from '../components/ErrorMessage';

/** Asks for an API key, checks it against /api/me, and keeps it for the tab's life. */
export function SignIn() {
  const { signIn } = useAuth();
  const [key, setKey] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch<Me>(key.trim(), '/api/me');
      signIn(key.trim());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>Funnelstream</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="fsk_..."
          required
        />
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
        <p className="hint">
          The key stays in this tab only (session storage). <code>./funnelstream run --demo</code> prints one.
        </p>
      </form>
      <ErrorMessage error={error} />
    </main>
  );
}
