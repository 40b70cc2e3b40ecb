/** A household as the 民情账 names it: estate, building and door (和平花园 2栋 1单元101). */
export const doorLabel = (r: { estate: string | null; building: string; door: string }): string =>
  [r.estate, r.building, r.door].filter((part) => part).join(" ");
