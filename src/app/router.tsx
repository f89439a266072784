import LinearProgress from '@mui/material/LinearProgress';
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  useNavigate,
} from '@tanstack/react-router';
import { Suspense, type ReactNode } from 'react';
import { COMPARE_TABS, type CompareState, type CompareTab } from '../features/compare';
import { isModelTab, type ModelFilters } from '../features/models';
import { isDetailTab } from '../features/task-detail';
import { isProjectSort, type ProjectView } from '../features/projects';
import { parseTableState, type TableState } from '../features/tasks';
import { NotFound } from '../components/NotFound';
import { thenByFromUrl } from '../components/table/sort-keys';
import { parseScalarSearch, searchFromSettings, settingsFromSearch, type ScalarSearch } from '../components/chart/scalar-search';
import {
  parseScalarViewSearch,
  searchFromView,
  splitScalarViewSearch,
  viewFromSearch,
  type ScalarViewSearch,
} from '../components/chart/scalar-view-search';
import { Layout } from './layout/Layout';
import { RouteProgress } from './layout/RouteProgress';
import type { PanelState } from './pages/TasksPage';
import { useLogout } from './session-context';

/*
 * Each page is a script of its own, loaded when first shown, so that the sign-in page and the first page drawn load
 * only what they use. lazyRouteComponent also reloads the page once when a script is gone (the server was updated
 * since the page loaded).
 */
const ComparePage = lazyRouteComponent(() => import('./pages/ComparePage'), 'ComparePage');
const DatasetsPage = lazyRouteComponent(() => import('./pages/DatasetsPage'), 'DatasetsPage');
const DatasetPage = lazyRouteComponent(() => import('./pages/DatasetsPage'), 'DatasetPage');
const ModelsPage = lazyRouteComponent(() => import('./pages/ModelsPage'), 'ModelsPage');
const ModelPage = lazyRouteComponent(() => import('./pages/ModelsPage'), 'ModelPage');
const PipelinesPage = lazyRouteComponent(() => import('./pages/PipelinesPage'), 'PipelinesPage');
const PipelineRunPage = lazyRouteComponent(() => import('./pages/PipelinesPage'), 'PipelineRunPage');
const ProjectsPage = lazyRouteComponent(() => import('./pages/ProjectsPage'), 'ProjectsPage');
const ProjectOverviewPage = lazyRouteComponent(() => import('./pages/ProjectOverviewPage'), 'ProjectOverviewPage');
const TasksPage = lazyRouteComponent(() => import('./pages/TasksPage'), 'TasksPage');
const TaskPage = lazyRouteComponent(() => import('./pages/TaskPage'), 'TaskPage');
const WorkersPage = lazyRouteComponent(() => import('./pages/WorkersPage'), 'WorkersPage');
const SettingsPage = lazyRouteComponent(() => import('../features/account'), 'SettingsPage');
const UsersPage = lazyRouteComponent(() => import('../features/users'), 'UsersPage');

/*
 * The router loads a route's component script before it shows the route (`preload`), so that the page on screen
 * stays shown and usable until the next one can be drawn. A route whose component wraps a page (to read the URL)
 * loads the page's script that way.
 */
function wrapping(page: { preload?: () => Promise<void> | undefined }, route: () => ReactNode) {
  let loaded = false;
  // Once the script is there, nothing to wait for: a change of the URL's search (a filter, a switch) is shown
  // without the extra turn an awaited promise costs, as before the pages were split.
  const preload = () => (loaded ? undefined : page.preload?.()?.then(() => void (loaded = true)));
  return Object.assign(route, { preload });
}

const root = createRootRoute({
  component: function Root() {
    const logout = useLogout();
    return (
      <Layout onLogout={logout}>
        <RouteProgress />
        <Suspense fallback={<LinearProgress aria-label="Loading the page" />}>
          <Outlet />
        </Suspense>
      </Layout>
    );
  },
});

