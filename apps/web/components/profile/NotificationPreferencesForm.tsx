'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import styles from './profile.module.css';

const typeLabels: Record<string, string> = {
  'friend.request': 'Friend requests',
  'friend.accepted': 'Accepted friend requests',
  'party.invite': 'Party invitations',
  'party.joined': 'Someone joins your party',
  'meeting.scheduled': 'Party meetings scheduled',
  'meeting.cancelled': 'Party meetings cancelled',
  'guild.invite': 'Guild invitations',
  'guild.join_request': 'Requests to join your guild',
  'guild.join_approved': 'Guild requests approved',
  'guild.kicked': 'Removed from a guild',
  'guild.role_changed': 'Guild role changes',
  'match.found': 'Pair match found',
  'match.ready': 'Pair session ready',
  'match.cancelled': 'Pair match cancelled',
  'duel.challenge': 'Duel challenges',
  'duel.accepted': 'Duel challenges accepted',
  'duel.matched': 'Duel opponent found',
  'duel.finished': 'Duel results',
};

/** Per type: kept in the inbox at all, and popped up as it arrives. */
export function NotificationPreferencesForm() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const save = useMutation(
    trpc.notification.setPreferences.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.notification.preferences.queryKey(), saved);
        toast('Notification settings saved');
      },
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!prefs.data) return;
    const data = new FormData(e.currentTarget);
    save.mutate({
      preferences: prefs.data.map(({ type }) => ({
        type,
        inApp: data.has(`${type}:inApp`),
        // A pop-up for something never stored would link nowhere useful.
        push: data.has(`${type}:inApp`) && data.has(`${type}:push`),
      })),
    });
  }

  return (
    <Card title="Notifications" id="notification-preferences">
      {prefs.isPending ? (
        <p role="status">Loading notification settings…</p>
      ) : prefs.isError ? (
        <Alert>{prefs.error.message}</Alert>
      ) : (
        <form className={styles.form} onSubmit={onSubmit}>
          {save.error && <Alert>{save.error.message}</Alert>}
          <table className={styles.prefTable}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Inbox</th>
                <th scope="col">Pop-up</th>
              </tr>
            </thead>
            <tbody>
              {prefs.data.map((p) => {
                const label = typeLabels[p.type] ?? p.type;
                return (
                  <tr key={p.type}>
                    <th scope="row">{label}</th>
                    <td>
                      <input
                        type="checkbox"
                        name={`${p.type}:inApp`}
                        defaultChecked={p.inApp}
                        aria-label={`${label}: inbox`}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`${p.type}:push`}
                        defaultChecked={p.push}
                        aria-label={`${label}: pop-up`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className={styles.actions}>
            <Button type="submit" pending={save.isPending}>
              Save notification settings
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
