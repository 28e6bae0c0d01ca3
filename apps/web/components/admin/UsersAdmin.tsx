'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './admin.module.css';
import own from './manage.module.css';
import { Pager } from './Pager';
import { StaffGate } from './StaffGate';

type Role = 'STUDENT' | 'INSTRUCTOR' | 'ADMIN';
type UserRow = RouterOutputs['admin']['users']['list']['items'][number];

const roleLabels: Record<Role, string> = { STUDENT: 'Student', INSTRUCTOR: 'Instructor', ADMIN: 'Administrator' };
const PAGE_SIZE = 25;
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** Administrators find accounts, change roles and suspend; every change lands in the audit log. */
export function UsersAdmin() {
  return (
    <StaffGate adminOnly>
      {(me) => (
        <div className={styles.page}>
          <header>
            <h1>Users</h1>
            <p className={styles.muted}>Search accounts, change roles, suspend and restore. Every change is audited.</p>
          </header>
          <UserSearch meId={me.id} />
        </div>
      )}
    </StaffGate>
  );
}

function UserSearch({ meId }: { meId: string }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<'ACTIVE' | 'SUSPENDED' | ''>('');
  const [page, setPage] = useState(1);
  const ids = { search: useId(), role: useId(), status: useId() };
  const users = useQuery(
    trpc.admin.users.list.queryOptions(
      { search: search || undefined, role: role || undefined, status: status || undefined, page, pageSize: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft.trim());
    setPage(1);
  };

  return (
    <Card title="Accounts" id="users">
      <form className={own.toolbar} onSubmit={onSearch} aria-label="Search users">
        <div className={own.field}>
          <label htmlFor={ids.search}>Name, username or email</label>
          <input id={ids.search} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className={own.field}>
          <label htmlFor={ids.role}>Role</label>
          <select
            id={ids.role}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role | '');
              setPage(1);
            }}
          >
            <option value="">Any role</option>
            {Object.entries(roleLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className={own.field}>
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as 'ACTIVE' | 'SUSPENDED' | '');
              setPage(1);
            }}
          >
            <option value="">Any status</option>
            <option value="ACTIVE">Active</option>
            <option value="SUSPENDED">Suspended</option>
          </select>
        </div>
        <div>
          <Button type="submit">Search</Button>
        </div>
      </form>
      {users.isPending ? (
        <PageLoading label="Loading users…" />
      ) : users.isError ? (
        <Alert title="We couldn't load users">{users.error.message}</Alert>
      ) : users.data.items.length === 0 ? (
        <p className={styles.muted}>No account matches{search ? ` “${search}”` : ''}.</p>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways */}
          <section className={styles.tableWrap} aria-label="Users table" tabIndex={0} aria-busy={users.isFetching}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <UserRowView key={u.id} user={u} isMe={u.id === meId} />
                ))}
              </tbody>
            </table>
          </section>
          <Pager page={page} pageSize={PAGE_SIZE} total={users.data.total} onPage={setPage} noun="users" />
        </>
      )}
    </Card>
  );
}

function UserRowView({ user: u, isMe }: { user: UserRow; isMe: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [role, setRole] = useState<Role>(u.role);
  const [reason, setReason] = useState('');
  const ids = { role: useId(), reason: useId() };
  const setRoleM = useMutation(trpc.admin.users.setRole.mutationOptions());
  const suspend = useMutation(trpc.admin.users.suspend.mutationOptions());
  const unsuspend = useMutation(trpc.admin.users.unsuspend.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });

  return (
    <tr>
      <th scope="row">
        <Link href={`/u/${u.username}`}>{u.displayName}</Link>
        <span className={styles.muted}> @{u.username}</span>
      </th>
      <td>{u.email}</td>
      <td>
        <span className={styles.role}>{roleLabels[u.role].toLowerCase()}</span>
      </td>
      <td className={u.status === 'SUSPENDED' ? own.suspended : undefined}>{u.status.toLowerCase()}</td>
      <td>{dateFormat.format(u.createdAt)}</td>
      <td>
        {isMe ? (
          <span className={styles.muted}>That’s you</span>
        ) : (
          <div className={own.rowActions}>
            <ConfirmButton
              label="Change role"
              title={`Change the role of ${u.displayName}`}
              confirmLabel="Change role"
              danger={false}
              onConfirm={async () => {
                await setRoleM.mutateAsync({ userId: u.id, role });
                toast(`${u.displayName} is now ${roleLabels[role].toLowerCase()}`);
                await refresh();
              }}
            >
              <div className={own.field}>
                <label htmlFor={ids.role}>New role</label>
                <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {Object.entries(roleLabels).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <p className={styles.muted}>
                Instructors author problems and run classes and contests; administrators manage everything.
              </p>
            </ConfirmButton>
            {u.status === 'ACTIVE' ? (
              <ConfirmButton
                label="Suspend"
                title={`Suspend ${u.displayName}?`}
                confirmLabel="Suspend"
                onConfirm={async () => {
                  await suspend.mutateAsync({ userId: u.id, reason: reason.trim() || undefined });
                  toast(`${u.displayName} is suspended`);
                  setReason('');
                  await refresh();
                }}
              >
                <p>They are signed out everywhere now and can’t sign in until you restore the account.</p>
                <div className={own.field}>
                  <label htmlFor={ids.reason}>Reason (kept in the audit log)</label>
                  <textarea
                    id={ids.reason}
                    rows={3}
                    maxLength={500}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </div>
              </ConfirmButton>
            ) : (
              <ConfirmButton
                label="Restore"
                title={`Restore ${u.displayName}?`}
                confirmLabel="Restore account"
                danger={false}
                onConfirm={async () => {
                  await unsuspend.mutateAsync({ userId: u.id });
                  toast(`${u.displayName} can sign in again`);
                  await refresh();
                }}
              >
                <p>They can sign in again right away.</p>
              </ConfirmButton>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