const index = createRoute({
  getParentRoute: () => root,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/projects' });
  },
});

const projects = createRoute({
  getParentRoute: () => root,
  path: '/projects',
  validateSearch: (s: Record<string, unknown>): ProjectView => ({
    ...(typeof s.q === 'string' && s.q ? { q: s.q.slice(0, 200) } : {}),
    ...(isProjectSort(s.sort) && s.sort !== 'name' ? { sort: s.sort } : {}),
    ...(s.mine === true ? { mine: true } : {}),
  }),
  component: wrapping(ProjectsPage, function Projects() {
    const navigate = useNavigate();
    // A new search or sort is a history entry (as in the task table), so Back shows the list as it was.
    return <ProjectsPage view={projects.useSearch()} onView={(search) => void navigate({ to: '/projects', search })} />;
  }),
});

const tasks = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/tasks',
  validateSearch: (s: Record<string, unknown>): TableState & PanelState & ScalarViewSearch => ({
    ...parseTableState(s),
    ...(typeof s.task === 'string' && /^[0-9a-f]{32}$/.test(s.task) ? { task: s.task } : {}),
    ...(typeof s.tab === 'string' && isDetailTab(s.tab) ? { tab: s.tab } : {}),
    ...parseScalarViewSearch(s),
  }),
  component: wrapping(TasksPage, function Tasks() {
    const { projectId } = tasks.useParams();
    const [scalars, { task, tab, ...state }] = splitScalarViewSearch(tasks.useSearch());
    const navigate = useNavigate();
    // Each change the user makes (filter, sort, opening a task, a tab) is a history entry, so Back undoes it.
    const go = (search: TableState & PanelState & ScalarViewSearch, replace = false) =>
      void navigate({ to: '/projects/$projectId/tasks', params: { projectId }, search, replace });
    return (
      <TasksPage
        projectId={projectId}
        state={state}
        panel={{ task, tab }}
        onState={(s, replace) => go({ ...s, task, tab, ...scalars }, replace)}
        // The Scalars view stays while the panel is open (another task, another tab), as the table's view does.
        onPanel={(p) => go({ ...state, ...p, ...(p.task ? scalars : {}) })}
        scalars={viewFromSearch(scalars)}
        onScalars={(v, replace) => go({ ...state, task, tab, ...searchFromView(v) }, replace)}
      />
    );
  }),
});

const projectOverview = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/overview',
  component: wrapping(ProjectOverviewPage, function Overview() {
    const { projectId } = projectOverview.useParams();
    return <ProjectOverviewPage key={projectId} projectId={projectId} />;
  }),
});

const task = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/tasks/$taskId/$tab',
  validateSearch: parseScalarViewSearch,
  component: wrapping(TaskPage, function Task() {
    const { projectId, taskId, tab } = task.useParams();
    const scalars = task.useSearch();
    const navigate = useNavigate();
    const go = (next: string, search: ScalarViewSearch, replace = false) =>
      void navigate({ to: '/projects/$projectId/tasks/$taskId/$tab', params: { projectId, taskId, tab: next }, search, replace });
    return (
      <TaskPage
        projectId={projectId}
        taskId={taskId}
        tab={isDetailTab(tab) ? tab : 'execution'}
        onTab={(next) => go(next, scalars)}
        scalars={viewFromSearch(scalars)}
        onScalars={(v, replace) => go(tab, searchFromView(v), replace)}
      />
    );
  }),
});

// The URL the ClearML SDK prints at Task.init ("ClearML results page: ...").
const sdkResults = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/experiments/$taskId/output/$rest',
  beforeLoad: ({ params }) => {
    throw redirect({
      to: '/projects/$projectId/tasks/$taskId/$tab',
      params: { projectId: params.projectId, taskId: params.taskId, tab: 'console' },
    });
  },
});

