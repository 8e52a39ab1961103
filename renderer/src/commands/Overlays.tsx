import { useEffect, useMemo, useRef, useState } from 'react';
import {
  COMMANDS,
  formatAccelerator,
  paletteCommands,
  type CommandId,
} from '../../../core/commands';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { VIEWS } from '../views/registry';
import { COMMAND_HANDLERS, runCommand } from './handlers';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The help overlay (`?`) and the command palette (Ctrl/Cmd+K). */
export function Overlays() {
  const helpOpen = useStudio((s) => s.helpOpen);
  const paletteOpen = useStudio((s) => s.paletteOpen);
  return (
    <>
      {helpOpen ? <HelpOverlay /> : null}
      {paletteOpen ? <CommandPalette /> : null}
    </>
  );
}

function HelpOverlay() {
  const close = () => useStudio.getState().setHelpOpen(false);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const shortcuts = COMMANDS.filter((c) => 'accelerator' in c).map((c) => ({
    label: c.label.replace(/…$/, ''),
    keys: formatAccelerator((c as { accelerator: string }).accelerator, isMac),
  }));
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
            {VIEWS.map((v) => (
              <tr key={v.id}>
                <td>Show {v.label.toLowerCase()}</td>
                <td>
                  <kbd>
                    {isMac ? '⌥' : 'Alt+'}
                    {v.digit}
                  </kbd>
                </td>
              </tr>
            ))}
            <tr>
              <td>This help</td>
              <td>
                <kbd>?</kbd>
              </td>
            </tr>
            <tr>
              <td>Close a dialog</td>
              <td>
                <kbd>Esc</kbd>
              </td>
            </tr>
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

function CommandPalette() {
  const host = useHost();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const close = () => useStudio.getState().setPaletteOpen(false);
  const items = useMemo(() => {
    const q = query.trim().toLowerCase();
    return paletteCommands().filter(
      (c) => !q || c.label.toLowerCase().includes(q) || c.id.includes(q),
    );
  }, [query]);
  const run = (id: string) => {
    close();
    void runCommand(id as CommandId, host);
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
          placeholder="Type a command…"
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
            } else if (e.key === 'Enter' && items[active]) {
              run(items[active].id);
            }
          }}
        />
        <ul id="palette-list" role="listbox" className="palette-list">
          {items.map((c, i) => {
            const handler = COMMAND_HANDLERS[c.id as CommandId];
            const disabled = handler.enabled ? !handler.enabled() : false;
            return (
              <li
                key={c.id}
                role="option"
                aria-selected={i === active}
                aria-disabled={disabled}
                className={i === active ? 'active' : undefined}
                onMouseEnter={() => setActive(i)}
                onClick={() => !disabled && run(c.id)}
              >
                <span>{c.label}</span>
                {c.accelerator ? <kbd>{formatAccelerator(c.accelerator, isMac)}</kbd> : null}
              </li>
            );
          })}
          {items.length === 0 ? <li className="hint">No command matches “{query}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}
