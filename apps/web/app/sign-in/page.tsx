import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';
import { safeNextPath } from '@/lib/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <AuthCard
      title="Welcome back, adventurer"
      intro="Sign in to pick up your quest where you left it."
      footer={
        <>
          New to RogueLearn? <Link href="/sign-up">Create an account</Link>
        </>
      }
    >
      <SignInForm next={safeNextPath(next)} />
    </AuthCard>
  );
}