// A project's own address, and ClearML's for its tasks and a task (links pasted from a ClearML server or its docs).
const projectHome = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/projects/$projectId/tasks', params: { projectId: params.projectId } });
  },
});
const clearmlTasks = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/experiments',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/projects/$projectId/tasks', params: { projectId: params.projectId } });
  },
});
const clearmlTask = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/experiments/$taskId',
  beforeLoad: ({ params }) => {
    throw redirect({
      to: '/projects/$projectId/tasks/$taskId/$tab',
      params: { projectId: params.projectId, taskId: params.taskId, tab: 'execution' },
    });
  },
});

const compare = createRoute({
  getParentRoute: () => root,
  path: '/compare',
  validateSearch: (
    s: Record<string, unknown>,
  ): { ids?: string; tab?: CompareTab; diff?: boolean; baseline?: string } & ScalarSearch => ({
    ...(typeof s.ids === 'string' && s.ids ? { ids: s.ids } : {}),
    ...parseScalarSearch(s),
    ...(typeof s.baseline === 'string' && s.baseline && s.baseline.length <= 128 ? { baseline: s.baseline } : {}),
    ...(typeof s.tab === 'string' && (COMPARE_TABS as readonly string[]).includes(s.tab) ? { tab: s.tab as CompareTab } : {}),
    ...(s.diff === true || s.diff === 'true' ? { diff: true } : {}),
  }),
  component: wrapping(ComparePage, function Compare() {
    const search = compare.useSearch();
    const navigate = useNavigate();
    const state: CompareState = {
      ids: search.ids ? search.ids.split(',') : [],
      tab: search.tab ?? 'details',
      onlyDiffs: !!search.diff,
      scalars: settingsFromSearch(search),
      baseline: search.baseline ?? null,
    };
    return (
      <ComparePage
        state={state}
        onState={(s, replace) =>
          void navigate({
            to: '/compare',
            search: {
              ids: s.ids.join(',') || undefined,
              tab: s.tab === 'details' ? undefined : s.tab,
              diff: s.onlyDiffs || undefined,
              ...searchFromSettings(s.scalars),
              baseline: s.baseline ?? undefined,
            },
            replace,
          })
        }
      />
    );
  }),
});

const workers = createRoute({
  getParentRoute: () => root,
  path: '/workers-and-queues',
  validateSearch: (s: Record<string, unknown>): { queue?: string; worker?: string } => ({
    ...(typeof s.queue === 'string' ? { queue: s.queue } : {}),
    ...(typeof s.worker === 'string' && s.worker && s.worker.length <= 1000 ? { worker: s.worker } : {}),
  }),
  component: wrapping(WorkersPage, function WorkersRoute() {
    const search = workers.useSearch();
    const navigate = useNavigate();
    return (
      <WorkersPage
        queue={search.queue ?? null}
        onQueue={(queue) => void navigate({ to: '/workers-and-queues', search: { ...search, queue }, replace: true })}
        worker={search.worker ?? null}
        onWorker={(worker) => void navigate({ to: '/workers-and-queues', search: { ...search, worker }, replace: true })}
      />
    );
  }),
});

type ModelSearch = Omit<ModelFilters, 'projectId'>;
const text = (v: unknown, max = 200) => (typeof v === 'string' && v ? v.slice(0, max) : undefined);

/** A models-table sort key: a field of a model, `-` in front for descending. */
const MODEL_SORT_KEY = /^-?[a-z_]{1,40}$/;

