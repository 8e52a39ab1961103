import { defaultConfig } from '../../../core/config/defaults';
import { parseConfig, serializeConfig } from '../../../core/config/parse';
import { validateConfig } from '../../../core/config/validate';
import type { Host, OpenedFile } from '../host/types';
import { useStudio } from '../store';

/** Suggested file name for the configuration (`resnet50-spatial.laudnet.json`). */
export function configFileName(): string {
  const { fileName, config } = useStudio.getState();
  if (fileName) return fileName;
  const slug = (config.name || 'configuration')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'configuration'}.laudnet.json`;
}

/** Loads configuration text: on success it replaces the current one (undoable); otherwise nothing changes. */
export function loadConfigText(name: string, text: string): boolean {
  const { notify, replaceConfig } = useStudio.getState();
  const parsed = parseConfig(text);
  if (!parsed.ok) {
    notify(
      'error',
      `${name} could not be opened: ${parsed.error}. Your current configuration is unchanged.`,
    );
    return false;
  }
  const problems = validateConfig(parsed.config);
  if (problems.length > 0) {
    notify(
      'error',
      `${name} could not be opened: ${problems.join('; ')}. Your current configuration is unchanged.`,
    );
    return false;
  }
  replaceConfig(parsed.config, name);
  notify('info', `Opened ${name}.`);
  return true;
}

export function loadConfigFile(file: OpenedFile): boolean {
  if (file.bytes.byteLength > 20 * 1024 * 1024) {
    useStudio
      .getState()
      .notify(
        'error',
        `${file.name} is ${(file.bytes.byteLength / 1048576).toFixed(0)} MB: far too large for a configuration (limit 20 MB).`,
      );
    return false;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    useStudio
      .getState()
      .notify('error', `${file.name} is not UTF-8 text, so it is not a configuration file.`);
    return false;
  }
  return loadConfigText(file.name, text);
}

export async function openConfig(host: Host): Promise<void> {
  const file = await host.openFile('config');
  if (file) loadConfigFile(file);
}

/**
 * Save / Save as. The desktop host writes atomically to the document's own file (main keeps its path and
 * a .bak); the web build downloads a copy.
 */
export async function saveConfig(host: Host, forceDialog: boolean): Promise<void> {
  const s = useStudio.getState();
  const name = forceDialog || !s.fileName ? configFileName() : s.fileName;
  const data = serializeConfig(s.config);
  const result = host.saveDocument
    ? await host.saveDocument({ suggestedName: name, data, saveAs: forceDialog })
    : await host.saveFile({ kind: 'config', suggestedName: name, data });
  if (result) {
    s.markSaved(result.name);
    s.notify('info', `Saved ${result.name}.`);
  }
}

export function newConfig(): void {
  const s = useStudio.getState();
  const id = s.config.model.kind === 'builtin' ? s.config.model.id : 'resnet50';
  s.replaceConfig(defaultConfig(id), null);
}
