// Remote cursors need a colour per person that is the same on every screen and every visit.
const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5f3dc4'];

export function colorFor(userId: string): { color: string; colorLight: string } {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return colorAt(h);
}

/** The n-th colour: participants of a session take distinct ones by their order in it. */
export function colorAt(n: number): { color: string; colorLight: string } {
  const color = PALETTE[n % PALETTE.length];
  return { color, colorLight: `${color}33` };
}
