'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { NotificationBell } from '@/components/notifications/NotificationBell';
import { features } from '@/lib/features';
import { useSession } from '@/lib/session';
import { useDismiss } from '@/lib/useDismiss';
import { SignOutButton } from './SignOutButton';
import styles from './SiteHeader.module.css';

interface NavItem {
  href: string;
  label: string;
}

function useNavItems(): NavItem[] | null {
  const { status, isStaff } = useSession();
  if (status === 'loading') return null;
  if (status !== 'authenticated') return [];
  return [
    { href: '/dashboard', label: 'Dashboard' },
    ...features.map((f) => ({ href: f.href, label: 'navLabel' in f ? f.navLabel : f.label })),
    { href: '/friends', label: 'Friends' },
    { href: '/parties', label: 'Parties' },
    { href: '/profile', label: 'Profile' },
    ...(isStaff ? [{ href: '/admin', label: 'Instructor dashboard' }] : []),
  ];
}

const isCurrent = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

export function SiteHeader() {
  const pathname = usePathname();
  const { status } = useSession();
  const items = useNavItems();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  // Two links fit any screen; only the signed-in navigation folds into a menu.
  const collapsible = Boolean(items?.length);

  // Following a link closes the small-screen menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation by design
  useEffect(() => setOpen(false), [pathname]);

  useDismiss(open, closeMenu, headerRef, toggleRef);

  return (
    <header ref={headerRef} className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            ⚔
          </span>
          RogueLearn
        </Link>

        {status === 'authenticated' && <NotificationBell />}

        {collapsible && (
          <button
            ref={toggleRef}
            type="button"
            className={styles.menuToggle}
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((v) => !v)}
          >
            <span className={styles.burger} aria-hidden="true" />
            Menu
          </button>
        )}

        <nav
          id={menuId}
          aria-label="Main"
          className={collapsible ? `${styles.nav} ${open ? styles.open : ''}` : styles.inlineNav}
        >
          {items && collapsible && (
            <ul className={styles.links}>
              {items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className={styles.link}
                    aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className={styles.account}>
            {status === 'authenticated' && <SignOutButton />}
            {(status === 'anonymous' || status === 'error') && (
              <>
                <Link
                  href="/sign-in"
                  className={styles.link}
                  aria-current={pathname === '/sign-in' ? 'page' : undefined}
                >
                  Sign in
                </Link>
                <Link href="/sign-up" className={styles.cta}>
                  Sign up
                </Link>
              </>
            )}
          </div>
        </nav>
      </div>
    </header>
  );
}
