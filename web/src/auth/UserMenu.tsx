/** The user menu in the header: who is signed in, with which role, and "Sign out". */
import { Avatar, Badge, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { logout } from '../api/auth';
import type { User } from '../api/auth';
import { notifyError } from '../app/notify';

/** The header's user menu. */
export function UserMenu({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const name = user.name ?? user.email;
  const signOut = async () => {
    try {
      await logout();
    } catch (error) {
      notifyError(error);
      return;
    }
    queryClient.clear();
    await navigate('/login');
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* Named by what it shows (WCAG 2.5.3: no aria-label that leaves the visible words out); the initial is decoration. */}
        <UnstyledButton data-testid="user-menu">
          <Group gap="xs">
            <Avatar size="sm" radius="xl" color="indigo" aria-hidden>
              {name.slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" visibleFrom="sm">
              {name}
            </Text>
            <Badge variant="light" data-testid="user-role">
              {user.role}
            </Badge>
            <VisuallyHidden>user menu</VisuallyHidden>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item disabled>Role: {user.role}</Menu.Item>
        {user.anonymous ? (
          <Menu.Item disabled>The server has no sign-in yet</Menu.Item>
        ) : (
          <>
            <Menu.Item component={Link} to="/account">
              Your account
            </Menu.Item>
            <Menu.Item onClick={() => void signOut()}>Sign out</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
