export type GuildRole = 'OWNER' | 'OFFICER' | 'MEMBER';

export const roleLabels: Record<GuildRole, string> = { OWNER: 'Owner', OFFICER: 'Officer', MEMBER: 'Member' };

const rank: Record<GuildRole, number> = { OWNER: 3, OFFICER: 2, MEMBER: 1 };

export const outranks = (a: GuildRole | null, b: GuildRole) => a !== null && rank[a] > rank[b];
export const atLeastOfficer = (r: GuildRole | null) => r === 'OWNER' || r === 'OFFICER';

/** The activity feed's sentence for each event, after the actor's name. */
export function describeActivity(type: string, data: unknown): string {
  const d = (data ?? {}) as { username?: string; to?: string };
  const who = d.username ? `@${d.username}` : 'a member';
  switch (type) {
    case 'guild.created':
      return 'founded the guild';
    case 'guild.updated':
      return 'updated the guild profile';
    case 'member.invited':
      return `invited ${who}`;
    case 'member.joined':
      return 'joined';
    case 'member.left':
      return 'left';
    case 'member.kicked':
      return `removed ${who}`;
    case 'member.role_changed':
      return d.to ? `made ${who} ${d.to.toLowerCase()}` : `changed ${who}'s role`;
    case 'guild.ownership_transferred':
      return `handed ownership to ${who}`;
    default:
      return type;
  }
}
