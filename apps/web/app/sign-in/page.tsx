import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';
import { keepNext, safeNextPath } from '@/lib/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <AuthCard
      title="Welcome back, adventurer"
      intro="Sign in to pick up your quest where you left it."
      footer={
        <>
          New to RogueLearn? <Link href={keepNext('/sign-up', next)}>Create an account</Link>
        </>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
