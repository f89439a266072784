import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import FolderIcon from '@mui/icons-material/FolderOutlined';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { AppLink } from '../../../components/AppLink';
import { useHasTasks, useProjects } from '../api/queries';
import { buildTree, runningOf, type ProjectNode } from '../tree';

function Node({
  node,
  depth,
  selected,
  open,
  toggle,
  onSelect,
}: {
  node: ProjectNode;
  depth: number;
  selected?: string;
  open: Set<string>;
  toggle: (id: string) => void;
  onSelect: (id: string) => void;
}) {
  const p = node.project;
  const running = runningOf(p);
  const isOpen = open.has(p.id);
  return (
    <>
      <ListItemButton
        selected={selected === p.id}
        aria-current={selected === p.id ? 'page' : undefined}
        onClick={() => onSelect(p.id)}
        sx={{ pl: 1 + depth * 2, py: 0.25 }}
        aria-label={`project ${p.name}`}
        data-project={p.name}
      >
        <ListItemIcon sx={{ minWidth: 30 }}>
          <FolderIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary={p.basename} slotProps={{ primary: { noWrap: true, sx: { fontSize: 14 } } }} />
        {/* Beside the name, not over the folder icon, where a badge covered it. */}
        {running > 0 && (
          <Box
            component="span"
            aria-label={`${running} running`}
            sx={{
              ml: 0.5,
              px: 0.75,
              minWidth: 18,
              borderRadius: 9,
              bgcolor: 'primary.main',
              color: 'primary.contrastText',
              fontSize: 11,
              lineHeight: '18px',
              textAlign: 'center',
              flexShrink: 0,
            }}
          >
            {running}
          </Box>
        )}
        <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }} aria-label="task count">
          {p.stats?.active?.total_tasks ?? 0}
        </Typography>
        {node.children.length > 0 && (
          <IconButton
            size="small"
            aria-label={`${isOpen ? 'collapse' : 'expand'} ${p.basename}`}
            onClick={(e) => {
              e.stopPropagation();
              toggle(p.id);
            }}
          >
            {isOpen ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
          </IconButton>
        )}
      </ListItemButton>
      {node.children.length > 0 && (
        <Collapse in={isOpen} unmountOnExit>
          {node.children.map((c) => (
            <Node
              key={c.project.id}
              node={c}
              depth={depth + 1}
              selected={selected}
              open={open}
              toggle={toggle}
              onSelect={onSelect}
            />
          ))}
        </Collapse>
      )}
    </>
  );
}

/** The side panel: projects nested by path, task counts, a badge with how many run. */
export function ProjectTree({
  selected,
  onSelect,
  onAllTasks,
}: {
  selected?: string;
  onSelect: (id: string) => void;
  /** Opens the list of every task (where tasks outside any project are). */
  onAllTasks: () => void;
}) {
  const projects = useProjects();
  // Asked only when there is no project to list: tasks without one (say, compared ones) are not "no projects yet".
  const hasTasks = useHasTasks(projects.isSuccess && projects.data.length === 0);
  // Opened and closed by hand; the selected project's path opens by itself unless closed.
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [closed, setClosed] = useState<Set<string>>(new Set());
  if (projects.isPending)
    return (
      <Box sx={{ p: 2 }}>
        {[1, 2, 3].map((i) => (
          <Skeleton key={i} height={28} />
        ))}
      </Box>
    );
  const all = projects.data ?? [];
  const tree = buildTree(all);
  // A project and those above it (`a`, `a/b` and `a/b/c` for `a/b/c`): the selected one's path
  // is open, so its sub-projects show when it is picked.
  const pathTo = (id: string | undefined) => {
    const p = all.find((x) => x.id === id);
    return p ? all.filter((x) => x.id === p.id || p.name.startsWith(x.name + '/')).map((x) => x.id) : [];
  };
  const effective = new Set([...open, ...pathTo(selected)].filter((id) => !closed.has(id)));
  const toggle = (id: string) => {
    const without = (set: Set<string>) => new Set([...set].filter((x) => x !== id));
    if (effective.has(id)) {
      setOpen(without(open));
      setClosed(new Set([...closed, id]));
    } else {
      setOpen(new Set([...open, id]));
      setClosed(without(closed));
    }
  };
  // Picking a project opens its path again, even where it was closed by hand.
  const select = (id: string) => {
    const path = pathTo(id);
    setClosed(new Set([...closed].filter((c) => !path.includes(c))));
    onSelect(id);
  };
  return (
    <List dense component="nav" aria-label="projects">
      {tree.map((n) => (
        <Node key={n.project.id} node={n} depth={0} selected={selected} open={effective} toggle={toggle} onSelect={select} />
      ))}
      {!tree.length && !hasTasks.isPending && (
        <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
          {hasTasks.data ? (
            <>
              No projects to list.{' '}
              <AppLink href="/projects/*/tasks" navigate={onAllTasks}>
                All tasks
              </AppLink>{' '}
              lists every task, those outside a project too.
            </>
          ) : (
            'No projects yet.'
          )}
        </Typography>
      )}
    </List>
  );
}
