import { ExportSection } from './ExportSection';
import { HardwareSection } from './HardwareSection';
import { ModelSection } from './ModelSection';
import { StagesSection } from './StagesSection';
import { TargetSection } from './TargetSection';

/** Left panel: everything the researcher tunes. */
export function ControlsPanel() {
  return (
    <aside className="sidebar" aria-label="Controls">
      <ModelSection />
      <HardwareSection />
      <TargetSection />
      <StagesSection />
      <ExportSection />
    </aside>
  );
}
