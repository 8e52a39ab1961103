import { Suspense } from 'react';
import { CommandPalette, HelpOverlay } from '../components/lazyDialogs';
import { useStudio } from '../store';

/** The backdrop shown for the moment an overlay's chunk is still loading. */
const Backdrop = () => <div className="overlay" role="presentation" />;

/** The help overlay (`?`) and the command palette (Ctrl/Cmd+K), loaded on first open. */
export function Overlays() {
  const helpOpen = useStudio((s) => s.helpOpen);
  const paletteOpen = useStudio((s) => s.paletteOpen);
  const Help = HelpOverlay.component;
  const Palette = CommandPalette.component;
  return (
    <Suspense fallback={<Backdrop />}>
      {helpOpen ? <Help /> : null}
      {paletteOpen ? <Palette /> : null}
    </Suspense>
  );
}
