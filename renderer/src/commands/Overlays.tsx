import { useEffect, useMemo, useRef, useState } from 'react';
import { COMMANDS, commandKeys, formatAccelerator, fuzzyFilter } from '../../../core/commands';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { paletteEntries, paletteText } from './paletteActions';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The help overlay (`?`): every keyboard shortcut, from the command registry. */
export function HelpOverlay() {
  const close = () => useStudio.getState().setHelpOpen(false);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  // Every key of every command, from the registry (the one place shortcuts are declared).
  const shortcuts = COMMANDS.flatMap((c) => {
    const keys = commandKeys(c);
    return keys.length
      ? [
          {
            label: c.label.replace(/…$/, ''),
            keys: keys.map((k) => formatAccelerator(k, isMac)).join(' or '),
          },
        ]
      : [];
  });
  return (
    <div className="overlay" role="presentation" onClick={close}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="data shortcuts">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.label}>
                <td>{s.label}</td>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Every control is reachable with Tab; sliders move with the arrow keys (Shift for larger
          steps in number boxes).
        </p>
        <button ref={ref} type="button" className="btn" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The command palette (Ctrl/Cmd+K). */
export function CommandPalette() {
  const host = useHost();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const close = () => useStudio.getState().setPaletteOpen(false);
  const config = useStudio((s) => s.config);
  const theme = useStudio((s) => s.theme);
  const entries = useMemo(() => paletteEntries(config, theme, isMac), [config, theme]);
  const items = useMemo(() => fuzzyFilter(entries, query, paletteText), [entries, query]);
  const run = (index: number) => {
    const item = items[index];
    if (!item || !item.enabled) return;
    close();
    item.run(host);
  };
  return (
    <div className="overlay" role="presentation" onClick={close}>
      <div
        className="dialog palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={inputRef}
          type="text"
          placeholder="Type a command or setting (e.g. gran, 101, dark)…"
          aria-label="Command"
          aria-controls="palette-list"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              run(active);
            }
          }}
        />
        <ul id="palette-list" role="listbox" className="palette-list">
          {items.map((c, i) => (
            <li
              key={c.key}
              role="option"
              aria-selected={i === active}
              aria-disabled={!c.enabled}
              className={i === active ? 'active' : undefined}
              ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(i)}
            >
              <span className="palette-label">
                {c.label}
                {c.current ? <span className="palette-current"> · current</span> : null}
              </span>
              <span className="palette-group">{c.group}</span>
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </li>
          ))}
          {items.length === 0 ? <li className="hint">No command matches “{query}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}
