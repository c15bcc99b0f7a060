/** The application shell: header with the user menu, navigation, and the page; signed-out users go to login. */
import { Anchor, AppShell, Burger, Center, Group, Loader, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import { useSession } from '../api/queries';
import { KIND_LIST } from '../catalog/kind-info';
import { UserMenu } from '../auth/UserMenu';
import { can } from '../../../src/catalog/roles.ts';
import classes from './AppLayout.module.css';

const NAV = [
  { to: '/', label: 'Dashboard', exact: true },
  // Vendors open the suppliers page (ranked by concentration), named for what it shows.
  ...KIND_LIST.map((info) => ({
    to: `/${info.plural}`,
    label: info.plural === 'vendors' ? 'Suppliers' : info.title,
    exact: false,
  })),
  { to: '/map', label: 'Map', exact: false },
  { to: '/simulator', label: 'Simulator', exact: false },
  { to: '/objectives', label: 'Objectives', exact: false },
  { to: '/compliance', label: 'Compliance', exact: false },
  { to: '/actions', label: 'Actions', exact: false },
];

/** Shown to admins only (the server refuses the page's API to others). */
const ADMIN_NAV = [
  { to: '/admin/users', label: 'Users', exact: false },
  { to: '/admin/notifications', label: 'Notifications', exact: false },
];

/** Shown to managers and admins (the server refuses the import API to others). */
const MANAGER_NAV = [{ to: '/import', label: 'Import', exact: false }];

function isActive(pathname: string, to: string, exact: boolean): boolean {
  return exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
}

/** The layout every signed-in page is drawn in. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigation = useNavigation();
  const session = useSession();

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (session.data === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      {/* First in the tab order: past the header and the navigation to the page itself (WCAG 2.4.1). */}
      <a
        href="#main"
        className={classes.skipLink}
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            {/* The name, not a heading: each page's own title is its h1. */}
            <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} fz={24}>
              Lifeboat
            </Anchor>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              IT service continuity
            </Text>
          </Group>
          <Group gap="sm">
            {navigation.state === 'loading' && <Loader size="xs" aria-label="Loading page" />}
            {session.data && <UserMenu user={session.data} />}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {[
            ...NAV,
            ...(session.data?.role === 'admin' || session.data?.role === 'manager' ? MANAGER_NAV : []),
            ...(session.data && can(session.data.role, 'users:admin') ? ADMIN_NAV : []),
          ].map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={isActive(location.pathname, item.to, item.exact)}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<Loader aria-label="Loading" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
