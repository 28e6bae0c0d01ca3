import { describe, expect, it } from 'vitest';
import { codeSimilarity } from './integrity';
import { contestDeltas, describeRating, duelUpdate, glicko2, inflateDeviation, newGlicko, tierFor } from './rating';

describe('Glicko-2 (duels)', () => {
  it('matches a two-player step computed by hand: two newcomers, A wins', () => {
    // Both 1500 / RD 350 / σ 0.06, τ = 0.5. On the Glicko-2 scale (÷ 173.7178):
    //   μ = 0, φ = 350 / 173.7178 = 2.014762, φ² = 4.059265
    //   g(φ) = 1 / √(1 + 3φ²/π²) = 1 / √(1 + 12.177796/9.869604) = 1 / √2.233867 = 0.669069
    //   E = 1 / (1 + e^(−g·(0 − 0))) = 0.5
    //   v = 1 / (g²·E·(1−E)) = 1 / (0.447654 · 0.25) = 8.935475
    //   Δ = v·g·(1 − E) = 8.935475 · 0.669069 · 0.5 = 2.989226
    //   σ': Δ² = 8.935 < φ² + v = 12.995, so the volatility barely moves: σ' = 0.0599997
    //   φ* = √(φ² + σ'²) = √(4.059265 + 0.0036) = 2.015655
    //   φ' = 1 / √(1/φ*² + 1/v) = 1 / √(0.246132 + 0.111913) = 1.671210
    //   μ' = μ + φ'²·g·(1 − E) = 2.792944 · 0.669069 · 0.5 = 0.934337
    //   r' = 1500 + 173.7178 · 0.934337 = 1662.31,  RD' = 173.7178 · 1.671210 = 290.32
    // The loser mirrors it: 1500 − 162.31 = 1337.69, RD 290.32.
    const [a, b] = duelUpdate(newGlicko(), newGlicko(), 1);
    expect(a.rating).toBeCloseTo(1662.31, 1);
    expect(a.deviation).toBeCloseTo(290.32, 1);
    expect(a.volatility).toBeCloseTo(0.06, 4);
    expect(b.rating).toBeCloseTo(1337.69, 1);
    expect(b.deviation).toBeCloseTo(290.32, 1);
  });

  it("reproduces Glickman's published example (1500/200 vs 1400/30 W, 1550/100 L, 1700/300 L)", () => {
    const p = glicko2({ rating: 1500, deviation: 200, volatility: 0.06 }, [
      { opponent: { rating: 1400, deviation: 30, volatility: 0.06 }, score: 1 },
      { opponent: { rating: 1550, deviation: 100, volatility: 0.06 }, score: 0 },
      { opponent: { rating: 1700, deviation: 300, volatility: 0.06 }, score: 0 },
    ]);
    expect(p.rating).toBeCloseTo(1464.06, 1);
    expect(p.deviation).toBeCloseTo(151.52, 1);
    expect(p.volatility).toBeCloseTo(0.05999, 4);
  });

  it('is the provisional period: an established player barely moves against a newcomer, who moves a lot', () => {
    const veteran = { rating: 1700, deviation: 60, volatility: 0.06 };
    const [v, n] = duelUpdate(veteran, newGlicko(), 0);
    expect(veteran.rating - v.rating).toBeLessThan(25);
    expect(n.rating - 1500).toBeGreaterThan(250);
    expect(describeRating('DUEL', { ...n, gamesPlayed: 1 }).provisional).toBe(true);
    expect(describeRating('DUEL', { ...veteran, gamesPlayed: 40 }).provisional).toBe(false);
  });

  it('a draw between equals keeps ratings and shrinks uncertainty; idleness grows it back', () => {
    const [a, b] = duelUpdate(newGlicko(), newGlicko(), 0.5);
    expect(a.rating).toBeCloseTo(1500, 6);
    expect(b.rating).toBeCloseTo(1500, 6);
    expect(a.deviation).toBeLessThan(350);
    const settled = { rating: 1600, deviation: 60, volatility: 0.06 };
    expect(inflateDeviation(settled, 0).deviation).toBe(60);
    expect(inflateDeviation(settled, 365).deviation).toBeGreaterThan(60);
    expect(inflateDeviation(settled, 100 * 365).deviation).toBe(350);
  });
});

