import { memo } from 'react';
import { ExportSection } from './ExportSection';
import { HardwareSection } from './HardwareSection';
import { ModelSection } from './ModelSection';
import { StagesSection } from './StagesSection';
import { TargetSection } from './TargetSection';
import { TransformerControls } from '../transformer/TransformerControls';
import { useStudio } from '../store';

/** Left panel: everything the researcher tunes (each section re-renders on what it shows only). */
export const ControlsPanel = memo(function ControlsPanel() {
  const transformer = useStudio((s) => s.transformer !== null);
  return (
    <aside className="sidebar" aria-label="Controls">
      <ModelSection />
      <HardwareSection />
      {transformer ? (
        <TransformerControls />
      ) : (
        <>
          <TargetSection />
          <StagesSection />
          <ExportSection />
        </>
      )}
    </aside>
  );
});
