import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import type { Me } from './api';
import { AuthProvider, useAuth } from './auth';
import { ErrorMessage } from './components/ErrorMessage';
import { Dashboard } from './pages/Dashboard';
import { DistributionDetail } from './pages/DistributionDetail';
import { SignIn } from './pages/SignIn';
import { useApi } from './useApi';

const Experiments = lazy(() => import('./pages/Experiments'));
const ExperimentWizard = lazy(() => import('./pages/ExperimentWizard'));
const ExperimentResults = lazy(() => import('./pages/ExperimentResults'));
const loading = <main id="main" aria-busy="true">Loading…</main>;

function Header() {
  const { signOut } = useAuth();
  const me = useApi<Me>('/api/me');
  return (
    <header className="top">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Link to="/" className="brand">
        Funnelstream
      </Link>
      <Link to="/experiments">Experiments</Link>
      <span className="tenant" data-tenant={me.data?.tenant ?? ''}>
        {me.data ? (
          <>
            Tenant <code>{me.data.tenant}</code> · {me.data.role}
          </>
        ) : (
          'Tenant …'
        )}
      </span>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
      <ErrorMessage error={me.error} />
    </header>
  );
}

function Signed() {
  const { apiKey } = useAuth();
  if (!apiKey) return <SignIn />;
  return (
    <>
      <Header />
      <Routes>
        <Route path="/" element={<Dashboard />} />
        <Route path="/distributions/:id" element={<DistributionDetail />} />
        <Route path="/experiments" element={<Suspense fallback={loading}><Experiments /></Suspense>} />
        <Route path="/experiments/new" element={<Suspense fallback={loading}><ExperimentWizard /></Suspense>} />
        <Route path="/experiments/:id" element={<Suspense fallback={loading}><ExperimentResults /></Suspense>} />
        <Route
          path="*"
          element={
            <main id="main">
              <h1>Not found</h1>
              <Link to="/">Back to the dashboard</Link>
            </main>
          }
        />
      </Routes>
    </>
  );
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Signed />
      </BrowserRouter>
    </AuthProvider>
  );
}
