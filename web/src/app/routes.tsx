/** The routes: every page has a shareable URL; the map, the simulator and the editors load on demand. */
import { Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import { keys } from '../api/queries';
import { LoginPage } from '../auth/LoginPage';
import { DetailPage } from '../catalog/DetailPage';
import { ListPage } from '../catalog/ListPage';
import { RefRedirect } from '../catalog/links';
import { DashboardPage } from '../dashboard/DashboardPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

/** Builds the router; a 401 from any API call clears the session and goes to the login page. */
export function createAppRouter(queryClient: QueryClient) {
  const router = createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    // The page an invitation or password reset email links to: public, the link's token is the proof.
    {
      path: '/set-password',
      lazy: async () => ({ Component: (await import('../users/SetPasswordPage')).SetPasswordPage }),
    },
    {
      path: '/',
      element: <AppLayout />,
      // Shown while a lazy page (map, simulator, editor) loads on a first visit straight to its URL.
      hydrateFallbackElement: <Loader m="md" aria-label="Loading" />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'map', lazy: async () => ({ Component: (await import('../map/MapPage')).MapPage }) },
        {
          path: 'simulator',
          lazy: async () => ({ Component: (await import('../simulator/SimulatorPage')).SimulatorPage }),
        },
        {
          path: 'objectives',
          lazy: async () => ({ Component: (await import('../objectives/ObjectivesPage')).ObjectivesPage }),
        },
        // Compliance computed from the catalog: the score, the checks and their failing items, the frameworks, the trend.
        {
          path: 'compliance',
          lazy: async () => ({ Component: (await import('../compliance/CompliancePage')).CompliancePage }),
        },
        // Converting and importing an export (CMDB CSV, ServiceNow, Backstage, Kubernetes): managers and admins.
        {
          path: 'import',
          lazy: async () => ({ Component: (await import('../import/ImportPage')).ImportPage }),
        },
        { path: 'ref/:id', element: <RefRedirect /> },
        // Each user's own account (password, sessions, tokens, digest); user administration for admins.
        {
          path: 'account',
          lazy: async () => ({ Component: (await import('../users/AccountPage')).AccountPage }),
        },
        {
          path: 'admin/users',
          lazy: async () => ({ Component: (await import('../users/UsersPage')).UsersPage }),
        },
        {
          path: 'admin/notifications',
          lazy: async () => ({
            Component: (await import('../notifications/NotificationsPage')).NotificationsPage,
          }),
        },
        // Plans and incidents have their own pages (recovery order, approval, versions, packs; timeline, actions);
        // their "new" forms come first, or `plans/:id` would take `new` for an id.
        ...(['plans', 'incidents', 'campaigns', 'risks'] as const).map((plural) => ({
          path: `${plural}/new`,
          lazy: async () => {
            const { CreatePage } = await import('../catalog/EditPage');
            return { element: <CreatePage plural={plural} /> };
          },
        })),
        {
          path: 'plans/:id',
          lazy: async () => ({ Component: (await import('../plans/PlanPage')).PlanPage }),
        },
        {
          path: 'exercises/:id/run',
          lazy: async () => ({ Component: (await import('../exercises/RecordPage')).RecordPage }),
        },
        {
          path: 'incidents/:id',
          lazy: async () => ({ Component: (await import('../incidents/IncidentPage')).IncidentPage }),
        },
        // The BIA: an assessment's questionnaire (new ones start from a service: `?service=`), a campaign's progress.
        {
          path: 'assessments/new',
          lazy: async () => ({ Component: (await import('../bia/AssessmentPage')).NewAssessmentPage }),
        },
        {
          path: 'assessments/:id',
          lazy: async () => ({ Component: (await import('../bia/AssessmentPage')).AssessmentPage }),
        },
        {
          path: 'campaigns/:id',
          lazy: async () => ({ Component: (await import('../bia/CampaignPage')).CampaignPage }),
        },
        // The risk register (heat map, filters, suggested risks) and a risk's page (its cost and charts).
        {
          path: 'risks',
          lazy: async () => ({ Component: (await import('../risk/RiskRegisterPage')).RiskRegisterPage }),
        },
        {
          path: 'risks/:id',
          lazy: async () => ({ Component: (await import('../risk/RiskPage')).RiskPage }),
        },
        // The suppliers ranked by concentration, in place of the generic vendor list (`vendors/new`, `vendors/:id` stay).
        {
          path: 'vendors',
          lazy: async () => ({ Component: (await import('../suppliers/SuppliersPage')).SuppliersPage }),
        },
        // The exercise calendar and programme, training coverage, and every action (incidents, risks, exercises).
        {
          path: 'exercises',
          lazy: async () => ({ Component: (await import('../exercises/CalendarPage')).CalendarPage }),
        },
        {
          path: 'trainings',
          lazy: async () => ({ Component: (await import('../exercises/TrainingPage')).TrainingPage }),
        },
        {
          path: 'actions',
          lazy: async () => ({ Component: (await import('../actions/ActionsPage')).ActionsPage }),
        },
        { path: ':plural', element: <ListPage /> },
        {
          path: ':plural/new',
          lazy: async () => ({ Component: (await import('../catalog/EditPage')).CreatePage }),
        },
        // After `:plural/new` (so `exercises/new` stays the form) and before `:plural/:id`.
        {
          path: 'exercises/:id',
          lazy: async () => ({ Component: (await import('../exercises/ExercisePage')).ExercisePage }),
        },
        { path: ':plural/:id', element: <DetailPage /> },
        {
          path: ':plural/:id/edit',
          lazy: async () => ({ Component: (await import('../catalog/EditPage')).EditPage }),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
  setUnauthorizedHandler(() => {
    queryClient.setQueryData(keys.session, null);
    const { pathname, search } = router.state.location;
    if (pathname !== '/login') {
      void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`);
    }
  });
  return router;
}
