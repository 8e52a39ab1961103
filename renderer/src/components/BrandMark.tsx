/** The app's mark: a 4×4 grid of patches, some skipped — a spatial mask in miniature. */
export function BrandMark() {
  const kept = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
  return (
    <svg className="brand-mark" viewBox="0 0 22 22" aria-hidden="true">
      <rect width="22" height="22" rx="5" fill="var(--accent)" />
      {kept.map((k, i) => (
        <rect
          key={i}
          x={3 + (i % 4) * 4.2}
          y={3 + Math.floor(i / 4) * 4.2}
          width="3.4"
          height="3.4"
          rx="0.8"
          fill="#fff"
          opacity={k ? 0.95 : 0.28}
        />
      ))}
    </svg>
  );
}
