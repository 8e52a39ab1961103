import { memo, useEffect, useState } from 'react';
import type { RecentFile } from '../host/types';
import { useHost } from '../hostContext';
import { runCommand } from '../commands/handlers';
import { OPEN_COMMAND_FOR_KIND } from '../../../core/commands';
import { useStudio } from '../store';

/** Recently opened files (desktop only: main keeps the list and the paths). */
export const RecentFiles = memo(function RecentFiles() {
  const host = useHost();
  const [files, setFiles] = useState<RecentFile[] | null>(null);
  const fileName = useStudio((s) => s.fileName);
  useEffect(() => {
    if (!host.listRecent) return;
    let alive = true;
    host
      .listRecent()
      .then((list) => alive && setFiles(list))
      .catch(() => alive && setFiles([]));
    return () => {
      alive = false;
    };
  }, [host, fileName]);
  if (!host.listRecent || !files || files.length === 0) return null;
  const open = async (file: RecentFile) => {
    const opened = await host.openRecent?.(file.id);
    if (!opened) return;
    const command = OPEN_COMMAND_FOR_KIND[file.kind as keyof typeof OPEN_COMMAND_FOR_KIND];
    if (command) await runCommand(command, host, opened);
  };
  return (
    <div className="recent-files">
      <div className="field-label hint">Recent</div>
      <ul>
        {files.slice(0, 6).map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className="link"
              title={`${f.folder}/${f.name}`}
              onClick={() => void open(f)}
            >
              {f.name}
            </button>
            <span className="hint"> {f.folder}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});
