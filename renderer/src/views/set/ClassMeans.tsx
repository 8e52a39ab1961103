import { memo, useState } from 'react';
import { formatPercent } from '../../format';
import type { ClassMean } from '../../set/types';

/** Classes listed before "Show all". */
const FIRST_CLASSES = 12;

type SortKey = 'count' | 'flops' | 'rate' | 'label';

function sorted(classes: readonly ClassMean[], key: SortKey): ClassMean[] {
  const out = classes.slice();
  if (key === 'label') out.sort((a, b) => a.label.localeCompare(b.label));
  else if (key === 'flops') out.sort((a, b) => a.meanFlopsRatio - b.meanFlopsRatio);
  else if (key === 'rate') out.sort((a, b) => a.meanRate - b.meanRate);
  else out.sort((a, b) => b.count - a.count);
  return out;
}

/** Mean compute and rate per class label (ImageFolder classes), sortable. */
export const ClassMeans = memo(function ClassMeans({ classes }: { classes: readonly ClassMean[] }) {
  const [key, setKey] = useState<SortKey>('flops');
  const [all, setAll] = useState(false);
  const rows = sorted(classes, key);
  const shown = all ? rows : rows.slice(0, FIRST_CLASSES);
  const header = (k: SortKey, text: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={key === k ? (k === 'count' ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="th-sort" onClick={() => setKey(k)}>
        {text}
      </button>
    </th>
  );
  return (
    <div>
      <table className="set-class-table" data-testid="set-class-table">
        <thead>
          <tr>
            {header('label', 'Class')}
            {header('count', 'Images', true)}
            {header('rate', 'Mean rate', true)}
            {header('flops', 'Mean FLOPs', true)}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.label}>
              <td>{c.label}</td>
              <td className="num mono">{c.count}</td>
              <td className="num mono">{formatPercent(c.meanRate)}</td>
              <td className="num mono">{formatPercent(c.meanFlopsRatio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FIRST_CLASSES ? (
        <button type="button" className="btn small set-more" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${rows.length} classes`}
        </button>
      ) : null}
    </div>
  );
});
