import type { EndpointName, RequestOf } from '../../../shared/api/contract';
import type { Task } from '../../../shared/api/records';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import Tooltip from '@mui/material/Tooltip';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useViewerBlocker } from '../../../client/current-user';
import { ApiCallError } from '../../../client';
import { useApiClient } from '../../../client/react';
import { bulkBlocker, eligibleFor, type UserAction } from '../../../shared/task-actions';
import { runAction, type ActionOutcome } from '../api/run-action';
import { CloneDialog, ConfirmDialog, EnqueueDialog, MoveDialog, TagsDialog, type ConfirmOption } from './ActionDialogs';
import { AbortChildrenDialog } from './AbortChildrenDialog';
import { OutcomeDialog } from './OutcomeDialog';

export type ActionTask = Pick<Task, 'id' | 'name' | 'status' | 'system_tags' | 'tags' | 'project'> & Partial<Pick<Task, 'type'>>;

/** The task types whose children are runs of their own (pipeline steps, optimizer trials): ClearML offers to abort them. */
const PARENT_TYPES = new Set(['controller', 'optimizer']);

const LABELS: Record<UserAction, string> = {
  edit: 'Edit',
  clone: 'Clone',
  enqueue: 'Enqueue',
  dequeue: 'Dequeue',
  abort: 'Abort',
  reset: 'Reset',
  complete: 'Mark completed',
  fail: 'Mark failed',
  publish: 'Publish',
  archive: 'Archive',
  restore: 'Restore',
  delete: 'Delete',
  move: 'Move to project',
  tags: 'Tags',
};

const count = (n: number, what: string) => `${n} ${what}${n > 1 ? 's' : ''}`;

/** A question's box, with the request field it sets: checked sends `on`, unchecked `off`. */
interface ConfirmChoice extends ConfirmOption {
  on: Record<string, unknown>;
  off: Record<string, unknown>;
}

/** ClearML's dialogs ask this too; unchecked, the server keeps the draft models (published ones it always keeps). */
const KEEP_MODELS: ConfirmChoice = {
  label: 'Delete draft output models too',
  initial: true,
  on: {},
  off: { delete_output_models: false },
};

/** The tasks an action goes to, as a question names them: of a selection only some of which can take it, how many. */
const which = (n: number, selected: number) =>
  selected > n ? `${n} of the ${selected} selected tasks` : n > 1 ? `${n} tasks` : 'this task';

const CONFIRM: Partial<
  Record<
    UserAction,
    {
      title: string;
      text: (n: number, tasks: ActionTask[], selected: number) => string;
      danger?: boolean;
      option?: ConfirmChoice;
    }
  >
