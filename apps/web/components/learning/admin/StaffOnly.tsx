'use client';

import type { SessionUser } from '@roguelearn/api';
import type { ReactNode } from 'react';
import { NoAccess } from '@/components/admin/NoAccess';
import { RequireSession } from '@/components/session/RequireSession';

/** Instructor pages: the server refuses students anyway; this keeps them from even asking. */
export function StaffOnly({ children }: { children: (user: SessionUser) => ReactNode }) {
  return <RequireSession>{(user) => (user.role === 'STUDENT' ? <NoAccess /> : children(user))}</RequireSession>;
}
