// Matchmaking tunables in one place; tests pass overrides, production uses the defaults.

export interface MatchmakingOptions {
  /** A waiting request expires after this long without a match. */
  requestTtlMs: number;
  /** Both sides must accept a proposed match within this window. */
  acceptWindowMs: number;
  /** Acceptable skill gap for a request that just arrived... */
  baseSkillGap: number;
  /** ...widening by this much per second the older of the two has waited... */
  skillGapPerSecond: number;
  /** ...up to this cap. */
  maxSkillGap: number;
  /** Requests one matcher pass locks and considers; the rest wait for the next pass. */
  batchSize: number;
  /** Two people who just declined each other aren't proposed to each other again this soon. */
  rematchCooldownMs: number;
}

export const defaultMatchmakingOptions: MatchmakingOptions = {
  requestTtlMs: 5 * 60_000,
  acceptWindowMs: 30_000,
  baseSkillGap: 150,
  skillGapPerSecond: 10,
  maxSkillGap: 1200,
  batchSize: 200,
  rematchCooldownMs: 10 * 60_000,
};

export const withDefaults = (o: Partial<MatchmakingOptions> = {}): MatchmakingOptions => ({
  ...defaultMatchmakingOptions,
  ...o,
});

/** Skill when a user has no duel games yet: their self-declared level on the duel rating scale. */
export const skillByLevel = { BEGINNER: 1200, INTERMEDIATE: 1500, ADVANCED: 1800, EXPERT: 2100 } as const;
export const DEFAULT_SKILL = 1500;

export const MATCH_CHANNEL = 'match_updates';
export const MATCH_QUEUE_CHANNEL = 'match_queue';