> = {
  // Asked only when the archive would stop or dequeue something (see start): someone's run ends with it.
  archive: {
    title: 'Archive',
    text: (n, tasks, selected) => {
      const running = tasks.filter((t) => t.status === 'in_progress').length;
      const pending = tasks.filter((t) => t.status === 'queued').length;
      const what = [
        running ? `stops ${count(running, 'running task')}` : '',
        pending ? `dequeues ${count(pending, 'pending task')}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return `Archive ${which(n, selected)}? Archiving ${what}.`;
    },
    danger: true,
  },
  abort: {
    title: 'Abort',
    text: (n, _, selected) => `Abort ${which(n, selected)}? A running task is stopped; a pending one leaves its queue.`,
    danger: true,
  },
  reset: {
    title: 'Reset',
    text: (n, _, selected) =>
      `Reset ${which(n, selected)} to Draft? Its outputs (console, scalars, plots, debug samples and output artifacts) will be deleted.`,
    danger: true,
    option: KEEP_MODELS,
  },
  delete: {
    title: 'Delete',
    text: (n, _, selected) => `Delete ${which(n, selected)} for good? Its events and stored files are deleted too.`,
    danger: true,
    option: KEEP_MODELS,
  },
  publish: {
    title: 'Publish',
    text: (n, _, selected) => `Publish ${which(n, selected)}? Published tasks are read-only from then on.`,
  },
  complete: { title: 'Mark completed', text: () => 'Mark as completed?' },
  fail: { title: 'Mark failed', text: () => 'Mark as failed?' },
};

const PRIMARY: UserAction[] = ['clone', 'enqueue', 'abort'];
const MORE: UserAction[] = ['dequeue', 'reset', 'publish', 'complete', 'fail', 'archive', 'restore', 'move', 'tags', 'delete'];

export interface TaskActionsProps {
  tasks: ActionTask[];
  /** After a clone: open the new Draft. */
  onCloned?: (projectId: string | null, id: string) => void;
  /** After a delete. */
  onDeleted?: (ids: string[]) => void;
  /** After an archive or a restore: the tasks it moved out of the view they were in. */
  onLeftView?: (ids: string[]) => void;
  /** When set, an Edit action is offered (Draft only). */
  onEdit?: () => void;
  /**
   * `context`: no toolbar, only a menu of every action opened at `anchor` (a row's right
   * click); it reopens whenever a new anchor object arrives.
   */
  variant?: 'toolbar' | 'context';
  anchor?: { x: number; y: number } | null;
}

/**
 * Lifecycle actions for one task (detail header) or a selection (table bar). As in ClearML's web app, an action is
 * enabled when the shared rules allow it for any of the tasks, and goes to those (the label says how many of the
 * selection); when none can take it, the reason is a tooltip. Results come back per task.
 */
export function TaskActions({
  tasks,
  onCloned,
  onDeleted,
  onLeftView,
  onEdit,
  variant = 'toolbar',
  anchor = null,
}: TaskActionsProps) {
  const client = useApiClient();
  const qc = useQueryClient();
  const viewer = useViewerBlocker();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<UserAction | null>(null);
  // The tasks the open action goes to: those of the selection that can take it.
  const [acting, setActing] = useState<ActionTask[]>(tasks);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const afterOutcome = useRef<(() => void) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState(anchor);
  const [abortingChildren, setAbortingChildren] = useState(false);
  const [childNames, setChildNames] = useState<Record<string, string>>({});
  useEffect(() => setAt(anchor), [anchor]);
  const names = Object.fromEntries(tasks.map((t) => [t.id, t.name]));
  const ids = acting.map((t) => t.id);
  const single = tasks.length === 1 ? tasks[0] : null;
  const parentOfRuns = single && single.type && PARENT_TYPES.has(single.type) ? single : null;

  const refresh = () => qc.invalidateQueries();
  const fail = (e: unknown) => setError(e instanceof ApiCallError ? e.detail : (e as Error).message);

  async function run(action: UserAction, extra?: Record<string, unknown>, on = ids) {
    setDialog(null);
    try {
      const r = await runAction(client, action, on, extra);
      // The tasks that left the view are let go once the report is closed: letting go of a whole selection takes this
      // bar, and the report in it, off the page.
      const leave = () => {
        if (action === 'delete' && r.succeeded.length) onDeleted?.(r.succeeded);
        if ((action === 'archive' || action === 'restore') && r.succeeded.length) onLeftView?.(r.succeeded);
      };
      // A single task done without refusal needs no report; anything else gets one.
      if (r.failed.length || on.length > 1) {
        afterOutcome.current = leave;
        setOutcome(r);
      } else leave();
    } catch (e) {
      fail(e);
    } finally {
      await refresh();
    }
  }

  async function send<E extends EndpointName>(endpoint: E, body: RequestOf<E>) {
    setDialog(null);
    try {
      return await client.call(endpoint, body);
    } catch (e) {
      fail(e);
      return null;
    } finally {
      await refresh();
    }
  }

  function start(action: UserAction, eligible: ActionTask[]) {
    setMenu(null);
    setAt(null);
    setActing(eligible);
    const on = eligible.map((t) => t.id);
    if (action === 'edit') onEdit?.();
    else if (action === 'archive' && eligible.some((t) => t.status === 'in_progress' || t.status === 'queued')) setDialog(action);
    else if (['archive', 'restore', 'dequeue'].includes(action)) void run(action, undefined, on);
    else setDialog(action);
  }

  const item = (action: UserAction, asMenu: boolean) => {
    const why = viewer ?? (action === 'clone' && !single ? 'Clone one task at a time' : bulkBlocker(action, tasks));
    const eligible = eligibleFor(action, tasks);
    // A selection some of whose tasks cannot take the action: it goes to the others, and says how many.
    const label =
      tasks.length > 1 && eligible.length < tasks.length
        ? `${LABELS[action]} (${eligible.length} of ${tasks.length})`
        : LABELS[action];
    const control = asMenu ? (
      <MenuItem
        key={action}
        disabled={!!why}
        onClick={() => start(action, eligible)}
        sx={action === 'delete' ? { color: 'error.main' } : undefined}
      >
        {label}
      </MenuItem>
    ) : (
      <Button
        key={action}
        size="small"
        variant={action === 'clone' ? 'contained' : 'outlined'}
        disabled={!!why}
        onClick={() => start(action, eligible)}
      >
        {label}
      </Button>
    );
    return why ? (
      <Tooltip key={action} title={why} placement={asMenu ? 'left' : 'bottom'}>
        <span>{control}</span>
      </Tooltip>
    ) : (
      control
    );
  };

  const abortChildren = parentOfRuns && (
    <MenuItem
      key="abort-children"
      disabled={!!viewer}
      onClick={() => {
        setMenu(null);
        setAt(null);
        setAbortingChildren(true);
      }}
    >
      Abort all children
    </MenuItem>
  );

  const confirm = dialog ? CONFIRM[dialog] : undefined;
  return (
    <Box
      sx={{ display: variant === 'toolbar' ? 'flex' : 'contents', gap: 1, alignItems: 'center' }}
      aria-label="task actions"
      role="toolbar"
    >
      {variant === 'toolbar' ? (
        <>
          {onEdit && item('edit', false)}
          {PRIMARY.map((a) => item(a, false))}
          <IconButton aria-label="more actions" onClick={(e) => setMenu(e.currentTarget)} size="small">
            <MoreVertIcon />
          </IconButton>
          <Menu anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
            {MORE.map((a) => item(a, true))}
            {abortChildren}
          </Menu>
        </>
      ) : (
        <Menu
          open={!!at}
          onClose={() => setAt(null)}
          anchorReference="anchorPosition"
          anchorPosition={at ? { top: at.y, left: at.x } : undefined}
          slotProps={{ list: { 'aria-label': `actions for ${single?.name ?? `${tasks.length} tasks`}` } }}
        >
          {[...(onEdit ? (['edit'] as UserAction[]) : []), ...PRIMARY, ...MORE].map((a) => item(a, true))}
          {abortChildren}
        </Menu>
      )}

      {confirm && dialog && (
        <ConfirmDialog
          open
          onClose={() => setDialog(null)}
          title={confirm.title}
          text={confirm.text(acting.length, acting, tasks.length)}
          confirm={confirm.title}
          danger={confirm.danger}
          option={confirm.option}
          onConfirm={(checked) => void run(dialog, confirm.option && (checked ? confirm.option.on : confirm.option.off))}
        />
      )}
      {single && (
        <CloneDialog
          open={dialog === 'clone'}
          onClose={() => setDialog(null)}
          sourceName={single.name}
          sourceProject={single.project}
          onClone={async (c) => {
            const r = await send('tasks.clone', {
              task: single.id,
              new_task_name: c.name,
              ...(c.newProjectName
                ? { new_project_name: c.newProjectName }
                : c.projectId
                  ? { new_task_project: c.projectId }
                  : {}),
              ...(c.comment ? { new_task_comment: c.comment } : {}),
              new_task_parent: c.keepParent ? single.id : '',
            });
            if (r?.id) onCloned?.(r.new_project?.id ?? c.projectId, r.id);
          }}
        />
      )}
      <EnqueueDialog
        open={dialog === 'enqueue'}
        onClose={() => setDialog(null)}
        ids={ids}
        onEnqueue={(queue) => void run('enqueue', { queue })}
      />
      <MoveDialog
        open={dialog === 'move'}
        onClose={() => setDialog(null)}
        onMove={(target) => void send('tasks.move', { ids, ...target })}
      />
      <TagsDialog
        open={dialog === 'tags'}
        onClose={() => setDialog(null)}
        tags={single?.tags ?? []}
        onSave={(add, remove) => void send('tasks.update_tags', { ids, add_tags: add, remove_tags: remove })}
      />
      {parentOfRuns && abortingChildren && (
        <AbortChildrenDialog
          parent={parentOfRuns}
          open
          onClose={() => setAbortingChildren(false)}
          onAbort={(children) => {
            setAbortingChildren(false);
            void run(
              'abort',
              undefined,
              children.map((c) => c.id),
            );
            setChildNames(Object.fromEntries(children.map((c) => [c.id, c.name])));
          }}
        />
      )}
      <OutcomeDialog
        outcome={outcome}
        names={{ ...childNames, ...names }}
        onClose={() => {
          setOutcome(null);
          afterOutcome.current?.();
          afterOutcome.current = null;
        }}
      />
      <Snackbar open={!!error} autoHideDuration={8000} onClose={() => setError(null)}>
        <Alert severity="error" onClose={() => setError(null)} role="alert">
          {error}
        </Alert>
      </Snackbar>
    </Box>
  );
}
