import { Link } from 'react-router-dom';
import type { DistributionPage } from '../api';
import { count, percent } from '../format';

const COLUMNS: { key: string; label: string; value: (d: DistributionPage['items'][number]) => string }[] = [
  { key: 'name', label: 'Name', value: (d) => d.name },
  { key: 'createdAt', label: 'Created', value: (d) => new Date(d.createdAt).toLocaleString('en') },
  { key: 'sent', label: 'Sent', value: (d) => count(d.metrics.counts.messages.sent) },
  { key: 'delivered', label: 'Delivered', value: (d) => count(d.metrics.counts.messages.delivered) },
  { key: 'deliveryRate', label: 'Delivery rate', value: (d) => percent(d.metrics.rates.delivery?.value) },
  { key: 'bounceRate', label: 'Bounce rate', value: (d) => percent(d.metrics.rates.bounce?.value) },
  { key: 'responseRate', label: 'Response rate', value: (d) => percent(d.metrics.rates.response?.value) },
];

interface Props {
  page: DistributionPage;
  sort: string;
  onSort(sort: string): void;
  onPage(page: number): void;
  search: string;
}

/** The tenant's distributions, sortable by any column (a button in each header) and paged. */
export function DistributionsTable({ page, sort, onSort, onPage, search }: Props) {
  const [field, direction] = sort.split(',');
  return (
    <section aria-labelledby="distributions-title" className="distributions">
      <h2 id="distributions-title">Distributions</h2>
      <table>
        <caption className="visually-hidden">
          Distributions sorted by {field} {direction === 'asc' ? 'ascending' : 'descending'}, page {page.page + 1} of{' '}
          {Math.max(1, page.totalPages)}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key === field;
              const next = active && direction === 'desc' ? 'asc' : 'desc';
              return (
                <th key={c.key} scope="col" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" onClick={() => onSort(`${c.key},${next}`)}>
                    {c.label}
                    <span aria-hidden="true">{active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {page.items.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length}>No distributions yet.</td>
            </tr>
          )}
          {page.items.map((d) => (
            <tr key={d.id} data-distribution={d.id}>
              {COLUMNS.map((c, i) => (
                <td key={c.key}>
                  {i === 0 ? <Link to={`/distributions/${d.id}${search}`}>{c.value(d)}</Link> : c.value(d)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Distribution pages">
        <button type="button" disabled={page.page <= 0} onClick={() => onPage(page.page - 1)}>
          Previous
        </button>
        <span>
          Page {page.page + 1} of {Math.max(1, page.totalPages)} ({count(page.totalElements)} distributions)
        </span>
        <button type="button" disabled={page.page + 1 >= page.totalPages} onClick={() => onPage(page.page + 1)}>
          Next
        </button>
      </nav>
    </section>
  );
}
