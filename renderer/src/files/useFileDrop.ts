import { useEffect } from 'react';
import { folderFromDrop, isSetDrop } from '../host/browserFolder';
import { readFileBytes } from '../host/browserHost';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { runCommand } from '../commands/handlers';
import { setActions } from '../views/set/setAppActions';

/** Routes a file dropped anywhere on the window by its name: config, mask dump or image. */
export function useFileDrop(): void {
  const host = useHost();
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file || !e.dataTransfer) return;
      e.preventDefault();
      // A folder, several files or a set summary: an image set (entries must be read during the event).
      if (isSetDrop(e.dataTransfer)) {
        void folderFromDrop(e.dataTransfer).then((folder) =>
          folder ? setActions.openFolder(folder) : false,
        );
        return;
      }
      // A view that handles drops itself (the masks view) stops propagation before this runs.
      void readFileBytes(file).then((opened) => {
        const name = opened.name.toLowerCase();
        if (name.endsWith('.npz')) return runCommand('file.open-mask', host, opened);
        if (name.endsWith('.onnx')) return runCommand('file.open-model', host, opened);
        if (/\.(png|jpe?g|webp)$/.test(name)) return runCommand('file.open-image', host, opened);
        if (name.endsWith('.json')) return runCommand('file.open-config', host, opened);
        useStudio
          .getState()
          .notify(
            'error',
            `${opened.name}: unknown file type (expected .laudnet.json, .laudmask.npz, .onnx or an image).`,
          );
      });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [host]);
}
