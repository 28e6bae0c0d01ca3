'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DeleteAccount } from './DeleteAccount';
import { NotificationPreferencesForm } from './NotificationPreferencesForm';
import { PreferencesForm } from './PreferencesForm';
import { ProfileForm } from './ProfileForm';
import styles from './profile.module.css';
import { SkillLevelForm } from './SkillLevelForm';

function SettingsContent() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  if (me.isPending) return <PageLoading label="Loading your settings…" />;
  if (me.isError) return <Alert title="We couldn't load your settings">{me.error.message}</Alert>;
  return (
    <div className={styles.page}>
      <header>
        <h1>Your profile</h1>
        <p className={styles.muted}>
          Signed in as {me.data.email}. Others see your <Link href={`/u/${me.data.username}`}>public profile</Link>.
        </p>
      </header>
      <ProfileForm me={me.data} />
      <SkillLevelForm me={me.data} />
      <PreferencesForm me={me.data} />
      <NotificationPreferencesForm />
      <ChangePasswordForm me={me.data} />
      <DeleteAccount me={me.data} />
    </div>
  );
}

export function ProfileSettings() {
  return <RequireSession>{() => <SettingsContent />}</RequireSession>;
}
