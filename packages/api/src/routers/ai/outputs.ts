// What each AI feature answers: the zod schema doubles as the JSON Schema sent to Gemini and as
// the validator of its answer. Offline implementations return the same shapes.
import { z } from 'zod';

export const hintOutput = z.object({
  hint: z.string().min(1).max(3000),
});
export type HintOutput = z.infer<typeof hintOutput>;

export const reviewOutput = z.object({
  summary: z.string().min(1).max(2000),
  /** Estimated time complexity and why. */
  complexity: z.string().max(1000),
  bugs: z.array(z.string().max(600)).max(10),
  performance: z.array(z.string().max(600)).max(10),
  style: z.array(z.string().max(600)).max(10),
  suggestions: z.array(z.string().max(600)).max(10),
});
export type ReviewOutput = z.infer<typeof reviewOutput>;

export const narrationOutput = z.object({
  text: z.string().min(1).max(1200),
});
export type NarrationOutput = z.infer<typeof narrationOutput>;
