import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prefetch } from './api';
import { App } from './App';
import { storedApiKey } from './auth';
import { rangeStart, readFilters } from './filters';
import { dashboardPaths } from './pages/Dashboard';
import './styles.css';

// A signed-in visit of the dashboard: its figures are asked for now, while React starts and the charts load.
const apiKey = storedApiKey();
if (apiKey && window.location.pathname === '/') {
  const filters = readFilters(new URLSearchParams(window.location.search));
  const paths = dashboardPaths(filters, rangeStart(filters.range));
  prefetch(apiKey, ['/api/me', '/api/analytics/alerts', ...Object.values(paths)]);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
