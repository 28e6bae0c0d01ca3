import { createLogger } from '@roguelearn/service';

export const log = createLogger('web');
