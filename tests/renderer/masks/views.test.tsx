import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { computePonderMap } from '../../../core/maskfile/ponder';
import type { Host } from '../../../renderer/src/host/types';
import { HostContext } from '../../../renderer/src/hostContext';
import { requestOpen } from '../../../renderer/src/files/openRequests';
import { useStudio } from '../../../renderer/src/store';
import type { MasksBackend } from '../../../renderer/src/views/masks/masksActions';

/** The worker replaced by a recording fake: views must only talk to it through the client module. */
const backend = vi.hoisted(() => ({
  opened: [] as string[],
  proxyCalls: 0,
}));

vi.mock('../../../renderer/src/worker/masksClient', () => ({
  masksWorker: (): MasksBackend => ({
    openImage: (bytes) => {
      backend.opened.push(new TextDecoder().decode(bytes.subarray(0, 4)));
      return Promise.resolve({
        ok: false,
        error: 'This file is not an image (PNG, JPEG or WebP expected).',
      });
    },
    openDump: () => Promise.resolve({ ok: false, error: 'This is not a mask dump.' }),
    proxyMasks: () => {
      backend.proxyCalls++;
      return Promise.resolve({ ok: true, blocks: [], ponder: computePonderMap([]), elapsedMs: 0 });
    },
  }),
}));

const { MasksView } = await import('../../../renderer/src/views/masks/MasksView');
const { SpaceView } = await import('../../../renderer/src/views/space/SpaceView');

const host = {
  openFile: vi.fn(() => Promise.resolve(null)),
} as unknown as Host;

afterEach(() => {
  cleanup();
  useStudio.setState({ maskDump: null, maskImage: null, proxyMasks: null, notices: [] });
});

describe('MasksView', () => {
  it('labels the source, and receives "open image" requests while it is shown', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
    render(
      <HostContext.Provider value={host}>
        <MasksView />
      </HostContext.Provider>,
    );
    expect(screen.getByTestId('mask-source').textContent).toMatch(
      /^Proxy from image saliency — not a trained LAUDNet/,
    );
    // The default sample cannot be fetched here: the view says so instead of spinning.
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(useStudio.getState().notices.at(-1)?.text).toMatch(
      /sample photo "Dog" could not be loaded/,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Pick a sample or open an image/);

    await act(async () => {
      expect(
        await requestOpen('image', { name: 'x.png', bytes: new TextEncoder().encode('text') }),
      ).toBe(true);
    });
    expect(backend.opened).toContain('text');
    expect(useStudio.getState().notices.at(-1)?.text).toBe(
      'x.png could not be opened: This file is not an image (PNG, JPEG or WebP expected).',
    );
    cleanup();
    // Once the view is gone, requests are no longer routed to it.
    expect(await requestOpen('image', { name: 'y.png', bytes: new Uint8Array(1) })).toBe(false);
    vi.unstubAllGlobals();
  });
});

describe('SpaceView', () => {
  it('explains that WebGL is missing instead of failing (happy-dom has no WebGL)', () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
    render(<SpaceView />);
    expect(screen.getByTestId('space-webgl-problem').textContent).toMatch(/needs WebGL 2/);
    expect(screen.getByTestId('mask-source')).toBeTruthy();
    vi.unstubAllGlobals();
  });
});
