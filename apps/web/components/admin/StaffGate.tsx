'use client';

import type { SessionUser } from '@roguelearn/api';
import type { ReactNode } from 'react';
import { RequireSession } from '@/components/session/RequireSession';
import { NoAccess } from './NoAccess';

/**
 * A dashboard page for staff, or for administrators only: everyone else sees NoAccess without
 * asking the server (which refuses them anyway).
 */
export function StaffGate({
  adminOnly = false,
  children,
}: {
  adminOnly?: boolean;
  children: (user: SessionUser) => ReactNode;
}) {
  return (
    <RequireSession>
      {(user) => (user.role === 'ADMIN' || (!adminOnly && user.role === 'INSTRUCTOR') ? children(user) : <NoAccess />)}
    </RequireSession>
  );
}
