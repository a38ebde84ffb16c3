import { BUCKETS, CHANNELS, RANGES, type Filters } from '../filters';

/** Range, channel and bucket pickers; each change lands in the URL. */
export function FilterBar({
  filters,
  onChange,
  channel = true,
}: {
  filters: Filters;
  onChange(change: Partial<Filters>): void;
  channel?: boolean;
}) {
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Range
        <select value={filters.range} onChange={(e) => onChange({ range: e.target.value as Filters['range'], page: 0 })}>
          {Object.keys(RANGES).map((r) => (
            <option key={r} value={r}>
              last {r}
            </option>
          ))}
        </select>
      </label>
      {channel && (
        <label>
          Channel
          <select value={filters.channel} onChange={(e) => onChange({ channel: e.target.value })}>
            <option value="">all channels</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Bucket
        <select value={filters.bucket} onChange={(e) => onChange({ bucket: e.target.value as Filters['bucket'] })}>
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
