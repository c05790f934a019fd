import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { RequireFacilitator } from './components/RequireFacilitator.tsx';
import { CoFacilitatorInvitePage } from './pages/CoFacilitatorInvitePage.tsx';
import { FacilitatorHomePage } from './pages/FacilitatorHomePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SeriesPage } from './pages/SeriesPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { WebinarDetailPage } from './pages/WebinarDetailPage.tsx';

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/co-facilitate/:token', element: <CoFacilitatorInvitePage /> },
      {
        path: '/facilitator',
        element: <RequireFacilitator />,
        children: [
          { index: true, element: <FacilitatorHomePage /> },
          { path: 'series/:id', element: <SeriesPage /> },
          { path: 'webinars/:id', element: <WebinarDetailPage /> },
          {
            path: 'webinars/:id/closed',
            lazy: async () => ({
              Component: (await import('./pages/ClosingPage.tsx')).FacilitatorClosingPage,
            }),
          },
          {
            path: 'webinars/:id/room',
            lazy: async () => ({ Component: (await import('./pages/RoomPage.tsx')).FacilitatorRoomPage }),
          },
        ],
      },
      // Media pages load livekit-client on demand; facilitator admin pages stay light.
      {
        path: '/join/:token',
        lazy: async () => ({
          Component: (await import('./pages/ParticipantHomePage.tsx')).ParticipantHomePage,
        }),
      },
      {
        path: '/join/:token/closed',
        lazy: async () => ({ Component: (await import('./pages/ClosingPage.tsx')).ParticipantClosingPage }),
      },
      {
        path: '/join/:token/feedback',
        lazy: async () => ({ Component: (await import('./pages/FeedbackPrintPage.tsx')).FeedbackPrintPage }),
      },
      {
        path: '/join/:token/room',
        lazy: async () => ({ Component: (await import('./pages/RoomPage.tsx')).ParticipantRoomPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The application: routes inside a shell with header and language switcher. */
export function App() {
  return <RouterProvider router={router} />;
}