function parseModelSearch(s: Record<string, unknown>): ModelSearch {
  const thenBy = thenByFromUrl(s.thenBy)?.filter((k) => MODEL_SORT_KEY.test(k));
  const out: ModelSearch = {
    search: text(s.search),
    framework: text(s.framework),
    tag: text(s.tag),
    state: s.state === 'published' || s.state === 'draft' ? s.state : undefined,
    archived: s.archived === true || s.archived === 'true' ? true : undefined,
    sort: typeof s.sort === 'string' && MODEL_SORT_KEY.test(s.sort) ? s.sort : undefined,
    thenBy: thenBy?.length ? thenBy : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ModelSearch;
}

function ModelsRoute({ projectId, search }: { projectId: string; search: ModelSearch }) {
  const navigate = useNavigate();
  return (
    <ModelsPage
      filters={{ projectId, ...search }}
      onFilters={({ projectId: p, ...next }) =>
        void (p === '*'
          ? navigate({ to: '/models', search: parseModelSearch(next), replace: true })
          : navigate({
              to: '/projects/$projectId/models',
              params: { projectId: p },
              search: parseModelSearch(next),
              replace: true,
            }))
      }
    />
  );
}

const models = createRoute({
  getParentRoute: () => root,
  path: '/models',
  validateSearch: parseModelSearch,
  component: wrapping(ModelsPage, function Models() {
    return <ModelsRoute projectId="*" search={models.useSearch()} />;
  }),
});

const projectModels = createRoute({
  getParentRoute: () => root,
  path: '/projects/$projectId/models',
  validateSearch: parseModelSearch,
  component: wrapping(ModelsPage, function ProjectModels() {
    return <ModelsRoute projectId={projectModels.useParams().projectId} search={projectModels.useSearch()} />;
  }),
});

const model = createRoute({
  getParentRoute: () => root,
  path: '/models/$modelId/$tab',
  component: wrapping(ModelPage, function ModelRoute() {
    const { modelId, tab } = model.useParams();
    return <ModelPage key={modelId} modelId={modelId} tab={isModelTab(tab) ? tab : 'general'} />;
  }),
});

const datasets = createRoute({ getParentRoute: () => root, path: '/datasets', component: DatasetsPage });

const dataset = createRoute({
  getParentRoute: () => root,
  path: '/datasets/$projectId',
  validateSearch: (s: Record<string, unknown>): { version?: string } =>
    typeof s.version === 'string' && /^[0-9a-zA-Z_-]{1,64}$/.test(s.version) ? { version: s.version } : {},
  component: wrapping(DatasetPage, function DatasetRoute() {
    const { projectId } = dataset.useParams();
    return <DatasetPage key={projectId} projectId={projectId} version={dataset.useSearch().version} />;
  }),
});

// The URL the ClearML SDK prints for a dataset version ("ClearML dataset page: ...").
const sdkDataset = createRoute({
  getParentRoute: () => root,
  path: '/datasets/simple/$projectId/experiments/$taskId',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/datasets/$projectId', params: { projectId: params.projectId }, search: { version: params.taskId } });
  },
});

const pipelines = createRoute({ getParentRoute: () => root, path: '/pipelines', component: PipelinesPage });

const pipelineRun = createRoute({
  getParentRoute: () => root,
  path: '/pipelines/$runId',
  component: wrapping(PipelineRunPage, function PipelineRunRoute() {
    const { runId } = pipelineRun.useParams();
    return <PipelineRunPage key={runId} runId={runId} />;
  }),
});

const settings = createRoute({ getParentRoute: () => root, path: '/settings', component: SettingsPage });
const adminUsers = createRoute({ getParentRoute: () => root, path: '/admin/users', component: UsersPage });

export const router = createRouter({
  routeTree: root.addChildren([
    index,
    projects,
    projectOverview,
    tasks,
    task,
    sdkResults,
    projectHome,
    clearmlTasks,
    clearmlTask,
    compare,
    workers,
    models,
    projectModels,
    model,
    datasets,
    dataset,
    sdkDataset,
    pipelines,
    pipelineRun,
    settings,
    adminUsers,
  ]),
  defaultPreload: false,
  defaultNotFoundComponent: function PageNotFound() {
    const navigate = useNavigate();
    return (
      <NotFound
        title="Page not found"
        detail="There is no page at this address."
        back={{ label: 'All projects', href: '/projects', navigate: (to) => void navigate({ to }) }}
      />
    );
  },
});
