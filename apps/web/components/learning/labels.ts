import type { RouterOutputs } from '@/lib/types';

export type TreeView = RouterOutputs['learning']['tree']['get'];
export type TreeNodeView = TreeView['nodes'][number];
export type NodeState = TreeNodeView['state'];
export type QuestView = RouterOutputs['learning']['quest']['get'];
export type QuestStepView = QuestView['steps'][number];
export type RunView = RouterOutputs['learning']['dungeon']['get'];

export const nodeStateLabels: Record<string, string> = {
  locked: 'Locked',
  available: 'Available',
  in_progress: 'In progress',
  mastered: 'Mastered',
};

export const questStateLabels: Record<string, string> = {
  locked: 'Locked',
  available: 'Available',
  in_progress: 'In progress',
  completed: 'Completed',
};

export const stepKindLabels: Record<string, string> = {
  READ: 'Read',
  SOLVE: 'Solve',
  BOSS: 'Boss',
  DUEL: 'Duel',
  PAIR: 'Pair',
};
