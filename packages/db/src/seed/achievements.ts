export const achievements = [
  { key: 'first-ac', title: 'First Blood', description: 'Get your first Accepted verdict.', icon: 'sword', xpReward: 25 },
  { key: 'streak-7', title: 'Seven-Day Streak', description: 'Solve something seven days in a row.', icon: 'flame', xpReward: 100 },
  { key: 'boss-defeated', title: 'Boss Slayer', description: 'Defeat the boss problem at the end of a dungeon run.', icon: 'skull', xpReward: 150 },
  { key: 'helpful-partner', title: 'Helpful Partner', description: 'Finish five pair sessions that end in an accepted solution.', icon: 'handshake', xpReward: 75 },
  { key: 'duel-winner', title: 'Duelist', description: 'Win your first live duel.', icon: 'crossed-swords', xpReward: 50 },
  { key: 'polyglot', title: 'Polyglot', description: 'Get Accepted in three different languages.', icon: 'scroll', xpReward: 60 },
  { key: 'tree-mastered', title: 'Arborist', description: 'Master every node of a skill tree.', icon: 'tree', xpReward: 300 },
  { key: 'guild-founder', title: 'Guild Founder', description: 'Found a guild.', icon: 'banner', xpReward: 20 },
];