describe('Codeforces-style contest ratings', () => {
  it('matches a four-newcomer contest computed by hand, deltas summing to about −1 each', () => {
    // All rated 1500, places 1..4. Seed (expected place) of each = 1 + 3 · 0.5 = 2.5.
    // m = √(place · seed): 1.5811, 2.2361, 2.7386, 3.1623.
    // Performance R solves 1 + 3 / (1 + 10^((R − 1500)/400)) = m, i.e. R = 1500 + 400·log10(3/(m−1) − 1):
    //   1747.7, 1561.8, 1444.3, 1335.3  → raw deltas (R − 1500)/2: 123.9, 30.9, −27.9, −82.4 (sum 44.5)
    // Correction 1: inc = −44.5/4 − 1 = −12.1 → 111.7, 18.8, −40.0, −94.5 (sum −4)
    // Correction 2: the top min(4, 4·round(√4)) = 4 sum to −4, so inc = min(max(4/4, −10), 0) = 0: no change.
    // Rounded: 112, 19, −40, −94 (JavaScript rounds −94.5 up), sum −3.
    const d = contestDeltas([
      { userId: 'a', rating: 1500, rank: 1 },
      { userId: 'b', rating: 1500, rank: 2 },
      { userId: 'c', rating: 1500, rank: 3 },
      { userId: 'd', rating: 1500, rank: 4 },
    ]);
    expect(d.get('a')).toBe(112);
    expect(d.get('b')).toBe(19);
    expect(d.get('c')).toBe(-40);
    expect(d.get('d')).toBe(-94);
    const sum = [...d.values()].reduce((s, x) => s + x, 0);
    expect(sum).toBe(-3);
  });

  it('rewards beating expectations: an upset winner gains most, a favourite who flops loses most; sum stays near zero', () => {
    const entries = [
      { userId: 'fav', rating: 2000, rank: 4 },
      { userId: 'mid', rating: 1600, rank: 2 },
      { userId: 'low', rating: 1300, rank: 1 },
      { userId: 'avg', rating: 1500, rank: 3 },
      { userId: 'new', rating: 1500, rank: 5 },
      { userId: 'tie', rating: 1500, rank: 5 },
    ];
    const d = contestDeltas(entries);
    expect(Math.max(...d.values())).toBe(d.get('low'));
    expect(Math.min(...d.values())).toBe(d.get('fav'));
    // Tied contestants with equal ratings change equally.
    expect(d.get('new')).toBe(d.get('tie'));
    const sum = [...d.values()].reduce((s, x) => s + x, 0);
    expect(sum).toBeLessThanOrEqual(0);
    expect(sum).toBeGreaterThanOrEqual(-entries.length * 11);
  });

  it('changes nothing for a contest of one', () => {
    expect([...contestDeltas([{ userId: 'x', rating: 1500, rank: 1 }]).values()]).toEqual([0]);
  });
});

describe('tiers', () => {
  it('maps ratings to titles', () => {
    expect(tierFor(900).title).toBe('Novice');
    expect(tierFor(1200).title).toBe('Apprentice');
    expect(tierFor(1650).title).toBe('Knight');
    expect(tierFor(2450).title).toBe('Grandmaster');
    expect(tierFor(3100).title).toBe('Legend');
  });
});

describe('code similarity (integrity flag)', () => {
  const original = `#include <bits/stdc++.h>
using namespace std;
int main() { // Kadane
  int n; cin >> n; vector<long long> v(n);
  for (int i = 0; i < n; i++) cin >> v[i];
  long long best = 0, cur = 0;
  for (int i = 0; i < n; i++) { cur = max(v[i], cur + v[i]); best = max(best, cur); }
  cout << best << endl; return 0; }`;
  const renamed = `#include <bits/stdc++.h>
using namespace std;
/* totally my own work */
int main() {
  int count; cin >> count; vector<long long> arr(count);
  for (int k = 0; k < count; k++) cin >> arr[k];
  long long answer = 0, running = 0;
  for (int k = 0; k < count; k++) {
    running = max(arr[k], running + arr[k]);
    answer = max(answer, running);
  }
  cout << answer << endl;
  return 0;
}`;
  const different = `import sys
def main():
    data = sys.stdin.read().split()
    n = int(data[0]); seen = {}
    for i in range(1, n + 1):
        v = int(data[i])
        if v in seen:
            seen[v] += 1
        else:
            seen[v] = 1
    print(max(seen.values()))
main()`;

  it('sees through renamed identifiers, comments and layout, and tells different programs apart', async () => {
    expect(await codeSimilarity(original, renamed, 'cpp')).toBe(1);
    expect(await codeSimilarity(original, different, 'cpp')).toBeLessThan(0.2);
    // Too short to judge: everyone's "print(a+b)" looks the same.
    expect(
      await codeSimilarity('print(sum(map(int, input().split())))', 'print(sum(map(int,input().split())))', 'python3'),
    ).toBeNull();
  });
});
