/** Game areas linked from the navigation and the dashboard; each has a page, some still "coming soon". */
export const features = [
  { href: '/problems', label: 'Problems', blurb: 'Solve challenges judged in a sandbox, in six languages.' },
  { href: '/skill-tree', label: 'Skill tree', blurb: 'Follow quests along the branches of your course.' },
  { href: '/duels', label: 'Duels', blurb: 'Race another player to the first accepted solution.' },
  {
    href: '/pair',
    label: 'Pair programming',
    navLabel: 'Pair',
    blurb: 'Match with a partner and code in one shared editor.',
  },
  { href: '/contests', label: 'Contests', blurb: 'Timed problem sets with a live scoreboard and ratings.' },
  {
    href: '/leaderboards',
    label: 'Leaderboards',
    navLabel: 'Ranks',
    blurb: 'See who leads by rating, XP or problems solved.',
  },
  { href: '/guilds', label: 'Guilds', blurb: 'Band together, meet up and climb the guild leaderboard.' },
] as const;

export type Feature = (typeof features)[number];

export function featureAt(href: Feature['href']): Feature {
  return features.find((f) => f.href === href) as Feature;
}
