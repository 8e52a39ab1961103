/** The finished batch's summary as a set folder: what the set view reads leaves the bytes to save. */
import { describe, expect, it } from 'vitest';
import { summaryFolder } from '../../../../renderer/src/live/liveBatchActions';

describe('summaryFolder', () => {
  it('hands out a copy, so a reader that transfers (detaches) it leaves the summary whole', async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 9, 9]);
    const folder = summaryFolder('live: m.onnx — photos', bytes);
    expect(folder.files).toEqual([{ path: 'summary.npz', size: 6 }]);
    const read = await folder.read('summary.npz');
    // As a worker transfer does.
    structuredClone(read.buffer, { transfer: [read.buffer] });
    expect(read.byteLength).toBe(0);
    expect(Array.from(bytes)).toEqual([80, 75, 3, 4, 9, 9]);
    expect(Array.from(await folder.read('summary.npz'))).toEqual([80, 75, 3, 4, 9, 9]);
  });

  it('refuses any other file with a message', async () => {
    const folder = summaryFolder('s', new Uint8Array([1]));
    await expect(folder.read('a.laudmask.npz')).rejects.toThrow(
      'a.laudmask.npz was not written by the live batch.',
    );
  });
});
