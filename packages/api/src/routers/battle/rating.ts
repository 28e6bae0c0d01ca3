// Rating math, free of I/O so it can be tested against hand-computed numbers.
//
// Duels use Glicko-2 (Glickman, "Example of the Glicko-2 system", 2013) with each duel as its own
// rating period, as most online platforms do. Why Glicko-2 rather than Elo: the rating deviation
// (RD) *is* the provisional period. A newcomer starts at RD 350, so their first duels move their
// rating by hundreds of points and barely move an established opponent's; RD shrinks with every
// game and grows again with inactivity, so a returning player re-converges quickly. Elo needs an
// ad-hoc K-factor schedule ("K = 40 for the first 30 games") to approximate the same thing, and it
// cannot tell a settled 1500 from an unknown one. A rating is shown as provisional while RD > 110.
//
// Contests use the Codeforces algorithm (Mirzayanov, "Open Codeforces Rating System", 2015): a
// contestant's expected place (seed) follows from everyone's ratings via Elo win probabilities;
// the rating that would have made the geometric mean of seed and actual place the expected place
// is the performance, and the contestant moves half-way towards it. Two corrections keep the
// deltas summing to about -1 per contestant (a deliberate, tiny deflation) and keep the top
// contestants from inflating.

export const DEFAULT_RATING = 1500;
export const DEFAULT_DEVIATION = 350;
export const DEFAULT_VOLATILITY = 0.06;
/** Glicko-2 system constant: how much volatility may change per period (Glickman suggests 0.3–1.2). */
export const GLICKO_TAU = 0.5;
/** Glicko-2's scale factor between the Glicko and Glicko-2 scales (400 / ln 10). */
const SCALE = 173.7178;
export const MIN_DEVIATION = 30;
/** A duel rating with a deviation above this is provisional (the player is still being placed). */
export const PROVISIONAL_DEVIATION = 110;
/** A week without duels counts as one empty rating period: the deviation grows back a little. */
export const IDLE_PERIOD_DAYS = 7;

export interface Glicko {
  rating: number;
  deviation: number;
  volatility: number;
}

export const newGlicko = (): Glicko => ({
  rating: DEFAULT_RATING,
  deviation: DEFAULT_DEVIATION,
  volatility: DEFAULT_VOLATILITY,
});

const g = (phi: number) => 1 / Math.sqrt(1 + (3 * phi * phi) / (Math.PI * Math.PI));
const expected = (mu: number, muJ: number, phiJ: number) => 1 / (1 + Math.exp(-g(phiJ) * (mu - muJ)));

/**
 * Uncertainty grows while a player is away: each idle period adds σ² to φ² (Glicko-2 step 6 for
 * a period without games), capped at the newcomer's deviation.
 */
export function inflateDeviation(player: Glicko, idleDays: number): Glicko {
  const periods = Math.max(0, idleDays / IDLE_PERIOD_DAYS);
  if (periods === 0) return player;
  const phi = player.deviation / SCALE;
  const inflated = Math.sqrt(phi * phi + periods * player.volatility * player.volatility) * SCALE;
  return { ...player, deviation: Math.min(DEFAULT_DEVIATION, inflated) };
}

/**
 * One Glicko-2 rating period for `player` against `games` (score 1 = win, 0.5 = draw, 0 = loss),
 * using the opponents' ratings from before the period.
 */
export function glicko2(player: Glicko, games: { opponent: Glicko; score: number }[], tau = GLICKO_TAU): Glicko {
  const mu = (player.rating - DEFAULT_RATING) / SCALE;
  const phi = player.deviation / SCALE;
  const sigma = player.volatility;
  if (!games.length) return inflateDeviation(player, IDLE_PERIOD_DAYS);

  // Steps 3 and 4: estimated variance v and improvement Δ.
  let vInv = 0;
  let sum = 0;
  for (const { opponent, score } of games) {
    const muJ = (opponent.rating - DEFAULT_RATING) / SCALE;
    const phiJ = opponent.deviation / SCALE;
    const e = expected(mu, muJ, phiJ);
    vInv += g(phiJ) ** 2 * e * (1 - e);
    sum += g(phiJ) * (score - e);
  }
  const v = 1 / vInv;
  const delta = v * sum;

  // Step 5: new volatility by the Illinois algorithm.
  const a = Math.log(sigma * sigma);
  const f = (x: number) => {
    const ex = Math.exp(x);
    const d = phi * phi + v + ex;
    return (ex * (delta * delta - phi * phi - v - ex)) / (2 * d * d) - (x - a) / (tau * tau);
  };
  const EPS = 1e-6;
  let A = a;
  let B: number;
  if (delta * delta > phi * phi + v) {
    B = Math.log(delta * delta - phi * phi - v);
  } else {
    let k = 1;
    while (f(a - k * tau) < 0) k++;
    B = a - k * tau;
  }
  let fA = f(A);
  let fB = f(B);
  for (let i = 0; i < 100 && Math.abs(B - A) > EPS; i++) {
    const C = A + ((A - B) * fA) / (fB - fA);
    const fC = f(C);
    if (fC * fB <= 0) {
      A = B;
      fA = fB;
    } else {
      fA /= 2;
    }
    B = C;
    fB = fC;
  }
  const sigmaNew = Math.exp(A / 2);

  // Steps 6 to 8: new deviation and rating, back on the Glicko scale.
  const phiStar = Math.sqrt(phi * phi + sigmaNew * sigmaNew);
  const phiNew = 1 / Math.sqrt(1 / (phiStar * phiStar) + 1 / v);
  const muNew = mu + phiNew * phiNew * sum;
  return {
    rating: SCALE * muNew + DEFAULT_RATING,
    deviation: Math.min(DEFAULT_DEVIATION, Math.max(MIN_DEVIATION, SCALE * phiNew)),
    volatility: sigmaNew,
  };
}

