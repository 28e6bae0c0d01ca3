import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignUpForm } from '@/components/auth/SignUpForm';
import { keepNext, safeNextPath } from '@/lib/safe-next';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <AuthCard
      title="Create your character"
      intro="One account for quests, duels, pair sessions and guilds. It takes a minute."
      footer={
        <>
          Already have an account? <Link href={keepNext('/sign-in', next)}>Sign in</Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthCard>
  );
}
