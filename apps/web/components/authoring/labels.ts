import type { RouterOutputs } from '@/lib/types';

export type AuthoredProblem = RouterOutputs['authoring']['get'];
export type AuthoredListItem = RouterOutputs['authoring']['list']['items'][number];
export type ProblemStatus = AuthoredProblem['status'];
export type Verification = AuthoredProblem['verification'];
export type AuthoredTest = AuthoredProblem['tests'][number];
export type TestGroup = AuthoredProblem['groups'][number];

export const statusLabels: Record<ProblemStatus, string> = {
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  ARCHIVED: 'Archived',
};

export const checkerLabels = {
  EXACT: 'Exact match',
  TOKENS: 'Ignore whitespace',
  FLOAT: 'Numbers within a tolerance',
  CUSTOM: 'Custom checker (Python)',
} as const;

export const solutionStateLabels: Record<Verification['solutions'][number]['state'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  pending: 'Judging…',
  outdated: 'Out of date',
  unverified: 'Not verified',
};