/** Both sides of one duel. `scoreA` is 1 when A won, 0 when B won, 0.5 for a draw. */
export function duelUpdate(a: Glicko, b: Glicko, scoreA: 0 | 0.5 | 1): [Glicko, Glicko] {
  return [glicko2(a, [{ opponent: b, score: scoreA }]), glicko2(b, [{ opponent: a, score: 1 - scoreA }])];
}

/** Elo win probability of a rating `ra` against `rb` (also the Codeforces seed term). */
export const eloWinProbability = (ra: number, rb: number) => 1 / (1 + 10 ** ((rb - ra) / 400));

export interface ContestEntry {
  userId: string;
  rating: number;
  /** Place on the final scoreboard, 1-based; tied contestants share the best place (1, 1, 3). */
  rank: number;
}

/**
 * Codeforces-style rating changes for one contest. Returns integer deltas by user id. Fewer than
 * two contestants: nothing to compare, no change.
 */
export function contestDeltas(entries: ContestEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  const n = entries.length;
  if (n < 2) {
    for (const e of entries) out.set(e.userId, 0);
    return out;
  }
  // Codeforces places tied contestants at the *last* place of their group (two tied for first
  // both count as 2nd): a tie is never better than it would be broken against you.
  const byRank = [...entries].sort((x, y) => x.rank - y.rank);
  const place = new Map<string, number>();
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && byRank[j + 1].rank === byRank[i].rank) j++;
    for (let k = i; k <= j; k++) place.set(byRank[k].userId, j + 1);
    i = j + 1;
  }

  /** Expected place of someone rated `r` among everyone else: 1 + Σ P(other beats them). */
  const seedAgainst = (r: number, self: string) => {
    let s = 1;
    for (const o of entries) if (o.userId !== self) s += eloWinProbability(o.rating, r);
    return s;
  };

  const deltas = entries.map((e) => {
    const seed = seedAgainst(e.rating, e.userId);
    const mid = Math.sqrt((place.get(e.userId) as number) * seed);
    // The performance: the rating whose expected place is `mid` (seed falls as rating rises).
    let lo = -2000;
    let hi = 6000;
    for (let i = 0; i < 60; i++) {
      const m = (lo + hi) / 2;
      if (seedAgainst(m, e.userId) < mid) hi = m;
      else lo = m;
    }
    const performance = (lo + hi) / 2;
    return { e, delta: (performance - e.rating) / 2 };
  });

  // Correction 1: the total moves to -n (everyone pays ~1 point against inflation).
  const sum = deltas.reduce((s, d) => s + d.delta, 0);
  const inc = -sum / n - 1;
  for (const d of deltas) d.delta += inc;

  // Correction 2: the top ⌈4√n⌉ by rating shouldn't gain on aggregate (capped at 10 points each).
  const top = [...deltas].sort((x, y) => y.e.rating - x.e.rating).slice(0, Math.min(n, 4 * Math.round(Math.sqrt(n))));
  const sumTop = top.reduce((s, d) => s + d.delta, 0);
  const inc2 = Math.min(Math.max(-sumTop / top.length, -10), 0);
  for (const d of deltas) out.set(d.e.userId, Math.round(d.delta + inc2));
  return out;
}

export interface Tier {
  key: string;
  title: string;
  min: number;
  color: string;
}

/** Rating titles, lowest first. The same ladder for duels and contests. */
export const TIERS: readonly Tier[] = [
  { key: 'novice', title: 'Novice', min: Number.NEGATIVE_INFINITY, color: '#8c8c8c' },
  { key: 'apprentice', title: 'Apprentice', min: 1200, color: '#3fa34d' },
  { key: 'adept', title: 'Adept', min: 1400, color: '#17a2b8' },
  { key: 'knight', title: 'Knight', min: 1600, color: '#3366cc' },
  { key: 'champion', title: 'Champion', min: 1900, color: '#9b30d9' },
  { key: 'master', title: 'Master', min: 2100, color: '#ff9900' },
  { key: 'grandmaster', title: 'Grandmaster', min: 2400, color: '#e02424' },
  { key: 'legend', title: 'Legend', min: 3000, color: '#8b0000' },
];

export function tierFor(rating: number): Tier {
  let tier = TIERS[0];
  for (const t of TIERS) if (rating >= t.min) tier = t;
  return tier;
}

/** What the profile shows for a rating row: rounded value, tier, provisional flag. */
export function describeRating(
  kind: 'DUEL' | 'CONTEST',
  row: { rating: number; deviation: number; gamesPlayed: number } | null,
) {
  const rating = row?.rating ?? DEFAULT_RATING;
  const tier = tierFor(rating);
  return {
    kind,
    rating: Math.round(rating),
    deviation: kind === 'DUEL' ? Math.round(row?.deviation ?? DEFAULT_DEVIATION) : null,
    gamesPlayed: row?.gamesPlayed ?? 0,
    provisional:
      kind === 'DUEL' ? (row?.deviation ?? DEFAULT_DEVIATION) > PROVISIONAL_DEVIATION : (row?.gamesPlayed ?? 0) < 3,
    tier: { key: tier.key, title: tier.title, color: tier.color },
  };
}

/** Difficulty that suits a rating, for picking duel problems (newcomers at 1500 start easy). */
export function difficultyForRating(rating: number): 'EASY' | 'MEDIUM' | 'HARD' {
  if (rating < 1600) return 'EASY';
  if (rating < 1900) return 'MEDIUM';
  return 'HARD';
}
