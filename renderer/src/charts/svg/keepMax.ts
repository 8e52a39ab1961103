/**
 * The top of an axis that starts at 0, kept across data changes: the one drawn before while every value
 * fits under it and the largest reaches at least half of it (a rate change then moves bars, not the axis,
 * its ticks or gridlines); otherwise `needed`, the data's own top.
 */
export function keepMax(drawn: number | null, needed: number): number {
  if (drawn === null || needed > drawn || needed < 0.5 * drawn) return needed;
  return drawn;
}
