import type { AppRouter } from '@roguelearn/api';
import type { inferRouterOutputs } from '@trpc/server';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Me = RouterOutputs['user']['me'];
export type Friend = RouterOutputs['user']['friends'][number];
export type Rating = Me['ratings'][number];
