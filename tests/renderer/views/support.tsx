/**
 * Test support for the analysis views: a recording Host, and the app store loaded with a configuration
 * and the analysis the real worker functions compute for it (no hand-written numbers).
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { StudioConfig } from '../../../core/config/schema';
import type { Host, SaveRequest } from '../../../renderer/src/host/types';
import { HostContext } from '../../../renderer/src/hostContext';
import { useStudio } from '../../../renderer/src/store';
import { analyze, hardwareRows } from '../../../renderer/src/worker/analysis';

/** A Host that records what would be saved. */
export interface RecordingHost extends Host {
  saved: SaveRequest[];
}

export function recordingHost(): RecordingHost {
  const saved: SaveRequest[] = [];
  return {
    platform: 'web',
    saved,
    appInfo: () => Promise.resolve({ name: 'test', version: '0', platform: 'web', versions: {} }),
    openFile: () => Promise.resolve(null),
    saveFile: (request) => {
      saved.push(request);
      return Promise.resolve({ name: request.suggestedName });
    },
    copyText: () => Promise.resolve(),
    loadSession: () => Promise.resolve(null),
    saveSession: () => Promise.resolve(),
    onCommand: () => () => undefined,
    openDocs: () => Promise.resolve(),
  };
}

/** Renders inside a HostContext (a fresh recording host unless one is given). */
export function renderWithHost(
  ui: ReactElement,
  host: RecordingHost = recordingHost(),
): RenderResult & { host: RecordingHost } {
  return { ...render(<HostContext.Provider value={host}>{ui}</HostContext.Provider>), host };
}

const pristine = useStudio.getState();

/** Resets the app store to its start state (the store is a module singleton shared by the tests). */
export function resetStudio(): void {
  useStudio.setState(pristine, true);
}

/** Loads `config` into the app store with its real analysis (and hardware rows when asked). */
export function loadStudio(config: StudioConfig, options: { hardware?: boolean } = {}) {
  const analysis = analyze(config);
  useStudio.setState({
    config,
    analysis,
    hardwareRows: options.hardware ? hardwareRows(config) : null,
    selectedBlock: null,
  });
  return analysis;
}
