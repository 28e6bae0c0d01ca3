/** Total XP needed to leave level n: 100·n·(n+1)/2, the rule the seed and the progression domain use. */
export function xpToLeaveLevel(level: number): number {
  return (100 * level * (level + 1)) / 2;
}

export function levelProgress(level: number, xp: number) {
  const floor = xpToLeaveLevel(level - 1);
  const ceiling = xpToLeaveLevel(level);
  const span = ceiling - floor;
  return {
    toNext: Math.max(0, ceiling - xp),
    fraction: span > 0 ? Math.min(1, Math.max(0, (xp - floor) / span)) : 0,
  };
}
